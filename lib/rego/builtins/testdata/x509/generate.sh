#!/usr/bin/env bash
# Regenerates the X.509 fixtures of the crypto/jwt builtin tests (needs the openssl CLI).
# Fixed validity dates (openssl ca) so tests can assert exact NotBefore/NotAfter values.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
organizationName = optional
organizationalUnitName = optional
countryName = optional
[root_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[int_ext]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf_ext]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:service.example.com, DNS:*.service.example.com, IP:10.0.0.1, IP:2001:db8::1, IP:::ffff:10.0.0.2, email:ops@example.com, URI:spiffe://example.com/service
authorityInfoAccess = OCSP;URI:http://ocsp.example.com, caIssuers;URI:http://ca.example.com/int.crt
crlDistributionPoints = URI:http://crl.example.com/int.crl
certificatePolicies = 2.23.140.1.2.1
CNF
touch "$work/index.txt"

sign() { # name ca_cert ca_key ext serial start end
  echo "$5" > "$work/serial"
  local issuer=(-selfsign)
  [ -n "$2" ] && issuer=(-cert "$2")
  openssl ca -batch -config "$work/ca.cnf" -notext -md sha256 -extensions "$4" \
    -startdate "$6" -enddate "$7" "${issuer[@]}" -keyfile "$3" \
    -in "$work/$1.csr" -out "$1.pem" 2>/dev/null
}

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/root.key" 2>/dev/null
openssl req -new -key "$work/root.key" -subj "/C=GB/O=Policy Hub/CN=Policy Hub Test Root CA" -out "$work/root.csr"
sign root "" "$work/root.key" root_ext 01 20240101000000Z 21240101000000Z

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/intermediate.key" 2>/dev/null
openssl req -new -key "$work/intermediate.key" -subj "/O=Policy Hub/CN=Policy Hub Test Intermediate" -out "$work/intermediate.csr"
sign intermediate root.pem "$work/root.key" int_ext 02 20240101000000Z 21240101000000Z

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out leaf.key 2>/dev/null
openssl rsa -in leaf.key -traditional -out leaf.rsa.key 2>/dev/null
openssl req -new -key leaf.key -subj "/C=GB/O=Policy Hub/OU=Platform/CN=service.example.com" -out "$work/leaf.csr"
sign leaf intermediate.pem "$work/intermediate.key" leaf_ext 1001 20240601000000Z 20491231235959Z
cp "$work/leaf.csr" "$work/expired.csr"
sign expired intermediate.pem "$work/intermediate.key" leaf_ext 1002 20200101000000Z 20210101000000Z

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/csr.key" 2>/dev/null
openssl ec -in "$work/csr.key" -out ec.key 2>/dev/null
openssl req -new -key "$work/csr.key" -subj "/O=Policy Hub/CN=csr.example.com" \
  -addext "subjectAltName = DNS:csr.example.com, email:csr@example.com" -out request.csr
openssl genpkey -algorithm ED25519 -out ed25519.key 2>/dev/null
