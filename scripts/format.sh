#!/usr/bin/env bash
# Apply the committed .clang-format to the C sources of src/, include/,
# tests/ and bench/ (the tracked *.c and *.h files), or with --check only
# report the lines it would change and exit 1 if there are any (what
# `make lint` runs; clang-format --dry-run -Werror).
# Not formatted: include/ivp/messages*.def (X-macro tables of nl/en texts, one
# message a line so the nl and en texts of a key sit side by side; it is not
# C on its own) and everything outside those four folders. Inside a C file a
# table whose columns line up by hand is fenced with // clang-format off/on.
# usage: scripts/format.sh [--check] [FILE...]
set -euo pipefail
cd "$(dirname "$0")/.."
CF=${CLANG_FORMAT:-clang-format}
check=0
if [ "${1:-}" = "--check" ]; then check=1; shift; fi
if [ $# -gt 0 ]; then
	files=("$@")
else
	mapfile -t files < <(git ls-files -- 'src/*.[ch]' 'include/*.[ch]' 'tests/*.[ch]' 'bench/*.[ch]')
fi
[ ${#files[@]} -gt 0 ] || exit 0
if [ $check = 1 ]; then
	out=$("$CF" --style=file --dry-run -Werror "${files[@]}" 2>&1) && exit 0
	printf '%s\n' "$out" | grep -E '^[^ ].*: (error|warning):' | sed 's/ \[-W.*//' | head -50
	n=$(printf '%s\n' "$out" | grep -cE ': (error|warning):' || true)
	echo "format: $n places differ from .clang-format; run scripts/format.sh" >&2
	exit 1
fi
"$CF" --style=file -i "${files[@]}"
