#!/usr/bin/env bash
# Starts Radicale (Debian's package) on 127.0.0.1 for the CardDAV tests: TLS with a private CA, bcrypt htpasswd,
# owner-only rights. Prints the environment the tests read, so:  eval "$(.ci/servers/radicale.sh)"
# Idempotent. Env: CONTACTSYNC_DAV_HOME (/tmp/contactsync-dav), CONTACTSYNC_DAV_PORT (15232).
set -euo pipefail
. "$(dirname "$0")/tls.sh"
home=${CONTACTSYNC_DAV_HOME:-/tmp/contactsync-dav}
port=${CONTACTSYNC_DAV_PORT:-15232}
user=contactsync
password=contactsync-test
emit() {
  echo "export CONTACTSYNC_TEST_CARDDAV_URL='https://127.0.0.1:$port/$user/'"
  echo "export CONTACTSYNC_TEST_CARDDAV_USER=$user"
  echo "export CONTACTSYNC_TEST_CARDDAV_PASSWORD=$password"
  echo "export CONTACTSYNC_TEST_CARDDAV_CA='$home/tls/ca.crt'"
}
if ! command -v radicale >/dev/null 2>&1 || ! command -v htpasswd >/dev/null 2>&1; then
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq radicale python3-bcrypt apache2-utils >&2
fi
if [ -f "$home/radicale.pid" ] && kill -0 "$(cat "$home/radicale.pid")" 2>/dev/null; then emit; exit 0; fi
rm -rf "$home"; mkdir -p "$home/tls" "$home/collections"
make_test_tls "$home/tls"
htpasswd -B -b -c "$home/users" "$user" "$password" >/dev/null 2>&1
cat > "$home/config" <<CONF
[server]
hosts = 127.0.0.1:$port
ssl = True
certificate = $home/tls/server.crt
key = $home/tls/server.key
[auth]
type = htpasswd
htpasswd_filename = $home/users
htpasswd_encryption = bcrypt
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = $home/collections
[logging]
level = warning
CONF
setsid radicale --config "$home/config" </dev/null >"$home/radicale.log" 2>&1 & echo $! > "$home/radicale.pid"
for i in $(seq 1 50); do
  curl -s -o /dev/null --cacert "$home/tls/ca.crt" -u "$user:$password" "https://127.0.0.1:$port/" && break; sleep 0.2
done
emit
