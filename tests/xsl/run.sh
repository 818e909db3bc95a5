#!/bin/sh
# Renders every sample tests/xsl/<prog>-<view>[-case].xml with
# xsl/<prog>.xsl (xsltproc, no network, no writes) and checks the HTML:
# it renders without messages, is an HTML5 zh-CN page with the one CSS
# file and the one script file (/static/hall.js), carries no other
# <script> and no javascript: URL (hostile strings in
# the samples must come out escaped), every POST form but the login form
# carries the csrf field, shows every <error>'s Chinese message but
# never its machine code, and it contains the fragments of expect.txt
# (sample, fragment, and optionally the exact count, tab-separated).
# Prints "N passed, N failed" and exits non-zero on any failure.
# Run from the top of the repository: sh tests/xsl/run.sh
here=$(dirname "$0")
xsl=${XSL_DIR:-xsl}
if ! command -v xsltproc >/dev/null 2>&1; then
	echo "xsltproc not found: apt-get install xsltproc" >&2
	exit 2
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

# ok NAME COND-STATUS MESSAGE: counts one check.
ok() {
	if [ "$2" -eq 0 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $1: $3"
	fi
}

for f in "$here"/*.xml; do
	b=$(basename "$f" .xml)
	prog=${b%%-*}
	out="$tmp/$b.html"
	xsltproc --nonet --nowrite --nomkdir "$xsl/$prog.xsl" "$f" \
	    >"$out" 2>"$tmp/err"
	ok "$b" $? "xsltproc failed: $(cat "$tmp/err")"
	[ ! -s "$tmp/err" ]
	ok "$b" $? "xsltproc said: $(cat "$tmp/err")"
	head -c 15 "$out" | grep -q '^<!DOCTYPE html>'
	ok "$b" $? "no HTML5 doctype"
	grep -q '<html lang="zh-CN">' "$out"
	ok "$b" $? "no <html lang=zh-CN>"
	grep -q 'charset=UTF-8' "$out"
	ok "$b" $? "no charset declaration"
	grep -q '<link rel="stylesheet" href="/static/hall.css">' "$out"
	ok "$b" $? "no hall.css link"
	grep -q '<script src="/static/hall.js" defer></script>' "$out"
	ok "$b" $? "no hall.js script"
	! sed 's|<script src="/static/hall.js" defer></script>||' "$out" |
	    grep -qi '<script'
	ok "$b" $? "unescaped <script> in output"
	! grep -qi 'javascript:' "$out"
	ok "$b" $? "javascript: in output"
	n=$(xmllint --html --xpath \
	    "count(//form[@method='post'][not(@action='/login')][not(.//input[@type='hidden'][@name='csrf'][string-length(@value)=64])])" \
	    "$out" 2>/dev/null)
	[ "$n" = "0" ]
	ok "$b" $? "$n POST form(s) without a csrf field"
done

# No machine code reaches a person: for every <error> of a sample (the
# error view's, and each of an <errors> list), its @code (NOT_FOUND,
# CHARS, ...) appears nowhere in the HTML, not even in an attribute,
# while its Chinese message is in the page's text.
for f in "$here"/*.xml; do
	b=$(basename "$f" .xml)
	out="$tmp/$b.html"
	[ -f "$out" ] || continue
	n=$(xmllint --xpath 'count(//error)' "$f" 2>/dev/null) || n=0
	[ "$n" -gt 0 ] 2>/dev/null || continue
	text=$(xmllint --html --xpath 'normalize-space(/)' "$out" 2>/dev/null)
	i=1
	while [ "$i" -le "$n" ]; do
		code=$(xmllint --xpath "string((//error)[$i]/@code)" "$f")
		msg=$(xmllint --xpath "normalize-space((//error)[$i])" "$f")
		# layout.xsl shows a "(/path)" as a link in words.
		msg=$(printf '%s' "$msg" | sed 's#(/[a-z0-9/_]*)#(前往办理)#g')
		if [ -n "$code" ]; then
			! grep -qw -- "$code" "$out"
			ok "$b" $? "error code $code shown in the HTML"
		fi
		case "$text" in
		*"$msg"*) ok "$b" 0 "" ;;
		*) ok "$b" 1 "error message not shown: $msg" ;;
		esac
		i=$((i + 1))
	done
done

# The fragments of expect.txt, line by line: present, or present exactly
# COUNT times when a third column is given (0: absent).
tab=$(printf '\t')
while IFS="$tab" read -r sample frag count; do
	case "$sample" in ''|'#'*) continue ;; esac
	if [ ! -f "$tmp/$sample.html" ]; then
		ok "$sample" 1 "no such sample"
		continue
	fi
	if [ -z "$count" ]; then
		grep -qF -- "$frag" "$tmp/$sample.html"
		ok "$sample" $? "missing: $frag"
	else
		n=$(grep -oF -- "$frag" "$tmp/$sample.html" | wc -l)
		[ "$n" -eq "$count" ]
		ok "$sample" $? "found $n times, want $count: $frag"
	fi
done <"$here/expect.txt"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
