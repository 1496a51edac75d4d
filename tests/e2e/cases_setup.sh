#!/usr/bin/env bash
# The case register's e2e set-up (cases 960-989), sourced by their setup
# files in the case's work directory: a key file ./keys (IVP_KEYS), the
# organisations zvh, politie, halt, reclassering, the users zora (zvh,
# registers), dirk (zvh, process director), pia (politie), mona (halt),
# lena (reclassering) as members of the case register, nina (politie) and
# adam (admin) not, and case C-2026-0001 of "Kees Geheimnaam" registered by
# zora with dirk as process director and politie taking part.
set -e
export IVP_KEYS=$PWD/keys
"$IVP" init >/dev/null
for o in zvh politie halt reclassering; do "$IVP" org add "$o" "Organisatie $o" --lang en >/dev/null; done
for u in zora:zvh dirk:zvh pia:politie mona:halt lena:reclassering nina:politie; do
  printf 'Zeer-geheim wachtwoord 42\n' | "$IVP" user add "${u%%:*}" --role viewer --org "${u#*:}" --lang en >/dev/null
done
printf 'Zeer-geheim wachtwoord 42\n' | "$IVP" user add adam --role admin --org gemeente --lang en >/dev/null
"$IVP" keys init --keys "$IVP_KEYS" --user adam --lang en >/dev/null
for u in zora dirk pia mona lena; do
  "$IVP" user totp "$u" --lang en >/dev/null # members sign in with a second factor
  "$IVP" registers grant cases "$u" --user adam --lang en >/dev/null
done
"$IVP" cases add --user zora --lang en --date 2026-03-02 --name "Kees Geheimnaam" --birth 1990-05-17 \
  --bsn 111222333 --address "Geheimstraat 17" --reason "overlast en verslaving" --goal "een plan van aanpak" \
  --criteria multi_domain,chains --wijk BU19260103 --director dirk >/dev/null
"$IVP" cases org add C-2026-0001 politie --date 2026-03-03 --user dirk --lang en >/dev/null
