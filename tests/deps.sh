#!/bin/sh
# deps.sh PKG...: installs the Debian packages that are missing when run
# as root; otherwise prints the one apt-get line to run.  Exits 0 when
# everything is present or was installed, 1 otherwise.
missing=""
for p in "$@"; do
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
