#!/usr/bin/env bash
# Quick throughput check of the local sync: N generated contacts (.vcf) through the reference policy of
# config/samples/local into a .jsonl file, full runs repeated, contacts per second from each run's report.
# Usage: bench/local-sync.sh [COUNT=100000] [RUNS=3] [FORMAT=vcf]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-100000}; runs=${2:-3}; format=${3:-vcf}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cli="$root/bin/contactsync"
"$cli" generate --count "$count" --seed 7 -o "$work/contacts.$format" >/dev/null
cp "$root/config/samples/local/privacypolicy.yaml" "$work/"
sed -e "s|path: contacts.vcf|path: contacts.$format|" -e '/marketing-csv/,$d' \
  "$root/config/samples/local/contactsync.yaml" > "$work/contactsync.yaml"
echo "local sync: $count contacts ($format -> jsonl), reference policy, $(nproc) cores, $(java -version 2>&1 | head -1)"
for i in $(seq 1 "$runs"); do
  "$cli" sync --local -f "$work/contactsync.yaml" -f "$work/privacypolicy.yaml" --state-dir "$work/state" \
    --mode Full --report "$work/report.json" >/dev/null 2>&1
  python3 - "$work/report.json" "$i" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print(f"  run {sys.argv[2]}: {s['read']} read in {s['durationSeconds']:.2f} s = {s['read'] / s['durationSeconds']:,.0f} contacts/s "
      f"(pipeline only; quarantined {s['quarantined']})")
PY
done
