#!/bin/sh
# mkcerts.sh DIR: the development and test certificates of the hall.
#
# A CA (ECDSA P-256, CN 网厅开发测试CA) in DIR/ca/ with DIR/ca.crt and
# its CRL DIR/ca.crl; a server certificate for localhost/127.0.0.1
# (DIR/server.crt, DIR/server.key); client certificates issued with
# issue.sh: unit-vip, unit-a, unit-b, reviewer, unit-soon (expires in
# 10 days), expired, revoked (revoked with revoke.sh); and foreign, from
# a separate CA in DIR/foreign/ that the hall does not trust; and the
# office's receipt signing key DIR/receipt.key (ECDSA P-256, mode 0600:
# HALL_RECEIPT_KEY, lib/rsign.h) with its certificate DIR/receipt.crt
# from the CA (what `hall-admin receipt-verify` and openssl check a
# receipt's QR code with).
# Idempotent: files that exist are left alone.
set -eu

[ $# -eq 1 ] || { echo "usage: mkcerts.sh DIR" >&2; exit 2; }
dir=$1
here=$(cd "$(dirname "$0")" && pwd)
umask 077
mkdir -p "$dir/ca/newcerts" "$dir/foreign"
chmod 0755 "$dir"

# The CA's openssl configuration: minimal, UTF-8 subjects kept in the
# order given (-preserveDN), nothing copied from requests.
if [ ! -f "$dir/ca/ca.cnf" ]; then
	cat >"$dir/ca/ca.cnf" <<'CNF'
# Development CA of the hall (written by certs/mkcerts.sh).  The
# scripts in certs/ set HALL_CA_DIR to this folder.

[ ca ]
default_ca = hall_ca

[ hall_ca ]
dir = $ENV::HALL_CA_DIR
database = $dir/index.txt
serial = $dir/serial
crlnumber = $dir/crlnumber
new_certs_dir = $dir/newcerts
certificate = $dir/../ca.crt
private_key = $dir/ca.key
default_md = sha256
default_days = 365
default_crl_days = 3650
policy = hall_policy
unique_subject = no
copy_extensions = none
preserve = yes
email_in_dn = no
string_mask = utf8only
name_opt = utf8,sep_comma_plus
cert_opt = ca_default
crl_extensions = crl_ext

[ hall_policy ]
countryName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied

[ req ]
distinguished_name = req_dn
string_mask = utf8only
utf8 = yes
prompt = no

[ req_dn ]
CN = unused

[ v3_ca ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ client_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[ server_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[ crl_ext ]
authorityKeyIdentifier = keyid:always
CNF
fi
HALL_CA_DIR=$(cd "$dir/ca" && pwd)
export HALL_CA_DIR

[ -f "$dir/ca/index.txt" ] || : >"$dir/ca/index.txt"
# A random first serial, so that certificates of two CAs made here never
# share issuer and serial in a browser's store.
[ -f "$dir/ca/serial" ] || openssl rand -hex 8 | sed "s/^./1/" >"$dir/ca/serial"
[ -f "$dir/ca/crlnumber" ] || echo 1000 >"$dir/ca/crlnumber"

newkey() {
	[ -f "$1" ] && return 0
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
	    -pkeyopt ec_param_enc:named_curve -out "$1.tmp"
	mv "$1.tmp" "$1"
}

newkey "$dir/ca/ca.key"
if [ ! -f "$dir/ca.crt" ]; then
	openssl req -new -x509 -utf8 -config "$dir/ca/ca.cnf" \
	    -key "$dir/ca/ca.key" -subj "/CN=网厅开发测试CA" -days 3650 \
	    -extensions v3_ca -out "$dir/ca.crt.tmp"
	chmod 0644 "$dir/ca.crt.tmp"
	mv "$dir/ca.crt.tmp" "$dir/ca.crt"
fi

CERT_EXT=server_ext sh "$here/issue.sh" "$dir" server "" localhost 825

iss() {
	sh "$here/issue.sh" "$dir" "$@"
}
iss unit-vip "武汉市江汉区示例科技有限公司" demo-vip
iss unit-a "武汉市武昌区示例商贸有限公司" demo-a
iss unit-b "武汉市洪山区示例制造有限公司" demo-b
iss reviewer "武汉市社会保险管理中心" demo-reviewer
iss unit-soon "武汉市江汉区示例科技有限公司" demo-soon 10
iss expired "武汉市洪山区示例制造有限公司" demo-b 200101000000Z 210101000000Z
if [ ! -f "$dir/revoked.crt" ]; then
	iss revoked "武汉市武昌区示例商贸有限公司" demo-a
	sh "$here/revoke.sh" "$dir" revoked
fi
[ -f "$dir/ca.crl" ] || sh "$here/gencrl.sh" "$dir"

# The office's receipt signing key and its certificate (digitalSignature
# only, no TLS use), issued by the CA for 10 years: receipts archived
# today are checked with it for years.
newkey "$dir/receipt.key"
chmod 0600 "$dir/receipt.key"
if [ ! -f "$dir/receipt.crt" ]; then
	printf '%s\n' "basicConstraints = critical, CA:false" \
	    "keyUsage = critical, digitalSignature, nonRepudiation" \
	    "subjectKeyIdentifier = hash" "authorityKeyIdentifier = keyid" \
	    >"$dir/ca/receipt_ext.cnf"
	openssl req -new -utf8 -config "$dir/ca/ca.cnf" -key "$dir/receipt.key" \
	    -subj "/O=${HALL_ORG:-武汉市人力资源和社会保障局}/CN=业务回执签名" \
	    -out "$dir/ca/receipt.csr"
	openssl x509 -req -in "$dir/ca/receipt.csr" -CA "$dir/ca.crt" \
	    -CAkey "$dir/ca/ca.key" -set_serial "0x$(openssl rand -hex 8)" \
	    -days 3650 -extfile "$dir/ca/receipt_ext.cnf" \
	    -out "$dir/receipt.crt.tmp" 2>"$dir/ca/last.log" || {
		cat "$dir/ca/last.log" >&2; exit 1; }
	rm -f "$dir/ca/receipt.csr"
	chmod 0644 "$dir/receipt.crt.tmp"
	mv "$dir/receipt.crt.tmp" "$dir/receipt.crt"
fi

# A certificate from a CA the hall does not know.
f=$dir/foreign
newkey "$f/ca.key"
if [ ! -f "$f/ca.crt" ]; then
	openssl req -new -x509 -utf8 -config "$dir/ca/ca.cnf" \
	    -key "$f/ca.key" -subj "/CN=外部测试CA" -days 3650 \
	    -extensions v3_ca -out "$f/ca.crt"
fi
newkey "$dir/foreign.key"
if [ ! -f "$dir/foreign.crt" ]; then
	openssl req -new -utf8 -config "$dir/ca/ca.cnf" -key "$dir/foreign.key" \
	    -subj "/O=武汉市武昌区示例商贸有限公司/CN=demo-a" -out "$f/foreign.csr"
	openssl x509 -req -in "$f/foreign.csr" -CA "$f/ca.crt" \
	    -CAkey "$f/ca.key" -CAcreateserial -days 365 \
	    -extfile "$dir/ca/ca.cnf" -extensions client_ext \
	    -out "$dir/foreign.crt.tmp" 2>"$f/last.log" || {
		cat "$f/last.log" >&2; exit 1; }
	chmod 0644 "$dir/foreign.crt.tmp"
	mv "$dir/foreign.crt.tmp" "$dir/foreign.crt"
fi
if [ ! -f "$dir/foreign.pem" ]; then
	cat "$dir/foreign.crt" "$dir/foreign.key" >"$dir/foreign.pem"
fi
