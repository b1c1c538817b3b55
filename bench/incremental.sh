#!/usr/bin/env bash
# Benchmark 3: what an incremental run costs next to a full one. A PostgreSQL source of N rows (cursor updated_at,
# indexed with id) with 1% changed, and a Radicale address book of M contacts with M/100 changed, each synced through
# the reference policy into a PostgreSQL table. Whole-process seconds; the report's pipeline seconds in brackets.
# Usage: bench/incremental.sh [N=1000000] [M=2000] [RUNS=3]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
n=${1:-1000000}; m=${2:-2000}; runs=${3:-3}
build
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
test_servers "$work"
cp "$root/config/samples/local/privacypolicy.yaml" "$work/"
cp "$root/config/samples/local-servers/policies.yaml" "$work/raw.yaml"
tag=$(date +%s)
cs() { java -jar "$jar" "$@"; }
timed() { # manifest -> "whole_seconds pipeline_seconds read"
  local s; s=$(now_ms)
  cs sync --local -f "$work/$1" -f "$work/privacypolicy.yaml" -f "$work/raw.yaml" --state-dir "$work/state-$2" \
    --credentials-dir "$work/credentials" --report "$work/report.json" >/dev/null 2>"$work/err" || { tail -3 "$work/err" >&2; exit 1; }
  python3 - "$work/report.json" "$(( $(now_ms) - s ))" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); print(int(sys.argv[2]) / 1000, round(r["durationSeconds"], 3), r["read"])
PY
}

idle_row() { # the same incremental run with nothing changed: what any run costs (JVM start, connections, cold code)
  read -r d_med d_lo d_hi <<<"$(stats "${idle[@]}")"; read -r dp_med _ _ <<<"$(stats "${idle_p[@]}")"
  row "$1, nothing changed" "seconds (pipeline)" "$d_med ($dp_med)" "$d_lo" "$d_hi" "full run $f_med s ($fp_med)" \
    "$(python3 -c "print(f'{100 * $d_med / $f_med:.1f}%')")" "" ""
}

# --- PostgreSQL: N rows, id + contact jsonb + updated_at, the keyset index an incremental reader needs
java -jar "$jar" generate --count "$n" --seed 3 -o "$work/src.jsonl" >/dev/null 2>&1
python3 - "$work/src.jsonl" "$work/src.csv" <<'PY'
import csv, json, sys
with open(sys.argv[1]) as src, open(sys.argv[2], "w", newline="") as out:
    w = csv.writer(out)
    for line in src:
        c = json.loads(line); w.writerow([c.pop("id"), json.dumps(c), "2026-01-01T00:00:00Z"])
PY
src="bench_src_$tag"; dst="bench_dst_$tag"
sql "CREATE TABLE $src (id text PRIMARY KEY, contact jsonb NOT NULL, updated_at timestamptz NOT NULL)"
sql "\\copy $src FROM '$work/src.csv' WITH (FORMAT csv)"
sql "CREATE INDEX ON $src (updated_at, id); ANALYZE $src"
sync_manifest "$work/pg.yaml" pg-incremental Incremental \
  "{postgres: {url: \"$pg_url\", table: $src, cursorColumn: updated_at, credentials: {secretRef: {name: pg}}}}" \
  "postgres: {url: \"$pg_url\", table: $dst, createTable: true, credentials: {secretRef: {name: pg}}}"
full=(); inc=(); full_p=(); inc_p=(); idle=(); idle_p=()
for i in $(seq 1 "$runs"); do
  rm -rf "$work/state-pg"; sql "DROP TABLE IF EXISTS $dst"
  read -r w p _ <<<"$(timed pg.yaml pg)"; full+=("$w"); full_p+=("$p")
  # 1% of the rows change (every 100th, a different one each round)
  sql "UPDATE $src SET contact = jsonb_set(contact, '{title}', to_jsonb('Changed $i'::text)), updated_at = now() WHERE abs(hashtext(id || '$i')) % 100 = 0"
  read -r w p r <<<"$(timed pg.yaml pg)"; inc+=("$w"); inc_p+=("$p"); changed=$r
  read -r w p _ <<<"$(timed pg.yaml pg)"; idle+=("$w"); idle_p+=("$p")  # nothing changed: the fixed cost
done
sql "DROP TABLE IF EXISTS $src; DROP TABLE IF EXISTS $dst"
read -r f_med _ _ <<<"$(stats "${full[@]}")"; read -r fp_med _ _ <<<"$(stats "${full_p[@]}")"
read -r i_med i_lo i_hi <<<"$(stats "${inc[@]}")"; read -r ip_med _ _ <<<"$(stats "${inc_p[@]}")"
pct=$(python3 -c "print(f'{100 * $i_med / $f_med:.1f}%')")
row "incremental PostgreSQL, $n rows, $changed changed" "seconds (pipeline)" "$i_med ($ip_med)" "$i_lo" "$i_hi" \
  "full run $f_med s ($fp_med)" "$pct" "<= 5%" "$(met "$(python3 -c "print($i_med / $f_med)")" '<=' 0.05)"
idle_row "incremental PostgreSQL, $n rows"

# --- CardDAV: M contacts in a Radicale book, M/100 changed by a second seeding pass
book="${CONTACTSYNC_TEST_CARDDAV_URL}bench-$tag/"
curl -s -o /dev/null --cacert "$CONTACTSYNC_TEST_CARDDAV_CA" -u "$CONTACTSYNC_TEST_CARDDAV_USER:$CONTACTSYNC_TEST_CARDDAV_PASSWORD" \
  -X MKCOL -H "Content-Type: application/xml" --data '<?xml version="1.0" encoding="utf-8"?><d:mkcol xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:set><d:prop><d:resourcetype><d:collection/><c:addressbook/></d:resourcetype></d:prop></d:set></d:mkcol>' "$book"
java -jar "$jar" generate --count "$m" --seed 5 -o "$work/book.jsonl" >/dev/null 2>&1
cat >"$work/seed.yaml" <<M
apiVersion: contactsync.io/v1alpha1
kind: ContactSync
metadata: {name: seed-book}
spec:
  schedule: "@hourly"
  mode: Full
  source: {file: {path: book.jsonl}}
  destinations:
    - {name: book, privacyPolicyRef: {name: raw-copy}, carddav: {url: "$book", credentials: {secretRef: {name: dav}}}}
M
timed seed.yaml seed >/dev/null
dav_dst="bench_dav_$tag"
sync_manifest "$work/dav.yaml" dav-incremental Incremental "{carddav: {url: \"$book\", credentials: {secretRef: {name: dav}}}}" \
  "postgres: {url: \"$pg_url\", table: $dav_dst, createTable: true, credentials: {secretRef: {name: pg}}}"
full=(); inc=(); full_p=(); inc_p=(); idle=(); idle_p=()
for i in $(seq 1 "$runs"); do
  rm -rf "$work/state-dav"; sql "DROP TABLE IF EXISTS $dav_dst"
  read -r w p _ <<<"$(timed dav.yaml dav)"; full+=("$w"); full_p+=("$p")
  python3 - "$work/book.jsonl" "$i" "$((m / 100))" <<'PY'
import json, sys
path, round_, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(path).read().splitlines()
for j in range(k):
    c = json.loads(lines[j * 100]); c["title"] = f"Changed {round_}"; lines[j * 100] = json.dumps(c)
open(path, "w").write("\n".join(lines) + "\n")
PY
  timed seed.yaml seed >/dev/null
  read -r w p r <<<"$(timed dav.yaml dav)"; inc+=("$w"); inc_p+=("$p"); changed=$r
  read -r w p _ <<<"$(timed dav.yaml dav)"; idle+=("$w"); idle_p+=("$p")  # nothing changed: the fixed cost
done
sql "DROP TABLE IF EXISTS $dav_dst"
curl -s -o /dev/null --cacert "$CONTACTSYNC_TEST_CARDDAV_CA" -u "$CONTACTSYNC_TEST_CARDDAV_USER:$CONTACTSYNC_TEST_CARDDAV_PASSWORD" -X DELETE "$book"
read -r f_med _ _ <<<"$(stats "${full[@]}")"; read -r fp_med _ _ <<<"$(stats "${full_p[@]}")"
read -r i_med i_lo i_hi <<<"$(stats "${inc[@]}")"; read -r ip_med _ _ <<<"$(stats "${inc_p[@]}")"
pct=$(python3 -c "print(f'{100 * $i_med / $f_med:.1f}%')")
row "incremental CardDAV, $m contacts, $changed changed" "seconds (pipeline)" "$i_med ($ip_med)" "$i_lo" "$i_hi" \
  "full run $f_med s ($fp_med)" "$pct" "<= 10%" "$(met "$(python3 -c "print($i_med / $f_med)")" '<=' 0.10)"
idle_row "incremental CardDAV, $m contacts"
