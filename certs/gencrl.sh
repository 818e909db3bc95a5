#!/bin/sh
# gencrl.sh DIR: writes the CRL of the hall's CA in DIR to DIR/ca.crl
# (PEM, nextUpdate 3650 days ahead).  Used by mkcerts.sh and revoke.sh.
set -eu
[ $# -eq 1 ] || { echo "usage: gencrl.sh DIR" >&2; exit 2; }
dir=$1
HALL_CA_DIR=$(cd "$dir/ca" && pwd)
export HALL_CA_DIR
openssl ca -batch -config "$dir/ca/ca.cnf" -gencrl -crldays 3650 \
    -out "$dir/ca.crl.tmp" 2>"$dir/ca/last.log" || {
	cat "$dir/ca/last.log" >&2; rm -f "$dir/ca.crl.tmp"; exit 1; }
chmod 0644 "$dir/ca.crl.tmp"
mv "$dir/ca.crl.tmp" "$dir/ca.crl"
