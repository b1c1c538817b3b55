#!/usr/bin/env bash
# Benchmark: full syncs into a PostgreSQL table while an application updates its rows (issue 17, observation 3).
# pgbench plays the application: each transaction adds 1 to `hits` of two random rows, in two statements in a random
# order, for DURATION seconds (loopback only), while full runs rewrite every row, one after another. Reports the
# sync's failed runs (a deadlock is one: SQLSTATE 40P01), pgbench's failed transactions and deadlocks, and the
# application's average and longest transaction latency (how long it waited on the sync's row locks).
# Usage: bench/pg-contention.sh [N=20000] [CLIENTS=8] [DURATION=30]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
n=${1:-20000}; clients=${2:-8}; duration=${3:-30}
build
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
test_servers "$work"
table="bench_contention_$(date +%s)"
# two sources with the same ids and different contents, so every run rewrites every row
for seed in 1 2; do
  java -jar "$jar" generate --count "$n" --seed "$seed" -o "$work/g$seed.jsonl" >/dev/null 2>&1
  sed 's/"id":"synthetic-[0-9]*-/"id":"c-/' "$work/g$seed.jsonl" >"$work/c$seed.jsonl"
done
cat >"$work/keep.yaml" <<M
apiVersion: contactsync.io/v1alpha1
kind: PrivacyPolicy
metadata: {name: marketing-safe}
spec: {defaultAction: Keep}
M
sync_manifest "$work/sync.yaml" contention Full "{file: {path: contacts.jsonl}}" \
  "postgres: {url: \"$pg_url\", table: $table, createTable: true, credentials: {secretRef: {name: pg}}}"
sync() { java -jar "$jar" sync --local -f "$work/sync.yaml" -f "$work/keep.yaml" --state-dir "$work/state" \
  --credentials-dir "$work/credentials" >/dev/null 2>"$work/err"; }
cp "$work/c1.jsonl" "$work/contacts.jsonl"; sync || { tail -3 "$work/err" >&2; exit 1; }
# the application's own columns: a counter, and a number to pick rows by
sql "ALTER TABLE $table ADD COLUMN hits bigint NOT NULL DEFAULT 0, ADD COLUMN n serial; CREATE UNIQUE INDEX ON $table (n)"
rows=$(sql "SELECT count(*) FROM $table")
cat >"$work/app.sql" <<S
\set a random(1, $rows)
\set b random(1, $rows)
BEGIN;
UPDATE $table SET hits = hits + 1 WHERE n = :a;
UPDATE $table SET hits = hits + 1 WHERE n = :b;
END;
S
(cd "$work" && pgbench "host=127.0.0.1 port=15432 dbname=contactsync user=$CONTACTSYNC_TEST_POSTGRES_USER sslmode=verify-full sslrootcert=$CONTACTSYNC_TEST_POSTGRES_CA" \
  -n -c "$clients" -j 2 -T "$duration" -f app.sql -l --max-tries=1 --failures-detailed >"$work/pgbench.out" 2>&1) &
app=$!
runs=0; failed=0; start=$(date +%s)
while [ $(( $(date +%s) - start )) -lt "$duration" ]; do
  cp "$work/c$(( runs % 2 + 1 )).jsonl" "$work/contacts.jsonl"
  runs=$((runs + 1))
  sync || { failed=$((failed + 1)); tail -1 "$work/err" | cut -c1-200 >&2; }
done
wait "$app" || { cat "$work/pgbench.out" >&2; exit 1; }
committed=$(awk '/actually processed/ {print $NF}' "$work/pgbench.out")
app_failed=$(awk '/number of failed transactions/ {print $5}' "$work/pgbench.out")
app_deadlocks=$(awk '/number of deadlock failures/ {print $5}' "$work/pgbench.out")
avg=$(awk '/latency average/ {print $4}' "$work/pgbench.out")
max=$(cat "$work"/pgbench_log.* | awk '{ if ($3 > m) m = $3 } END { printf "%.0f", m / 1000 }')
hits=$(sql "SELECT sum(hits) FROM $table")
sql "DROP TABLE $table"
echo "pg-contention: $rows rows, $clients application clients for ${duration}s: sync runs $runs, failed $failed;" \
  "application transactions $committed, failed $app_failed (deadlocks $app_deadlocks), latency avg ${avg} ms, max ${max} ms;" \
  "hits $hits of $((committed * 2)) increments"
