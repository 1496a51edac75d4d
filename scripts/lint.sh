#!/usr/bin/env bash
# `make lint`: every check that holds a habit of the tree, each printing its
# findings, and exit 1 if any found something:
#   format   scripts/format.sh --check (.clang-format on src/ include/ tests/ bench/)
#   tidy     clang-tidy (.clang-tidy) on every C file of the build
#   cppcheck cppcheck (scripts/lint/cppcheck.supp, scripts/lint/jansson.cfg)
#   banned   scripts/lint-banned.sh (banned functions, message formats)
#   readme   tests/readme_files.sh (every tracked file named in its folder's README)
#   publiccode scripts/lint/publiccode.sh (publiccode.yml has the keys the standard asks)
# The compile commands come from a configure-only build in build-lint/.
# usage: scripts/lint.sh [CHECK...]   (default: all)
set -uo pipefail
cd "$(dirname "$0")/.."
B=${LINT_BUILD:-build-lint}
JOBS=$(nproc 2>/dev/null || echo 2)
checks=("$@")
[ ${#checks[@]} -gt 0 ] || checks=(format tidy cppcheck banned readme publiccode)
failed=()

compile_commands() {
	[ -f "$B/compile_commands.json" ] && [ "$B/compile_commands.json" -nt CMakeLists.txt ] &&
		[ "$B/compile_commands.json" -nt tests/CMakeLists.txt ] && return 0
	cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Debug -DIVP_TESTS=ON -DIVP_FAULT=ON >/dev/null
}

# clang-tidy's own exit status is ignored (xargs stops at a 255): the
# findings it prints decide.
tidy() {
	local out
	out=$(git ls-files -z -- 'src/*.c' 'tests/*.c' 'bench/*.c' |
		xargs -0 -P "$JOBS" -n 4 sh -c 'clang-tidy "$@" || :' clang-tidy -p "$B" --quiet \
			--extra-arg=-Wno-unknown-warning-option 2>/dev/null |
		grep -E '(warning|error):' | sort -u) || :
	[ -z "$out" ] || { printf '%s\n' "$out"; return 1; }
}

for c in "${checks[@]}"; do
	echo "== lint: $c"
	case $c in
	format) scripts/format.sh --check ;;
	tidy) compile_commands && tidy ;;
	cppcheck)
		compile_commands &&
		cppcheck --project="$B/compile_commands.json" -j "$JOBS" --quiet \
			--enable=warning,style,performance,portability --inline-suppr \
			--library=scripts/lint/jansson.cfg --suppressions-list=scripts/lint/cppcheck.supp \
			--error-exitcode=1 --template='{file}:{line}: {severity}: {message} [{id}]' ;;
	banned) scripts/lint-banned.sh ;;
	readme) tests/readme_files.sh ;;
	publiccode) scripts/lint/publiccode.sh ;;
	*) echo "unknown check $c"; false ;;
	esac || failed+=("$c")
done
if [ ${#failed[@]} -gt 0 ]; then
	echo "lint: findings in: ${failed[*]}"
	exit 1
fi
echo "lint: clean"
