#!/usr/bin/env bash
# rawbytes.sh — search known strings in the raw bytes of files: a database
# file, its -wal and -shm beside it, a backup, logs, a PostgreSQL data
# directory (a directory is searched file by file, recursively). For the
# tests of the restricted registers: personal strings written through the
# vault must be nowhere in clear (issue 13, "Must show").
#
# usage: rawbytes.sh [--present] STRINGS FILE|DIR...
#   STRINGS  a file with one string a line (empty lines skipped); each is
#            searched byte for byte (grep -a -F), as written and in lower
#            case, so a register that lower-cases a value is caught too
#   FILE     searched as it is; for a FILE, FILE-wal and FILE-shm are
#            searched too when they exist (SQLite keeps recent pages there)
#   --present  the opposite check: every string must be found somewhere
#            (the harness's own self-check, and a test's control case)
# Prints one line per hit ("FOUND 'string' in FILE") and a summary; exits 0
# when the check holds, 1 when it does not, 2 on a usage error (a missing
# file counts as a usage error: a search of nothing proves nothing).
#
# How the registers' tests call it (tests/registers/README.md):
#   printf '%s\n' 'Jan de Vries' '123456782' >"$W/strings"
#   … write records holding them through ivp, keep the server's log …
#   ivp backup "$W/b.db"
#   tests/registers/rawbytes.sh "$W/strings" "$W/ivp.db" "$W/b.db" "$W/serve.log"
set -uo pipefail
present=0
if [ "${1:-}" = "--present" ]; then present=1; shift; fi
if [ $# -lt 2 ]; then
	echo "usage: rawbytes.sh [--present] STRINGS FILE|DIR..." >&2
	exit 2
fi
strings=$1
shift
[ -r "$strings" ] || { echo "rawbytes: cannot read $strings" >&2; exit 2; }
files=()
for f in "$@"; do
	if [ -d "$f" ]; then
		while IFS= read -r -d '' g; do files+=("$g"); done < <(find "$f" -type f -print0)
	elif [ -f "$f" ]; then
		files+=("$f")
		for x in "$f-wal" "$f-shm" "$f-journal"; do [ -f "$x" ] && files+=("$x"); done
	else
		echo "rawbytes: no such file: $f" >&2
		exit 2
	fi
done
[ ${#files[@]} -gt 0 ] || { echo "rawbytes: nothing to search" >&2; exit 2; }
hits=0 missing=0 n=0
while IFS= read -r s || [ -n "$s" ]; do
	[ -n "$s" ] || continue
	n=$((n + 1))
	lower=$(printf '%s' "$s" | tr '[:upper:]' '[:lower:]')
	found=0
	for f in "${files[@]}"; do
		if LC_ALL=C grep -a -q -F -e "$s" -e "$lower" -- "$f" 2>/dev/null; then
			found=1
			[ $present -eq 1 ] || echo "FOUND '$s' in $f"
			hits=$((hits + 1))
		fi
	done
	if [ $present -eq 1 ] && [ $found -eq 0 ]; then
		echo "MISSING '$s'"
		missing=$((missing + 1))
	fi
done <"$strings"
[ $n -gt 0 ] || { echo "rawbytes: $strings holds no string" >&2; exit 2; }
if [ $present -eq 1 ]; then
	echo "rawbytes: $n strings, ${#files[@]} files: $missing missing"
	[ $missing -eq 0 ]
else
	echo "rawbytes: $n strings, ${#files[@]} files: $hits found"
	[ $hits -eq 0 ]
fi
