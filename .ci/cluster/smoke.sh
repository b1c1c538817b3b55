#!/usr/bin/env bash
# Proves the cluster in KUBECONFIG is real (issue 18). Each check prints "ok: ..." or "FAIL: ..." and the script
# ends with "N passed, N failed", exiting non-zero on any failure. Cleans up its namespaces.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/versions.env"
k() { "$("$here/key.sh")/bin/kubectl" "$@"; }
pass=0 fail=0
check() { local name=$1; shift; if out=$("$@" 2>&1); then echo "ok: $name"; pass=$((pass+1)); else
  echo "FAIL: $name"; echo "$out" | tail -5 | sed 's/^/    /'; fail=$((fail+1)); fi; }
ns=cs-smoke-$RANDOM; rns=$ns-restricted
trap 'k delete ns "$ns" "$rns" --wait=false >/dev/null 2>&1; k delete crd widgets.smoke.contactsync.test --wait=false >/dev/null 2>&1' EXIT
k create ns "$ns" >/dev/null; k create ns "$rns" >/dev/null
k label ns "$rns" pod-security.kubernetes.io/enforce=restricted >/dev/null
for n in "$ns" "$rns"; do for i in $(seq 1 30); do k -n "$n" get sa default >/dev/null 2>&1 && break; sleep 1; done; done

node_ready() {
  [ "$(k get nodes -o jsonpath='{.items[0].status.conditions[?(@.type=="Ready")].status}')" = True ] &&
  [ "$(k get nodes -o jsonpath='{.items[0].status.nodeInfo.kubeletVersion}')" = "$K8S_VERSION" ]; }
check "node Ready at $K8S_VERSION" node_ready

restricted_pod() {
  k -n "$rns" apply -f - <<P >/dev/null || return 1
apiVersion: v1
kind: Pod
metadata: {name: msg}
spec:
  restartPolicy: Never
  securityContext: {runAsNonRoot: true, runAsUser: 65534, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: c
    image: contactsync.test/cstool:1
    imagePullPolicy: Never
    args: [message, hello-from-smoke]
    securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
P
  k -n "$rns" wait --for=jsonpath='{.status.phase}'=Succeeded pod/msg --timeout=90s || return 1
  m=$(k -n "$rns" get pod msg -o jsonpath='{.status.containerStatuses[0].state.terminated.message}')
  echo "termination message: $m"; [ "$m" = "hello-from-smoke uid=65534" ]; }
check "restricted pod runs as non-root, read-only root fs, termination message read back" restricted_pod

violating_pod() {
  out=$(k -n "$rns" run bad --image=contactsync.test/cstool:1 --image-pull-policy=Never --restart=Never \
        --overrides='{"spec":{"containers":[{"name":"bad","image":"contactsync.test/cstool:1","securityContext":{"privileged":true}}]}}' 2>&1)
  echo "$out"; echo "$out" | grep -q 'violates PodSecurity "restricted:latest"'; }
check "a pod violating restricted is refused by PodSecurity" violating_pod

cronjob() {
  k -n "$ns" apply -f - <<P >/dev/null || return 1
apiVersion: batch/v1
kind: CronJob
metadata: {name: tick}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: c, image: contactsync.test/cstool:1, imagePullPolicy: Never, args: [message, tick]}]
P
  for i in $(seq 1 90); do
    [ "$(k -n "$ns" get jobs -o jsonpath='{.items[*].status.succeeded}')" = 1 ] && return 0; sleep 2; done
  k -n "$ns" get cronjob,jobs,pods; return 1; }
check "a CronJob on a one-minute schedule makes a Job that runs" cronjob

# A server pod and its Service; client pods connect by pod IP and by the Service's DNS name.
k -n "$ns" run server --image=contactsync.test/cstool:1 --image-pull-policy=Never --labels=app=server --port=8080 -- serve 8080 >/dev/null
k -n "$ns" expose pod server --name=server --port=80 --target-port=8080 >/dev/null
k -n "$ns" wait --for=condition=Ready pod/server --timeout=90s >/dev/null
sip=$(k -n "$ns" get pod server -o jsonpath='{.status.podIP}')
client() { # name target -> exit status of the client pod
  k -n "$ns" delete pod "$1" --ignore-not-found --wait=true >/dev/null
  k -n "$ns" run "$1" --image=contactsync.test/cstool:1 --image-pull-policy=Never --labels=app=client --restart=Never -- "${@:2}" >/dev/null
  for i in $(seq 1 60); do
    ph=$(k -n "$ns" get pod "$1" -o jsonpath='{.status.phase}'); case $ph in Succeeded) return 0;; Failed) k -n "$ns" logs "$1"; return 1;; esac
    sleep 1; done; return 1; }
not() { ! "$@"; }
check "pod reaches a Service by its DNS name" client dns connect server.$ns.svc.cluster.local:80
check "pod to pod TCP without a policy" client c1 connect "$sip:8080"
k -n "$ns" apply -f - <<P >/dev/null
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress}
spec: {podSelector: {matchLabels: {app: client}}, policyTypes: [Egress]}
P
sleep 2
check "NetworkPolicy denying egress blocks it" not client c2 connect "$sip:8080"
k -n "$ns" apply -f - <<P >/dev/null
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-server}
spec:
  podSelector: {matchLabels: {app: client}}
  policyTypes: [Egress]
  egress: [{to: [{podSelector: {matchLabels: {app: server}}}], ports: [{protocol: TCP, port: 8080}]}]
P
sleep 2
check "an allow rule for the server's labels and port lets it through" client c3 connect "$sip:8080"

cel() {
  k apply -f - <<P >/dev/null || return 1
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.smoke.contactsync.test}
spec:
  group: smoke.contactsync.test
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties: {min: {type: integer}, max: {type: integer}}
            x-kubernetes-validations: [{rule: "self.min <= self.max", message: "min must not exceed max"}]
P
  k wait --for=condition=Established crd/widgets.smoke.contactsync.test --timeout=30s >/dev/null || return 1
  sleep 1
  out=$(printf 'apiVersion: smoke.contactsync.test/v1\nkind: Widget\nmetadata: {name: bad}\nspec: {min: 2, max: 1}\n' | k -n "$ns" apply -f - 2>&1)
  echo "$out"; echo "$out" | grep -q "min must not exceed max"; }
check "a CRD's x-kubernetes-validations rule refuses a bad object" cel

echo "smoke: $pass passed, $fail failed"
[ "$fail" = 0 ]
