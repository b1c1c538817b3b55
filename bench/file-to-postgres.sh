#!/usr/bin/env bash
# Benchmark 2: N generated contacts from a .jsonl file through the reference policy into a PostgreSQL table, against
# `psql \copy` of the same N already-masked rows into the same table on the same server. Memory: the heap is capped
# (-Xmx256m) and the most it holds after a collection (the live set, from the GC log) is compared with a run of N/10.
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
# the largest heap occupancy right after a collection, in MiB, from a -Xlog:gc file
live_mib() { grep -o -- '->[0-9]*M' "$1" | tr -dc '0-9\n' | sort -n | tail -1; }
run() { # manifest -> "seconds live_heap_mib"
  rm -rf "$work/state"
  sql "DROP TABLE IF EXISTS $table" 2>/dev/null || true
  /usr/bin/time -f "%e" -o "$work/time" java -Xmx256m -Xlog:gc:file="$work/gc.log" -jar "$jar" sync --local -f "$work/$1" -f "$work/privacypolicy.yaml" \
    --state-dir "$work/state" --credentials-dir "$work/credentials" >/dev/null 2>"$work/err" || { tail -3 "$work/err" >&2; exit 1; }
  echo "$(cat "$work/time") $(live_mib "$work/gc.log")"
}
ours=(); live=()
for _ in $(seq 1 "$runs"); do read -r s k <<<"$(run full.yaml)"; ours+=("$s"); live+=("$k"); done
rows=$(sql "SELECT count(*) FROM $table")
# the baseline: the same masked rows, exported, then loaded by psql \copy into the same (emptied) table
sql "\\copy $table TO '$work/masked.csv' WITH (FORMAT csv)"
copies=()
for _ in $(seq 1 "$runs"); do
  sql "TRUNCATE $table"
  s=$(now_ms); sql "\\copy $table FROM '$work/masked.csv' WITH (FORMAT csv)"; copies+=("$(python3 -c "print(($(now_ms) - $s) / 1000)")")
done
read -r _ small_live <<<"$(run tenth.yaml)"
sql "DROP TABLE IF EXISTS $table"
read -r med lo hi <<<"$(stats "${ours[@]}")"
read -r copy_med _ _ <<<"$(stats "${copies[@]}")"
ratio=$(python3 -c "print(f'{$med / $copy_med:.2f}')")
row "file -> PostgreSQL, $n contacts ($rows rows)" "seconds, whole process" "$med" "$lo" "$hi" "psql \\copy ${copy_med} s" "${ratio}x" "<= 2x" "$(met "$ratio" '<=' 2)"
read -r live_med live_lo live_hi <<<"$(stats "${live[@]}")"
growth=$(python3 -c "print(f'{$live_med / $small_live:.2f}')")
row "file -> PostgreSQL, memory" "live heap after GC, MiB (-Xmx256m)" "$live_med" "$live_lo" "$live_hi" \
  "$((n / 10)) contacts: $small_live MiB" "${growth}x for 10x input" "flat (< 2x for 10x input)" "$(met "$growth" '<=' 2)"
