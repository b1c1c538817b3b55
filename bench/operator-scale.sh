#!/usr/bin/env bash
# Benchmark 4: the operator at scale against the API server in KUBECONFIG (here ../shared/k8s-apiserver). N
# ContactSyncs, each with two destinations: one through the policy every sync shares, one through one of 9 team
# policies (10 policies in all). The operator runs as its own process (`contactsync operator`). Write requests are
# counted from the API server's apiserver_request_total (every verb but GET, LIST and WATCH; Leases, Endpoints and
# access reviews left out: the API server and controller manager write those on their own), less the benchmark's
# own creates.
# Usage: KUBECONFIG=... [HEAP_HISTO=file] [NATIVE_MEMORY=file] [OPERATOR_JAVA_OPTS=...] bench/operator-scale.sh [N=1000]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
n=${1:-1000}
build
: "${KUBECONFIG:?set KUBECONFIG to a cluster (here: export KUBECONFIG=\$(../shared/k8s-apiserver/up.sh))}"
tag=$(date +%s); ns="bench-scale-$tag"; opns="bench-operator-$tag"; port=18091
work=$(mktemp -d)
cleanup() {
  [ -n "${op:-}" ] && kill "$op" 2>/dev/null
  kubectl delete ns "$ns" "$opns" --wait=false >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
# namespaces an earlier run left terminating would add their deletions to the counts
while kubectl get namespaces -o name | grep -q '^namespace/bench-\(scale\|operator\)-'; do sleep 2; done
# replace or create, not a server-side apply, which an API server before 1.23 refuses for the CRDs' CEL rules
for crd in "$root"/crds/*.yml; do kubectl replace -f "$crd" >/dev/null 2>&1 || kubectl create -f "$crd" >/dev/null; done
kubectl create namespace "$ns" >/dev/null; kubectl create namespace "$opns" >/dev/null

writes() { # operator-relevant write requests served so far; their breakdown by verb and resource goes to $work/$1
  kubectl get --raw /metrics | python3 -c '
import collections, json, re, sys
total = 0
by = collections.Counter()
for line in sys.stdin:
    if not line.startswith("apiserver_request_total{"): continue
    labels = dict(re.findall(r"(\w+)=\"([^\"]*)\"", line))
    if labels.get("verb") in ("GET", "LIST", "WATCH", "CONNECT"): continue
    # the controller manager renews its Lease and the API server its own Endpoints: neither is the operator (which may
    # not write Endpoints at all); access reviews persist nothing
    if labels.get("resource") in ("leases", "endpoints") or labels.get("group", "").startswith(("authorization", "authentication")): continue
    value = float(line.rsplit(" ", 1)[1])
    total += value
    by[labels.get("verb") + " " + labels.get("resource", "") + ("/" + labels["subresource"] if labels.get("subresource") else "")] += value
json.dump(by, open(sys.argv[1], "w"))
print(int(total))' "$work/${1:-writes}.json"
}
# what changed between two breakdowns
write_diff() { python3 -c 'import json, sys; a, b = (json.load(open(f)) for f in sys.argv[1:]); print(", ".join(f"{k} {int(b[k] - a.get(k, 0))}" for k in sorted(b) if b[k] != a.get(k, 0)) or "none")' "$work/$1.json" "$work/$2.json"; }
jvm_options=$(sed -n 's/^jvmOptions: "\(.*\)"$/\1/p' "$root/charts/contactsync-operator/values.yaml")
[ -n "$jvm_options" ] || { echo "no jvmOptions in the chart's values.yaml" >&2; exit 1; }
reconciled_syncs() { # ContactSync reconciliations the running operator has finished
  curl -s "localhost:$port/metrics" | awk '/^operator_sdk_controllers_execution_reconcile_seconds_count\{controller="contactsync"/ {s += $2} END {printf "%d", s}'
}
start_operator() {
  # the JVM flags and environment the chart gives the operator, in a container limited as the chart limits it (512Mi)
  MALLOC_ARENA_MAX=2 java -XX:MaxRAM=512m $jvm_options -XX:+ExitOnOutOfMemoryError ${NATIVE_MEMORY:+-XX:NativeMemoryTracking=summary} ${OPERATOR_JAVA_OPTS:-} -jar "$jar" operator --namespace "$opns" --bind-address 127.0.0.1 --port "$port" --image contactsync-operator:bench >"${OPERATOR_LOG:-$work/operator}-$1.log" 2>&1 &
  op=$!
  until curl -sf "localhost:$port/readyz" >/dev/null 2>&1; do sleep 0.2; done
}
ready_count() {
  kubectl get contactsyncs -n "$ns" -o json | python3 -c '
import json, sys
items = json.load(sys.stdin)["items"]
print(sum(1 for i in items for c in i.get("status", {}).get("conditions", []) if c["type"] == "Ready" and c["status"] == "True"))'
}
python3 - "$ns" "$n" >"$work/objects.yaml" <<'PY'
import sys
ns, n = sys.argv[1], int(sys.argv[2])
def policy(name):
    return f"""apiVersion: contactsync.io/v1alpha1
kind: PrivacyPolicy
metadata: {{name: {name}, namespace: {ns}}}
spec:
  defaultAction: Drop
  rules:
    - {{fields: [name.given, name.family], action: Keep}}
    - {{fields: ["emails[].value"], action: Tokenize}}
"""
docs = [policy("shared")] + [policy(f"team-{t}") for t in range(9)]
for i in range(n):
    docs.append(f"""apiVersion: contactsync.io/v1alpha1
kind: ContactSync
metadata: {{name: sync-{i:04d}, namespace: {ns}}}
spec:
  schedule: "{i % 60} * * * *"
  source: {{file: {{path: in-{i}.vcf}}}}
  destinations:
    - {{name: shared, privacyPolicyRef: {{name: shared}}, file: {{path: shared-{i}.jsonl}}}}
    - {{name: team, privacyPolicyRef: {{name: team-{i % 9}}}, file: {{path: team-{i}.jsonl}}}}
""")
print("---\n".join(docs))
PY

start_operator first
sleep 2
before=$(writes converge-before)
t0=$(now_ms)
kubectl create -f "$work/objects.yaml" >/dev/null
until [ "$(ready_count)" -ge "$n" ]; do sleep 1; done
ready_s=$(python3 -c "print(($(now_ms) - $t0) / 1000)")
sleep 10  # let late status patches and events land
after=$(writes converge-after)
echo "writes to converge: $(write_diff converge-before converge-after)" >&2
per_sync=$(python3 -c "print(f'{($after - $before - $n - 10) / $n:.2f}')")
rss_mib=$(( $(awk '/VmRSS/ {print $2}' "/proc/$op/status") / 1024 ))
hwm_mib=$(( $(awk '/VmHWM/ {print $2}' "/proc/$op/status") / 1024 ))
# where the memory goes: HEAP_HISTO=file writes a class histogram of the live heap (after the figures above)
[ -z "${HEAP_HISTO:-}" ] || jmap -histo:live "$op" >"$HEAP_HISTO"
# NATIVE_MEMORY=file: the JVM's own account of its memory by area (heap, classes, code, threads, GC)
[ -z "${NATIVE_MEMORY:-}" ] || jcmd "$op" VM.native_memory summary >"$NATIVE_MEMORY"

# a full no-op resync: a restarted operator reconciles every object and must find nothing to write
kill "$op"; wait "$op" 2>/dev/null || true
start_operator second
before=$(writes resync-before)
until [ "$(reconciled_syncs)" -ge "$n" ]; do sleep 0.5; done
sleep 5
resync_writes=$(( $(writes resync-after) - before ))
[ "$resync_writes" = 0 ] || echo "writes on resync: $(write_diff resync-before resync-after)" >&2

# one shared policy changes: every sync's job ConfigMap must carry the new rule
t0=$(now_ms)
kubectl -n "$ns" patch privacypolicy shared --type json \
  -p '[{"op": "add", "path": "/spec/rules/-", "value": {"fields": ["organization"], "action": "Hash"}}]' >/dev/null
until [ "$(kubectl get configmaps -n "$ns" -o json | python3 -c '
import json, sys
print(sum(1 for i in json.load(sys.stdin)["items"] if i["metadata"]["name"].endswith("-job") and "organization" in json.dumps(i.get("data", {}))))')" -ge "$n" ]; do sleep 1; done
policy_s=$(python3 -c "print(($(now_ms) - $t0) / 1000)")

row "operator, $n ContactSyncs + 10 policies" "seconds until all Ready" "$ready_s" "$ready_s" "$ready_s" "" "" "<= 60 s" "$(met "$ready_s" '<=' 60)"
row "operator, writes to converge" "write requests per ContactSync" "$per_sync" "$per_sync" "$per_sync" "" "" "<= 12" "$(met "$per_sync" '<=' 12)"
row "operator, no-op resync (restart)" "write requests" "$resync_writes" "$resync_writes" "$resync_writes" "" "" "0" "$(met "$resync_writes" '<=' 0)"
row "operator, memory" "resident MiB after converging (peak)" "$rss_mib ($hwm_mib)" "$rss_mib" "$hwm_mib" "" "" "< 300 MiB" "$(met "$hwm_mib" '<=' 300)"
row "operator, one shared policy changed" "seconds until every sync's job has it" "$policy_s" "$policy_s" "$policy_s" "" "" "" ""
