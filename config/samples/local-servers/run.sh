#!/usr/bin/env bash
# Runs the samples of this folder in order against the test servers of .ci/servers/ (starting them if needed):
# vCard file -> PostgreSQL -> CardDAV, vCard file -> LDAP -> PostgreSQL, CardDAV -> file.
# Credentials come from the servers' environment and go into a credentials directory, one per Secret name.
# Env: CONTACTSYNC (the command to run; default bin/contactsync), STATE (state directory; default
# ${TMPDIR:-/tmp}/contactsync-samples-state), and the servers' CONTACTSYNC_PG_PORT, CONTACTSYNC_DAV_PORT and
# CONTACTSYNC_LDAP_PORT, which the samples' addresses follow.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
eval "$("$root/.ci/servers/postgres.sh")"
eval "$("$root/.ci/servers/radicale.sh")"
eval "$("$root/.ci/servers/slapd.sh")"
# the state (keys, checkpoints) lives as long as the servers' data in /tmp: a new one means new keys, so every record
# id would change, and the mass-deletion guard rightly refuses a run that would replace all of a sync's records
state=${STATE:-${TMPDIR:-/tmp}/contactsync-samples-state}
creds=$state/credentials
mkdir -p "$creds/pg-creds" "$creds/dav-creds" "$creds/ldap-creds"
printf %s "$CONTACTSYNC_TEST_POSTGRES_USER" > "$creds/pg-creds/username"
printf %s "$CONTACTSYNC_TEST_POSTGRES_PASSWORD" > "$creds/pg-creds/password"
cp "$CONTACTSYNC_TEST_POSTGRES_CA" "$creds/pg-creds/ca.crt"
printf %s "$CONTACTSYNC_TEST_CARDDAV_USER" > "$creds/dav-creds/username"
printf %s "$CONTACTSYNC_TEST_CARDDAV_PASSWORD" > "$creds/dav-creds/password"
cp "$CONTACTSYNC_TEST_CARDDAV_CA" "$creds/dav-creds/ca.crt"
printf %s "$CONTACTSYNC_TEST_LDAP_BIND_DN" > "$creds/ldap-creds/username"
printf %s "$CONTACTSYNC_TEST_LDAP_PASSWORD" > "$creds/ldap-creds/password"
cp "$CONTACTSYNC_TEST_LDAP_CA" "$creds/ldap-creds/ca.crt"
# the sample address book (405 when it exists already)
curl -s -o /dev/null --cacert "$CONTACTSYNC_TEST_CARDDAV_CA" -u "$CONTACTSYNC_TEST_CARDDAV_USER:$CONTACTSYNC_TEST_CARDDAV_PASSWORD" \
  -X MKCOL -H "Content-Type: application/xml" --data '<?xml version="1.0" encoding="utf-8"?><d:mkcol xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:set><d:prop><d:resourcetype><d:collection/><c:addressbook/></d:resourcetype></d:prop></d:set></d:mkcol>' \
  "${CONTACTSYNC_TEST_CARDDAV_URL}samples/"
# The samples name the servers' default ports; a copy follows the ports the servers run on (relative file paths
# made absolute, since they resolve against the manifest's directory).
pg=${CONTACTSYNC_PG_PORT:-15432} dav=${CONTACTSYNC_DAV_PORT:-15232} ldap=${CONTACTSYNC_LDAP_PORT:-13389}
manifests=$state/manifests
mkdir -p "$manifests"
for f in "$here"/*.yaml; do
  sed -e "s|127.0.0.1:15432|127.0.0.1:@PG@|g; s|127.0.0.1:15232|127.0.0.1:@DAV@|g" \
      -e "s|127.0.0.1:13390|127.0.0.1:@LDAPS@|g; s|127.0.0.1:13389|127.0.0.1:@LDAP@|g" \
      -e "s|@PG@|$pg|g; s|@DAV@|$dav|g; s|@LDAPS@|$((ldap + 1))|g; s|@LDAP@|$ldap|g" \
      -e "s|path: \([^/{][^,}]*\)|path: $here/\1|g" "$f" > "$manifests/$(basename "$f")"
done
read -r -a contactsync <<< "${CONTACTSYNC:-$root/bin/contactsync}"
for sample in 1-seed-crm-postgres 2-postgres-to-carddav 3-seed-directory-ldap 4-ldap-to-postgres 5-carddav-to-jsonl; do
  echo "== $sample"
  # the log goes to a file; on failure it is shown, with the command's own error message at its end
  if ! "${contactsync[@]}" sync --local -f "$manifests/$sample.yaml" -f "$manifests/policies.yaml" --state-dir "$state" \
      --credentials-dir "$creds" 2>"$state/$sample.log"; then
    echo "run.sh: sample $sample failed; its log ($state/$sample.log):" >&2
    tail -n 20 "$state/$sample.log" >&2
    exit 1
  fi
done
