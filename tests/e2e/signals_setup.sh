# The signals register's cases (930–959) start here: a database with its key
# file ./keys (IVP_KEYS; each case's cmd exports it again), an admin adam,
# two members of the register (mona, nina, with TOTP as members need),
# olga of the same organisation who is no member, and dirk, a user of a
# department who is no member either.
export IVP_KEYS="$PWD/keys"
"$IVP" init
PW='Zeer-geheim wachtwoord 42'
for u in "adam admin" "mona viewer" "nina viewer" "olga viewer" "dirk viewer"; do
  set -- $u
  printf '%s\n' "$PW" | "$IVP" user add "$1" --role "$2" --lang en
done
"$IVP" keys init --user adam --lang en
for u in adam mona nina; do "$IVP" user totp "$u" --lang en >/dev/null; done
"$IVP" registers grant signals mona --user adam --lang en
"$IVP" registers grant signals nina --user adam --lang en
