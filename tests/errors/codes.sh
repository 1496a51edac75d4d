#!/usr/bin/env bash
# Every machine code the library sets (src/) is documented in docs/errors.md,
# and every code the library's tables there document is set somewhere in src/.
# A code is a lower_snake string literal on a line that names an error code:
# ivp__code / ivp__coded, the readers' fail_at and BAD, the plan checks' problem /
# ivp__pl_problem, a plan edit's eproblem (src/plan/edit.c), the CSV and rc tables (`[IVP__CSV_…] = "…"`, `case IVP_…:
# return "…"`) and ivp_open's err->code. The HTTP section of docs/errors.md
# (codes of the transport, not of the library) is left out.
# usage: codes.sh [ROOT]
set -euo pipefail
ROOT=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$ROOT"
used=$(grep -rhE 'ivp__coded?\(|fail_at\(|BAD\(|problem\(c, "|ivp__pl_problem\([^,]+, "|eproblem\(|\[IVP__CSV_[A-Z0-9_]+\] = "|case IVP_[A-Z]+: return "|err->code' \
	--include='*.c' src |
	grep -oE '"[a-z]+(_[a-z0-9]+)+"' | tr -d '"' | sort -u)
# the library's table rows: "| `code` | …", up to the "## HTTP" section
documented=$(sed '/^## HTTP/,$d' docs/errors.md | grep -oE '^\| `[a-z]+(_[a-z0-9]+)+`' |
	grep -oE '[a-z]+(_[a-z0-9]+)+' | sort -u)
fail=0
undoc=$(comm -23 <(echo "$used") <(echo "$documented"))
unused=$(comm -13 <(echo "$used") <(echo "$documented"))
if [ -n "$undoc" ]; then
	echo "FAIL: codes set in src/ but not documented in docs/errors.md:"; echo "$undoc" | sed 's/^/  /'; fail=1
fi
if [ -n "$unused" ]; then
	echo "FAIL: codes documented in docs/errors.md but set nowhere in src/:"; echo "$unused" | sed 's/^/  /'; fail=1
fi
n=$(echo "$used" | wc -l)
[ "$n" -ge 40 ] || { echo "FAIL: only $n codes found; has the way codes are set changed?"; fail=1; }
[ $fail -eq 0 ] && echo "ok: $n error codes, each set in src/ and documented"
exit $fail
