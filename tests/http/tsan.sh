#!/usr/bin/env bash
# One live-server test (tests/http/SCRIPT) against an `ivp` built with
# ThreadSanitizer (scripts/test.sh builds it in build-tsan/ with clang):
# the worker threads, the response cache, the background import jobs and
# the connection pool run under TSan while the test drives them. Fails if
# the test fails or TSan reported anything (its reports are printed).
# usage: tsan.sh SCRIPT IVP_TSAN_BINARY
set -uo pipefail
script=$1 ivp=$2
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
export TSAN_OPTIONS="halt_on_error=0 exitcode=66 second_deadlock_stack=1 log_path=$logs/tsan"
"$(dirname "$0")/$script" "$ivp"
rc=$?
if compgen -G "$logs/tsan.*" >/dev/null; then
	echo "FAIL ThreadSanitizer reports:"
	cat "$logs"/tsan.*
	rc=1
fi
exit $rc
