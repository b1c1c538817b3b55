#!/usr/bin/env bash
# Throughput of each connector against the local test servers (.ci/servers/*.sh): N generated contacts written
# through the reference policy into each destination, then read back from it as a source. Contacts per second
# come from each run's report (the pipeline, without JVM start-up). Not part of the test suite.
# Usage: bench/connectors.sh [POSTGRES_N=100000] [LDAP_N=10000] [CARDDAV_N=1000] [WEBHOOK_N=100000]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pg_n=${1:-100000}; ldap_n=${2:-10000}; dav_n=${3:-1000}; hook_n=${4:-100000}
eval "$("$root/.ci/servers/postgres.sh")"; eval "$("$root/.ci/servers/radicale.sh")"; eval "$("$root/.ci/servers/slapd.sh")"
[ -f "$root/operator/target/contactsync.jar" ] || (cd "$root" && ./mvnw -B -q -DskipTests package)
work=$(mktemp -d); trap 'rm -rf "$work"; [ -n "${hook_pid:-}" ] && kill "$hook_pid" 2>/dev/null || true' EXIT
cs() { java -jar "$root/operator/target/contactsync.jar" "$@"; }
mkdir -p "$work/credentials"/{pg,dav,ldap}
printf %s "$CONTACTSYNC_TEST_POSTGRES_USER" > "$work/credentials/pg/username"; printf %s "$CONTACTSYNC_TEST_POSTGRES_PASSWORD" > "$work/credentials/pg/password"; cp "$CONTACTSYNC_TEST_POSTGRES_CA" "$work/credentials/pg/ca.crt"
printf %s "$CONTACTSYNC_TEST_CARDDAV_USER" > "$work/credentials/dav/username"; printf %s "$CONTACTSYNC_TEST_CARDDAV_PASSWORD" > "$work/credentials/dav/password"; cp "$CONTACTSYNC_TEST_CARDDAV_CA" "$work/credentials/dav/ca.crt"
printf %s "$CONTACTSYNC_TEST_LDAP_BIND_DN" > "$work/credentials/ldap/username"; printf %s "$CONTACTSYNC_TEST_LDAP_PASSWORD" > "$work/credentials/ldap/password"; cp "$CONTACTSYNC_TEST_LDAP_CA" "$work/credentials/ldap/ca.crt"
cp "$root/config/samples/local-servers/policies.yaml" "$work/"
tag=$(date +%s)
book="${CONTACTSYNC_TEST_CARDDAV_URL}bench-$tag/"
curl -s -o /dev/null --cacert "$CONTACTSYNC_TEST_CARDDAV_CA" -u "$CONTACTSYNC_TEST_CARDDAV_USER:$CONTACTSYNC_TEST_CARDDAV_PASSWORD" -X MKCOL \
  -H "Content-Type: application/xml" --data '<?xml version="1.0" encoding="utf-8"?><d:mkcol xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:set><d:prop><d:resourcetype><d:collection/><c:addressbook/></d:resourcetype></d:prop></d:set></d:mkcol>' "$book"
LDAPTLS_CACERT="$CONTACTSYNC_TEST_LDAP_CA" ldapadd -x -H "$CONTACTSYNC_TEST_LDAP_URL" -D "$CONTACTSYNC_TEST_LDAP_BIND_DN" -w "$CONTACTSYNC_TEST_LDAP_PASSWORD" >/dev/null <<LDIF
dn: ou=bench$tag,dc=example,dc=com
objectClass: organizationalUnit
ou: bench$tag
LDIF
python3 - <<'PY' &
import http.server, socketserver
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length', 0))); self.send_response(200); self.end_headers()
    def log_message(self, *a): pass
socketserver.TCPServer.allow_reuse_address = True
socketserver.ThreadingTCPServer(("127.0.0.1", 18088), H).serve_forever()
PY
hook_pid=$!
manifest() { # name, source block, destination block
  cat > "$work/$1.yaml" <<M
apiVersion: contactsync.io/v1alpha1
kind: ContactSync
metadata: {name: $1}
spec:
  schedule: "@hourly"
  mode: Full
  source: $2
  destinations:
    - name: d
      privacyPolicyRef: {name: $4}
      $3
M
}
measure() { # label, manifest name
  cs sync --local -f "$work/$2.yaml" -f "$work/policies.yaml" --state-dir "$work/state" --credentials-dir "$work/credentials" \
    --report "$work/report.json" >/dev/null 2>"$work/err.log" || { echo "  $1: FAILED: $(tail -1 "$work/err.log")"; return; }
  python3 - "$work/report.json" "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"  {sys.argv[2]:<34} {r['read']:>7} contacts in {r['durationSeconds']:6.2f} s = {r['read'] / r['durationSeconds']:>9,.0f} contacts/s")
PY
}
echo "connector throughput, $(nproc) cores, $(java -version 2>&1 | head -1); policy: directory-safe (tokenize, mask, hash, E.164)"
pg_url="jdbc:postgresql://127.0.0.1:15432/contactsync?sslmode=verify-full"
for n in "$pg_n:pg" "$ldap_n:ldap" "$dav_n:dav" "$hook_n:hook"; do cs generate --count "${n%%:*}" --seed 11 -o "$work/in-${n##*:}.jsonl" >/dev/null; done
manifest to-pg "{file: {path: in-pg.jsonl}}" "postgres: {url: \"$pg_url\", table: bench_$tag, createTable: true, credentials: {secretRef: {name: pg}}}" directory-safe
manifest from-pg "{postgres: {url: \"$pg_url\", query: \"SELECT id, contact FROM bench_$tag\", credentials: {secretRef: {name: pg}}}}" "file: {path: out-pg.jsonl}" raw-copy
manifest to-ldap "{file: {path: in-ldap.jsonl}}" "ldap: {url: \"$CONTACTSYNC_TEST_LDAP_URL\", baseDn: \"ou=bench$tag,dc=example,dc=com\", credentials: {secretRef: {name: ldap}}}" directory-safe
manifest from-ldap "{ldap: {url: \"$CONTACTSYNC_TEST_LDAP_URL\", baseDn: \"ou=bench$tag,dc=example,dc=com\", credentials: {secretRef: {name: ldap}}}}" "file: {path: out-ldap.jsonl}" raw-copy
manifest to-dav "{file: {path: in-dav.jsonl}}" "carddav: {url: \"$book\", credentials: {secretRef: {name: dav}}}" directory-safe
manifest from-dav "{carddav: {url: \"$book\", credentials: {secretRef: {name: dav}}}}" "file: {path: out-dav.jsonl}" raw-copy
manifest to-hook "{file: {path: in-hook.jsonl}}" "webhook: {url: \"http://127.0.0.1:18088/hook\", allowInsecureTransport: true}" directory-safe
measure "file -> postgres ($pg_n)" to-pg
measure "postgres -> file" from-pg
measure "file -> ldap ($ldap_n)" to-ldap
measure "ldap -> file (content sync)" from-ldap
measure "file -> carddav ($dav_n)" to-dav
measure "carddav -> file (sync-collection)" from-dav
measure "file -> webhook ($hook_n)" to-hook
