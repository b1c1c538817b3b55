#!/usr/bin/env bash
# Restarts the kube-apiserver that ../shared/k8s-apiserver/up.sh started, in place: the same command line, while
# etcd and its data stay, as a control-plane upgrade or crash does. OperatorFaultsIT runs it through
# CONTACTSYNC_TEST_APISERVER_RESTART (.ci/run sets it; on kind: docker restart <cluster>-control-plane).
set -euo pipefail
run=${CONTACTSYNC_K8S_HOME:-$HOME/.cache/contactsync-k8s}/run
pid=$(cat "$run/apiserver.pid")
mapfile -d '' command < "/proc/$pid/cmdline"
kill "$pid"
for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
setsid "${command[@]}" </dev/null >>"$run/apiserver.log" 2>&1 & echo $! >"$run/apiserver.pid"
for _ in $(seq 1 120); do kubectl get --raw /readyz >/dev/null 2>&1 && exit 0; sleep 0.5; done
echo "kube-apiserver did not come back; see $run/apiserver.log" >&2
exit 1
