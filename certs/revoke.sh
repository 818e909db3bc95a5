#!/bin/sh
# revoke.sh DIR NAME
#
# Revokes DIR/NAME.crt at the hall's CA in DIR and writes a new CRL to
# DIR/ca.crl (valid 3650 days: nginx refuses every client once the CRL
# is past its nextUpdate).  nginx reads the CRL only at start and
# reload, so afterwards reload it (`make reload` for make run's nginx,
# `systemctl reload nginx` in production), and
# mark it in the store: hall-admin -d DB cert-revoke DIR/NAME.crt.
# Revoking a certificate that is already revoked only rewrites the CRL.
set -eu

[ $# -eq 2 ] || { echo "usage: revoke.sh DIR NAME" >&2; exit 2; }
dir=$1 name=$2
cnf=$dir/ca/ca.cnf
crt=$dir/$name.crt
[ -f "$cnf" ] || { echo "revoke.sh: no CA in $dir" >&2; exit 1; }
[ -f "$crt" ] || { echo "revoke.sh: no certificate $crt" >&2; exit 1; }
HALL_CA_DIR=$(cd "$dir/ca" && pwd)
export HALL_CA_DIR

serial=$(openssl x509 -in "$crt" -noout -serial)
serial=${serial#serial=}
if ! awk -F '\t' -v s="$serial" '$1 == "R" && $4 == s { f = 1 }
    END { exit !f }' "$dir/ca/index.txt"; then
	openssl ca -batch -config "$cnf" -revoke "$crt" \
	    -crl_reason keyCompromise 2>"$dir/ca/last.log" || {
		cat "$dir/ca/last.log" >&2; exit 1; }
fi
sh "$(dirname "$0")/gencrl.sh" "$dir"
