#!/usr/bin/env bash
# Builds the cluster's binaries and images into $1 (a folder keyed by versions.env) when they are missing.
# Kubernetes, etcd, CoreDNS and kube-network-policies come from their Go modules through the module proxy, in ONE
# `go build` so that the packages they share (client-go, apimachinery, ...) compile once. k8s.io/kubernetes lists its
# staging modules at v0.0.0, so a generated wrapper module replaces each with its published v0.3x version.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/versions.env"
C=$1; B=$C/bin; I=$C/images
bins=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl etcd coredns kube-network-policies)
have_all() { for b in "${bins[@]}"; do [ -x "$B/$b" ] || return 1; done; [ -x "$B/pause" ] && [ -x "$B/cstool" ]; }
if have_all && [ -f "$I/pause.tar" ] && [ -f "$I/coredns.tar" ] && [ -f "$I/cstool.tar" ] && [ -f "$I/netpol.tar" ]; then exit 0; fi
mkdir -p "$B" "$I"
export GOFLAGS="-trimpath -buildvcs=false" CGO_ENABLED=0
LD="-s -w"
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  LD="$LD -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=$(echo "$K8S_VERSION" | cut -d. -f1 | tr -d v)"
  LD="$LD -X $p.gitMinor=$(echo "$K8S_VERSION" | cut -d. -f2) -X $p.gitTreeState=clean"
done
if ! have_all; then
  W=$C/src; mkdir -p "$W/coredns"
  cp "$here/coredns/main.go" "$W/coredns/main.go"
  go mod download -json "k8s.io/kubernetes@$K8S_VERSION" >/dev/null
  kmod=$(go env GOMODCACHE)/cache/download/k8s.io/kubernetes/@v/$K8S_VERSION.mod
  { echo "module contactsync.test/cluster"; echo; echo "go 1.24.0"; echo
    echo "require ("
    echo "  k8s.io/kubernetes $K8S_VERSION"
    echo "  go.etcd.io/etcd/server/v3 $ETCD_VERSION"
    echo "  github.com/coredns/coredns $COREDNS_VERSION"
    echo "  sigs.k8s.io/kube-network-policies $KUBE_NETWORK_POLICIES_VERSION"
    echo ")"; echo
    echo "replace ("
    sed -n 's#^\s*\(k8s.io/[a-z0-9-]*\) => \./staging/src/.*#  \1 => \1 '"$K8S_STAGING_VERSION"'#p' "$kmod"
    echo ")"
  } > "$W/go.mod"
  # Blank imports make `go mod tidy` keep every command's dependencies.
  { echo "//go:build tools"; echo; echo "package tools"; echo; echo "import ("
    for p in apiserver controller-manager scheduler let proxy ctl; do echo "  _ \"k8s.io/kubernetes/cmd/kube$p\""; done
    echo "  _ \"go.etcd.io/etcd/server/v3\""; echo "  _ \"sigs.k8s.io/kube-network-policies/cmd\""; echo ")"
  } | sed 's#cmd/kubeapiserver#cmd/kube-apiserver#;s#cmd/kubecontroller-manager#cmd/kube-controller-manager#;s#cmd/kubescheduler#cmd/kube-scheduler#;s#cmd/kubeproxy#cmd/kube-proxy#' > "$W/tools.go"
  cd "$W"
  echo "resolving modules ..." >&2
  go mod tidy >&2
  echo "compiling Kubernetes $K8S_VERSION, etcd $ETCD_VERSION, CoreDNS $COREDNS_VERSION, kube-network-policies $KUBE_NETWORK_POLICIES_VERSION (one go build) ..." >&2
  mkdir -p out
  go build -ldflags "$LD" -o out/ \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kube-proxy \
    k8s.io/kubernetes/cmd/kubectl go.etcd.io/etcd/server/v3 ./coredns sigs.k8s.io/kube-network-policies/cmd
  mv out/server out/etcd; mv out/cmd out/kube-network-policies
  for b in "${bins[@]}"; do mv "out/$b" "$B/$b"; done
  # The pause container, from Kubernetes' own C source, static.
  gcc -Os -static -DVERSION="$K8S_VERSION" -o "$B/pause" "$(go env GOMODCACHE)/k8s.io/kubernetes@$K8S_VERSION/build/pause/linux/pause.c"
  strip "$B/pause"
  ( cd "$here/cstool" && go build -ldflags "-s -w" -o "$B/cstool" . )
  cd "$C"; rm -rf "$W"
fi
# Images as docker-archive tarballs that `ctr images import` takes: one layer with the static binary.
"$here/image.sh" "$I/pause.tar" contactsync.test/pause:"$K8S_VERSION" /pause 65535 "$B/pause:/pause"
"$here/image.sh" "$I/coredns.tar" contactsync.test/coredns:"$COREDNS_VERSION" /coredns 65532 "$B/coredns:/coredns"
"$here/image.sh" "$I/cstool.tar" contactsync.test/cstool:1 /cstool 65534 "$B/cstool:/cstool"
"$here/image.sh" "$I/netpol.tar" contactsync.test/kube-network-policies:"$KUBE_NETWORK_POLICIES_VERSION" /bin/netpol 0 "$B/kube-network-policies:/bin/netpol"
