#!/bin/sh
# run.sh SRCDIR B: the browser tests (make test-browser).
#
# Skips (exit 0, with a message) when /usr/bin/chromium, node or npm is
# missing.  Otherwise installs playwright-core (package.json, into
# tests/browser/node_modules), starts a temporary hall as the HTTP tests
# do (tests/hall-env.sh), and runs each tests/browser/*.spec.mjs with
# node, its output in T/browser-NAME.log and screenshots in tests/out/.
# Each spec prints "PASS name" / "FAIL name: reason" per test; a spec
# that dies without saying so counts as one failure.  Ends with
# "N passed, N failed" and fails when a test failed or a program logged
# a sanitizer report.  HALL_TEST_KEEP=1 keeps the hall's folder.
set -u

[ $# -eq 2 ] || { echo "usage: run.sh SRCDIR B" >&2; exit 2; }
if [ ! -x /usr/bin/chromium ] || ! command -v node >/dev/null 2>&1 ||
    ! command -v npm >/dev/null 2>&1; then
	echo "browser tests: skipped (needs /usr/bin/chromium, node and npm:" \
	    "apt-get install chromium nodejs npm fonts-noto-cjk)"
	exit 0
fi
src=$(cd "$1" && pwd) || exit 2
here=$src/tests/browser
out=$src/tests/out

(cd "$here" && npm install --no-audit --no-fund --loglevel=error \
    >"${TMPDIR:-/tmp}/hall-npm.$$.log" 2>&1) || {
	cat "${TMPDIR:-/tmp}/hall-npm.$$.log" >&2
	rm -f "${TMPDIR:-/tmp}/hall-npm.$$.log"
	echo "browser tests: npm install failed in $here" >&2
	exit 1
}
rm -f "${TMPDIR:-/tmp}/hall-npm.$$.log"

. "$src/tests/hall-env.sh"
hall_env_init browser "$1" "$2"
hall_env_start
hall_env_export
HALL_TEST_OUT=$out
NODE_EXTRA_CA_CERTS=$T/certs/ca.crt
export HALL_TEST_OUT NODE_EXTRA_CA_CERTS
mkdir -p "$out" || hall_fail "cannot make $out"

passed=0
failed=0
for spec in "$here"/*.spec.mjs; do
	[ -f "$spec" ] || continue
	name=${spec##*/}
	log=$T/browser-${name%.spec.mjs}.log
	echo "== $name"
	(cd "$here" && timeout 600 node "$spec") >"$log" 2>&1
	rc=$?
	grep -E '^(PASS|FAIL) ' "$log"
	p=$(grep -c '^PASS ' "$log")
	f=$(grep -c '^FAIL ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $name: exited with status $rc"
		tail -n 20 "$log"
		f=1
	elif [ "$f" -gt 0 ]; then
		grep -v -E '^(PASS|FAIL) ' "$log" | head -n 40
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done

hall_env_stop
[ $failed -eq 0 ] || hall_show_logs
if ! hall_env_sanitizers; then
	echo "browser tests: a program reported a sanitizer error" >&2
	failed=$((failed + 1))
fi
echo "browser tests: screenshots in $out"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
