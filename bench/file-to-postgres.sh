#!/usr/bin/env bash
# Benchmark 2: N generated contacts from a .jsonl file through the reference policy into a PostgreSQL table, against
# `psql \copy` of the same N already-masked rows into the same table on the same server. Memory: the run's heap is
# capped (-Xmx256m) and its peak resident size is compared with a run of N/10.
# Usage: bench/file-to-postgres.sh [N=1000000] [RUNS=3]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
n=${1:-1000000}; runs=${2:-3}
build
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
test_servers "$work"
table="bench_e2e_$(date +%s)"
java -jar "$jar" generate --count "$n" --seed 7 -o "$work/contacts.jsonl" >/dev/null 2>&1
head -n $((n / 10)) "$work/contacts.jsonl" >"$work/tenth.jsonl"
cp "$root/config/samples/local/privacypolicy.yaml" "$work/"
dest="postgres: {url: \"$pg_url\", table: $table, createTable: true, credentials: {secretRef: {name: pg}}}"
sync_manifest "$work/full.yaml" e2e Full "{file: {path: contacts.jsonl}}" "$dest"
sync_manifest "$work/tenth.yaml" e2e Full "{file: {path: tenth.jsonl}}" "$dest"
run() { # manifest -> "seconds peak_rss_kib"
  rm -rf "$work/state"
  sql "DROP TABLE IF EXISTS $table" 2>/dev/null || true
  /usr/bin/time -f "%e %M" -o "$work/time" java -Xmx256m -jar "$jar" sync --local -f "$work/$1" -f "$work/privacypolicy.yaml" \
    --state-dir "$work/state" --credentials-dir "$work/credentials" >/dev/null 2>"$work/err" || { tail -3 "$work/err" >&2; exit 1; }
  cat "$work/time"
}
ours=(); rss=()
for _ in $(seq 1 "$runs"); do read -r s k <<<"$(run full.yaml)"; ours+=("$s"); rss+=("$k"); done
rows=$(sql "SELECT count(*) FROM $table")
# the baseline: the same masked rows, exported, then loaded by psql \copy into the same (emptied) table
sql "\\copy $table TO '$work/masked.csv' WITH (FORMAT csv)"
copies=()
for _ in $(seq 1 "$runs"); do
  sql "TRUNCATE $table"
  s=$(now_ms); sql "\\copy $table FROM '$work/masked.csv' WITH (FORMAT csv)"; copies+=("$(python3 -c "print(($(now_ms) - $s) / 1000)")")
done
read -r _ small_rss <<<"$(run tenth.yaml)"
sql "DROP TABLE IF EXISTS $table"
read -r med lo hi <<<"$(stats "${ours[@]}")"
read -r copy_med _ _ <<<"$(stats "${copies[@]}")"
ratio=$(python3 -c "print(f'{$med / $copy_med:.2f}')")
row "file -> PostgreSQL, $n contacts ($rows rows)" "seconds, whole process" "$med" "$lo" "$hi" "psql \\copy ${copy_med} s" "${ratio}x" "<= 2x" "$(met "$ratio" '<=' 2)"
read -r rss_med _ _ <<<"$(stats "${rss[@]}")"
growth=$(python3 -c "print(f'{$rss_med / $small_rss:.2f}')")
row "file -> PostgreSQL, memory" "peak RSS MiB, -Xmx256m" "$((${rss_med%.*} / 1024))" "$(($(printf '%s\n' "${rss[@]}" | sort -n | head -1) / 1024))" \
  "$(($(printf '%s\n' "${rss[@]}" | sort -n | tail -1) / 1024))" "$((n / 10)) contacts: $((small_rss / 1024)) MiB" "${growth}x for 10x input" "flat" \
  "$(met "$growth" '<=' 1.25)"
