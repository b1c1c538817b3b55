#!/usr/bin/env bash
# Runs every benchmark and prints one results table (bench/RESULTS.md holds the last published one). Needs the
# local test servers (.ci/servers, started on demand) and a cluster in KUBECONFIG for the operator benchmark (here:
# export KUBECONFIG=$(../shared/k8s-apiserver/up.sh)). About 20-25 minutes on 2 cores.
# Usage: bench/run-all.sh [--quick]   (--quick: smaller sizes and fewer repetitions, a few minutes, figures not comparable)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
if [ "${1:-}" = --quick ]; then sizes=(1 100000 1 100000 200 1 200 3); else sizes=(3 1000000 3 1000000 2000 3 1000 10); fi
build
echo "date: $(date -u +%F), machine: $(machine), commit: $(cd "$root" && git rev-parse --short HEAD)"
echo
table_header
"$here/privacy-engine.sh" "${sizes[0]}"
"$here/file-to-postgres.sh" "${sizes[1]}" "${sizes[2]}"
"$here/incremental.sh" "${sizes[3]}" "${sizes[4]}" "${sizes[5]}"
"$here/startup.sh" "${sizes[7]}"
# last: the API server deletes the benchmark's thousands of objects afterwards, which loads the machine
if [ -n "${KUBECONFIG:-}" ] && kubectl version >/dev/null 2>&1; then
  "$here/operator-scale.sh" "${sizes[6]}"
else
  row "operator at scale" "skipped: no cluster in KUBECONFIG" "" "" "" "" "" "" ""
fi
