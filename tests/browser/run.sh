#!/bin/sh
# run.sh SRCDIR B: the browser tests (make test-browser).
#
# Needs /usr/bin/chromium, node, npm and pdfinfo (the Makefile's
# DEB_TEST_PKGS, which make test installs when run as root).  When one
# is missing it skips (exit 0, saying what is missing), except in CI
# (CI set and not "false" or "0"), where a skipped browser test is a
# failure.  With them present, anything that keeps a test from running
# (npm, the hall, a spec that dies or reports nothing) fails.
#
# Installs playwright-core from package-lock.json with npm ci into
# tests/browser/node_modules when that is absent or older than the lock,
# starts a temporary hall as the HTTP tests do (tests/hall-env.sh), and
# runs each tests/browser/*.spec.mjs with node, its output in
# T/browser-NAME.log and screenshots in tests/out/.  Each spec prints
# "PASS name" / "FAIL name: reason" per test; a spec that dies without
# saying so, or reports no test, counts as one failure.  Ends with
# "N passed, N failed" and fails when a test failed or a program logged
# a sanitizer report.  HALL_TEST_KEEP=1 keeps the hall's folder;
# BROWSER_SPEC=NAME runs only tests/browser/NAME.spec.mjs.
set -u

[ $# -eq 2 ] || { echo "usage: run.sh SRCDIR B" >&2; exit 2; }
missing=""
[ -x /usr/bin/chromium ] || missing="$missing /usr/bin/chromium"
for c in node npm pdfinfo; do
	command -v $c >/dev/null 2>&1 || missing="$missing $c"
done
if [ -n "$missing" ]; then
	case ${CI:-} in
	'' | false | 0)
		echo "browser tests: skipped (missing:$missing; make test as" \
		    "root installs them)"
		exit 0 ;;
	esac
	echo "browser tests: FAIL: CI=$CI and missing:$missing" \
	    "(make test as root installs DEB_TEST_PKGS)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
src=$(cd "$1" && pwd) || exit 2
here=$src/tests/browser
out=$src/tests/out

# playwright-core as the lock file says, installed again whenever the
# lock is newer than what npm last installed.
stamp=$here/node_modules/.package-lock.json
if [ ! -f "$here/node_modules/playwright-core/package.json" ] ||
    [ ! -f "$stamp" ] ||
    [ -n "$(find "$here/package-lock.json" -newer "$stamp")" ]; then
	npmlog=${TMPDIR:-/tmp}/hall-npm.$$.log
	echo "browser tests: npm ci in $here"
	(cd "$here" && npm ci --no-audit --no-fund --loglevel=error \
	    >"$npmlog" 2>&1) || {
		cat "$npmlog" >&2
		rm -f "$npmlog"
		echo "browser tests: FAIL: npm ci failed in $here" >&2
		echo "0 passed, 1 failed"
		exit 1
	}
	rm -f "$npmlog"
fi

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
for spec in "$here"/${BROWSER_SPEC:-*}.spec.mjs; do
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
	elif [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $name: reported no test"
		tail -n 20 "$log"
		f=1
	elif [ "$f" -gt 0 ]; then
		grep -v -E '^(PASS|FAIL) ' "$log" | head -n 40
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done
if [ $passed -eq 0 ] && [ $failed -eq 0 ]; then
	echo "FAIL: no browser test ran (no $here/*.spec.mjs)"
	failed=1
fi

hall_env_stop
[ $failed -eq 0 ] || hall_show_logs
if ! hall_env_sanitizers; then
	echo "browser tests: a program reported a sanitizer error" >&2
	failed=$((failed + 1))
fi
echo "browser tests: screenshots in $out"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
