#!/bin/sh
# issue.sh DIR NAME O CN [DAYS | STARTDATE ENDDATE]
#
# Issues a certificate from the hall's CA in DIR (made by mkcerts.sh) to
# a unit or a reviewer: DIR/NAME.key (ECDSA P-256, mode 0600),
# DIR/NAME.crt (clientAuth), DIR/NAME.pem (certificate and key, for
# ApacheBench -E) and DIR/NAME.p12 (for a browser, password hall-demo
# or $HALL_P12_PASS).  DAYS defaults to 365; STARTDATE ENDDATE
# (YYMMDDHHMMSSZ) set the validity explicitly (tests: an expired one).
# CERT_EXT=server_ext issues a TLS server certificate instead (mkcerts.sh
# uses it for localhost, 127.0.0.1 and ::1).
# Files that exist are left alone.  Then bind the certificate (an HR
# system's: hall-admin ... integ-add USERNAME NAME UNIT_ID DIR/NAME.crt):
#   hall-admin -d DB -c DIR/ca.crt cert-bind USERNAME DIR/NAME.crt
set -eu

usage() {
	echo "usage: issue.sh DIR NAME O CN [DAYS | STARTDATE ENDDATE]" >&2
	exit 2
}
[ $# -ge 4 ] && [ $# -le 6 ] || usage
dir=$1 name=$2 org=$3 cn=$4
case $name in
*/* | "" | .*) echo "issue.sh: bad name: $name" >&2; exit 2 ;;
esac
validity="-days 365"
if [ $# -eq 5 ]; then
	validity="-days $5"
elif [ $# -eq 6 ]; then
	validity="-startdate $5 -enddate $6"
fi
ext=${CERT_EXT:-client_ext}
pass=${HALL_P12_PASS:-hall-demo}
cnf=$dir/ca/ca.cnf
[ -f "$cnf" ] || { echo "issue.sh: no CA in $dir (run mkcerts.sh)" >&2; exit 1; }
HALL_CA_DIR=$(cd "$dir/ca" && pwd)
export HALL_CA_DIR

# Subject as an -subj argument: escape the separators OpenSSL knows.
subj_escape() {
	printf '%s' "$1" | sed 's/[\\/+=]/\\&/g'
}
subj="/CN=$(subj_escape "$cn")"
[ -n "$org" ] && subj="/O=$(subj_escape "$org")$subj"

umask 077
if [ ! -f "$dir/$name.key" ]; then
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
	    -pkeyopt ec_param_enc:named_curve -out "$dir/$name.key.tmp"
	mv "$dir/$name.key.tmp" "$dir/$name.key"
fi
if [ ! -f "$dir/$name.crt" ]; then
	csr=$dir/ca/$name.csr
	openssl req -new -utf8 -config "$cnf" -key "$dir/$name.key" \
	    -subj "$subj" -out "$csr"
	# shellcheck disable=SC2086 # $validity is two or four words
	openssl ca -batch -utf8 \
	    -preserveDN -notext -config "$cnf" -extensions "$ext" $validity \
	    -in "$csr" -out "$dir/$name.crt.tmp" 2>"$dir/ca/last.log" || {
		cat "$dir/ca/last.log" >&2; rm -f "$dir/$name.crt.tmp"; exit 1; }
	rm -f "$csr"
	chmod 0644 "$dir/$name.crt.tmp"
	mv "$dir/$name.crt.tmp" "$dir/$name.crt"
fi
[ "$ext" = client_ext ] || exit 0
if [ ! -f "$dir/$name.pem" ]; then
	cat "$dir/$name.crt" "$dir/$name.key" >"$dir/$name.pem.tmp"
	mv "$dir/$name.pem.tmp" "$dir/$name.pem"
fi
if [ ! -f "$dir/$name.p12" ]; then
	openssl pkcs12 -export -in "$dir/$name.crt" -inkey "$dir/$name.key" \
	    -certfile "$dir/ca.crt" -name "$cn" -passout "pass:$pass" \
	    -out "$dir/$name.p12.tmp"
	mv "$dir/$name.p12.tmp" "$dir/$name.p12"
fi
