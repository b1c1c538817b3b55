#!/usr/bin/env bash
# Starts PostgreSQL (Debian's packaged server) on 127.0.0.1 for the connector tests: TLS only (a plaintext
# connection is refused), SCRAM passwords, a private CA. Prints the environment the tests read, so:
#   eval "$(.ci/servers/postgres.sh)"
# Idempotent: reuses a running server. Env: CONTACTSYNC_PG_HOME (/tmp/contactsync-pg), CONTACTSYNC_PG_PORT (15432).
set -euo pipefail
. "$(dirname "$0")/tls.sh"
home=${CONTACTSYNC_PG_HOME:-/tmp/contactsync-pg}
port=${CONTACTSYNC_PG_PORT:-15432}
password=contactsync-test
emit() {
  echo "export CONTACTSYNC_TEST_POSTGRES_URL='jdbc:postgresql://127.0.0.1:$port/contactsync'"
  echo "export CONTACTSYNC_TEST_POSTGRES_USER=contactsync"
  echo "export CONTACTSYNC_TEST_POSTGRES_PASSWORD=$password"
  echo "export CONTACTSYNC_TEST_POSTGRES_CA='$home/tls/ca.crt'"
}
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
if [ -f "$home/data/postmaster.pid" ] && runuser -u postgres -- "$bin/pg_ctl" -D "$home/data" status >/dev/null 2>&1; then
  emit; exit 0
fi
rm -rf "$home"; mkdir -p "$home/tls"
make_test_tls "$home/tls"
chmod 600 "$home/tls/server.key"   # PostgreSQL refuses a key others can read
echo "$password" > "$home/pwfile"
chown -R postgres "$home"
runuser -u postgres -- "$bin/initdb" -D "$home/data" -U postgres -A scram-sha-256 --pwfile="$home/pwfile" >/dev/null
cat >> "$home/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$home'
ssl = on
ssl_cert_file = '$home/tls/server.crt'
ssl_key_file = '$home/tls/server.key'
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
cat > "$home/data/pg_hba.conf" <<HBA
local all all scram-sha-256
hostssl all all 127.0.0.1/32 scram-sha-256
HBA
runuser -u postgres -- "$bin/pg_ctl" -D "$home/data" -l "$home/server.log" -w start >/dev/null
PGPASSWORD=$password "$bin/psql" -h "$home" -p "$port" -U postgres -q -v ON_ERROR_STOP=1 <<SQL >/dev/null
CREATE ROLE contactsync LOGIN PASSWORD '$password';
CREATE DATABASE contactsync OWNER contactsync;
SQL
emit
