#!/usr/bin/env bash
# Benchmark 5: worker start-up. A one-contact `contactsync sync` from process start to exit, repeated, next to the
# JVM's own start-up (`java -version`) and to the same run with an application class-data-sharing archive.
# Usage: bench/startup.sh [RUNS=10]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${1:-10}
build
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
java -jar "$jar" generate --count 1 --seed 1 -o "$work/one.vcf" >/dev/null 2>&1
cp "$root/config/samples/local/privacypolicy.yaml" "$work/"
sed -e '/marketing-csv/,$d' -e 's|path: contacts.vcf|path: one.vcf|' "$root/config/samples/local/contactsync.yaml" >"$work/cs.yaml"
sync=(sync --local -f "$work/cs.yaml" -f "$work/privacypolicy.yaml" --state-dir "$work/state" --mode Full)
# the training run that writes the class-data-sharing archive
java -XX:ArchiveClassesAtExit="$work/app.jsa" -jar "$jar" "${sync[@]}" >/dev/null 2>&1
time_ms() { local s; s=$(now_ms); "$@" >/dev/null 2>&1; echo $(( $(now_ms) - s )); }
plain=(); cds=(); jvm=()
for _ in $(seq 1 "$runs"); do
  jvm+=("$(time_ms java -version)")
  plain+=("$(time_ms java -jar "$jar" "${sync[@]}")")
  cds+=("$(time_ms java -XX:SharedArchiveFile="$work/app.jsa" -jar "$jar" "${sync[@]}")")
done
read -r jvm_med _ _ <<<"$(stats "${jvm[@]}")"
read -r med lo hi <<<"$(stats "${plain[@]}")"
row "worker start-up" "one-contact sync, ms" "$med" "$lo" "$hi" "java -version ${jvm_med} ms" \
  "$(python3 -c "print(f'{$med / $jvm_med:.1f}x')")" "< 1500 ms" "$(met "$med" '<=' 1500)"
read -r med lo hi <<<"$(stats "${cds[@]}")"
row "worker start-up, AppCDS" "one-contact sync, ms" "$med" "$lo" "$hi" "java -version ${jvm_med} ms" \
  "$(python3 -c "print(f'{$med / $jvm_med:.1f}x')")" "< 1500 ms" "$(met "$med" '<=' 1500)"
