#!/usr/bin/env bash
# Starts OpenLDAP slapd (Debian's package) on 127.0.0.1 for the LDAP tests: ldaps and StartTLS with a private CA,
# TLS required for every operation (plaintext is refused), the syncprov overlay for RFC 4533 content sync with a
# session log (deletes come back as entry UUIDs). Prints the environment the tests read:
#   eval "$(.ci/servers/slapd.sh)"
# Idempotent. Env: CONTACTSYNC_LDAP_HOME (/tmp/contactsync-ldap), CONTACTSYNC_LDAP_PORT (13389; ldaps on +1).
set -euo pipefail
. "$(dirname "$0")/tls.sh"
home=${CONTACTSYNC_LDAP_HOME:-/tmp/contactsync-ldap}
port=${CONTACTSYNC_LDAP_PORT:-13389}
sport=$((port + 1))
password=contactsync-test
emit() {
  echo "export CONTACTSYNC_TEST_LDAP_URL='ldaps://127.0.0.1:$sport'"
  echo "export CONTACTSYNC_TEST_LDAP_STARTTLS_URL='ldap://127.0.0.1:$port'"
  echo "export CONTACTSYNC_TEST_LDAP_BIND_DN='cn=admin,dc=example,dc=com'"
  echo "export CONTACTSYNC_TEST_LDAP_PASSWORD=$password"
  echo "export CONTACTSYNC_TEST_LDAP_BASE='dc=example,dc=com'"
  echo "export CONTACTSYNC_TEST_LDAP_CA='$home/tls/ca.crt'"
}
if ! command -v slapd >/dev/null 2>&1 && [ ! -x /usr/sbin/slapd ]; then
  echo "slapd slapd/no_configuration boolean true" | debconf-set-selections
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slapd ldap-utils >&2
fi
if [ -f "$home/slapd.pid" ] && kill -0 "$(cat "$home/slapd.pid")" 2>/dev/null; then emit; exit 0; fi
rm -rf "$home"; mkdir -p "$home/tls" "$home/data"
make_test_tls "$home/tls"
hash=$(/usr/sbin/slappasswd -s "$password")
cat > "$home/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/nis.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload syncprov
pidfile $home/slapd.pid
TLSCACertificateFile $home/tls/ca.crt
TLSCertificateFile $home/tls/server.crt
TLSCertificateKeyFile $home/tls/server.key
security tls=1
database mdb
maxsize 1073741824
suffix "dc=example,dc=com"
rootdn "cn=admin,dc=example,dc=com"
rootpw $hash
directory $home/data
dbnosync
index objectClass eq
index entryCSN,entryUUID eq
overlay syncprov
syncprov-checkpoint 100 10
syncprov-sessionlog 10000
CONF
/usr/sbin/slaptest -f "$home/slapd.conf" -u >/dev/null 2>&1
/usr/sbin/slapd -f "$home/slapd.conf" -h "ldap://127.0.0.1:$port/ ldaps://127.0.0.1:$sport/" >"$home/slapd.log" 2>&1
for i in $(seq 1 50); do [ -f "$home/slapd.pid" ] && break; sleep 0.1; done
LDAPTLS_CACERT="$home/tls/ca.crt" ldapadd -x -H "ldaps://127.0.0.1:$sport" -D "cn=admin,dc=example,dc=com" -w "$password" >/dev/null <<LDIF
dn: dc=example,dc=com
objectClass: dcObject
objectClass: organization
o: Example
dc: example

dn: ou=people,dc=example,dc=com
objectClass: organizationalUnit
ou: people
LDIF
emit
