#!/bin/sh
# deps.sh PKG[:CMD]... [-- PKG[:CMD]...]: the Debian packages the hall
# needs (make deps, make test, .ci/run).  Packages before "--" are
# needed to build and run; those after it only by some tests (the
# browser tests: Chromium, node, fonts ...; the TLS test: testssl.sh).
#
# As root, installs every missing package with one apt-get install.
# Debian's nginx package would start its own nginx service on port 80;
# the hall runs its own nginx (nginx/run.sh) on loopback ports, so a
# policy-rc.d that refuses to start services is in place while apt-get
# runs (unless one is there already, which is then left alone).
#
# Otherwise prints the one apt-get line to run as root.  Exits 1 when a
# package before "--" is missing; when only test packages are, exits 0
# and the tests that need them say that they are skipped.
#
# A package written PKG:CMD counts as present when the command CMD is
# on the PATH, whoever installed it: a machine with NodeSource's nodejs
# already has node and npm, and Debian's npm cannot be installed beside
# it ("held broken packages").  apt-get failing as root exits 1.
set -u

policy=/usr/sbin/policy-rc.d

# True when PKG[:CMD] $1 is installed (or its command is on the PATH).
present() {
	p=${1%%:*}
	if [ "$p" != "$1" ] && command -v "${1#*:}" >/dev/null 2>&1; then
		return 0
	fi
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'
}

# Installs packages $@ with apt-get, no service started meanwhile.
install_pkgs() {
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\n# tests/deps.sh: no service starts while it installs.\nexit 101\n' \
		    >"$policy" && chmod 0755 "$policy" || return 1
		trap 'rm -f "$policy"' EXIT
		trap 'exit 130' INT TERM HUP
	fi
	echo "installing: $*"
	apt-get update -qq &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		    --no-install-recommends "$@" >/dev/null
}

missing=""
missing_test=""
test=0
for arg in "$@"; do
	if [ "$arg" = -- ]; then
		test=1
		continue
	fi
	present "$arg" && continue
	if [ $test -eq 1 ]; then
		missing_test="$missing_test ${arg%%:*}"
	else
		missing="$missing ${arg%%:*}"
	fi
done
[ -z "$missing$missing_test" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	# shellcheck disable=SC2086 # one word per package
	install_pkgs $missing $missing_test || {
		echo "deps.sh: apt-get failed for:$missing$missing_test" >&2
		exit 1
	}
	exit 0
fi
if [ -n "$missing" ]; then
	echo "missing Debian packages; run as root:" >&2
	echo "  apt-get install$missing$missing_test" >&2
	exit 1
fi
echo "missing Debian packages for some tests (the browser tests and" \
    "the testssl check are skipped); run as root:" >&2
echo "  apt-get install$missing_test" >&2
exit 0
