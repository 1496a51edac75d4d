#!/usr/bin/env bash
# The report libraries (cairo, pango, QPDF, libxlsxwriter), PROJ and libcurl
# are loaded only by what uses them (src/core/module.h): the program links
# none of them, `ivp --version` and `ivp areas` open none of them, and each
# module holds its own (ivp-report.so cairo/pango/QPDF/libxlsxwriter,
# ivp-geo.so PROJ, ivp-fetch.so libcurl). That the modules work is every
# report, boundaries and fetch test.
# usage: modules.sh BUILD_DIR
set -uo pipefail
B=$(realpath "$1")
HEAVY='libcairo|libpango|libqpdf|libxlsxwriter|libproj|libcurl|libharfbuzz|libfontconfig|libtiff'
fails=0
hits=$(ldd "$B/ivp" | grep -E "$HEAVY")
[ -z "$hits" ] || { echo "FAIL: ivp links what only its modules need:"; echo "$hits"; fails=1; }
want() { # MODULE PATTERN
	ldd "$B/ivp-$1.so" | grep -E "$2" >/dev/null || { echo "FAIL: ivp-$1.so does not link $2"; fails=1; }
}
want report libcairo; want report libpango; want report libqpdf; want report libxlsxwriter
want geo libproj; want fetch libcurl
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export IVP_DB=$T/ivp.db ASAN_OPTIONS=${ASAN_OPTIONS:-}:detect_leaks=0
# the operator the imports name (ivp refuses writes without one; docs/audit.md)
export IVP_USER=modules-test
"$B/ivp" init >/dev/null 2>&1 || { echo "FAIL: ivp init"; fails=1; }
for cmd in "--version" "areas --lang nl"; do
	# shellcheck disable=SC2086
	opened=$(LD_DEBUG=files "$B/ivp" $cmd 2>&1 >/dev/null | grep -oE "file=[^ ]*($HEAVY|ivp-[a-z]+\.so)[^ ]*" | sort -u)
	[ -z "$opened" ] || { echo "FAIL: ivp $cmd opens:"; echo "$opened"; fails=1; }
done
# the check can fail: a boundary in WGS84 does open the projection module
"$B/ivp" import codes "$(dirname "$0")/../examples/pijnacker-nootdorp/data/crime__WijkenEnBuurten.csv" >/dev/null 2>&1
printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"statcode":"GM1926"},"geometry":{"type":"Polygon","coordinates":[[[4.4,52.0],[4.5,52.0],[4.5,52.05],[4.4,52.0]]]}}]}' >"$T/b.geojson"
LD_DEBUG=files "$B/ivp" import boundaries "$T/b.geojson" 2>&1 >/dev/null | grep 'file=.*ivp-geo\.so' >/dev/null ||
	{ echo "FAIL: a WGS84 boundary did not open ivp-geo.so (or the check cannot see it)"; fails=1; }
[ $fails -eq 0 ] && echo "ok: ivp starts without the report, PROJ and libcurl libraries; its modules have them"
exit $fails
