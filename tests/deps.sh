#!/bin/sh
# deps.sh PKG[:CMD]...: installs the Debian packages that are missing
# when run as root; otherwise prints the one apt-get line to run.  A
# package written PKG:CMD counts as present when the command CMD is on
# the PATH, whoever installed it: a machine with NodeSource's nodejs
# already has node and npm, and Debian's npm cannot be installed beside
# it ("held broken packages").  Exits 0 when everything is present or
# was installed, 1 otherwise.
missing=""
for arg in "$@"; do
	p=${arg%%:*}
	if [ "$p" != "$arg" ] && command -v "${arg#*:}" >/dev/null 2>&1; then
		continue
	fi
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
	echo "installing:$missing"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
		{ echo "apt-get failed for:$missing" >&2; exit 1; }
	exit 0
fi
echo "missing Debian packages; run as root:" >&2
echo "  apt-get install$missing" >&2
exit 1
