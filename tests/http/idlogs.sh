#!/bin/sh
# idlogs.sh LOGDIR: fails (exit 1) when a log of the test hall holds a
# whole 身份证号, listing each line; run by harness.sh after the HTTP
# tests, when the hall has stopped and every log is complete.
#
# What counts is an ID-shaped string: 17 digits and a digit or X,
# not inside a longer run of digits, with a real-looking
# birth date (18xx-20xx, month 01-12, day 01-31) at characters 7-14.
# Each is listed with "checksum ok" when its GB 11643 check digit is
# right (a real number, certainly) or "bad checksum" (still a typed
# number, say with one digit wrong, so still personal).  The programs
# mask such numbers at the sink (lib/log.c) and nginx's access log
# keeps no query string (nginx/hall.conf.in), so nothing is found.
set -u

[ $# -eq 1 ] && [ -d "$1" ] || { echo "usage: idlogs.sh LOGDIR" >&2; exit 2; }

found=0
for f in "$1"/*.log; do
	[ -f "$f" ] || continue
	# LC_ALL=C: bytes, so that Chinese text around a number is
	# skipped, not misread.
	LC_ALL=C awk -v file="${f##*/}" '
	BEGIN {
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
		check = "10X98765432"
		# 17 digits and a digit or X (mawk has no {17}).
		idre = ""
		for (i = 0; i < 17; i++)
			idre = idre "[0-9]"
		idre = idre "[0-9Xx]"
	}
	# The check digit of the 17 digits s is right.
	function checksum_ok(s,    i, sum) {
		sum = 0
		for (i = 1; i <= 17; i++)
			sum += substr(s, i, 1) * w[i]
		return substr(check, sum % 11 + 1, 1) == toupper(substr(s, 18, 1))
	}
	{
		line = $0
		rest = line
		while (match(rest, idre)) {
			id = substr(rest, RSTART, 18)
			before = RSTART > 1 ? substr(rest, RSTART - 1, 1) : ""
			after = substr(rest, RSTART + 18, 1)
			rest = substr(rest, RSTART + 18)
			if (before ~ /[0-9]/ || after ~ /[0-9]/)
				continue
			y = substr(id, 7, 4) + 0; m = substr(id, 11, 2) + 0
			d = substr(id, 13, 2) + 0
			if (y < 1800 || y > 2099 || m < 1 || m > 12 || d < 1 ||
			    d > 31)
				continue
			printf "%s:%d: %s (%s): %.300s\n", file, NR, id,
			    checksum_ok(id) ? "checksum ok" : "bad checksum",
			    line
			bad = 1
		}
	}
	END { exit bad ? 1 : 0 }' "$f" || found=1
done
if [ $found -ne 0 ]; then
	echo "idlogs: whole ID numbers in the logs above" >&2
	exit 1
fi
exit 0
