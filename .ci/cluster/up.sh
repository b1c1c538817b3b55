#!/usr/bin/env bash
# Starts a single-node Kubernetes cluster (versions in versions.env) on this machine and prints its KUBECONFIG path on
# stdout (everything else goes to stderr). Builds what is missing first (cached under ~/.cache/contactsync-cluster/KEY).
# Idempotent: a running cluster is reused. Must run as root (containerd, network namespaces, iptables).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/versions.env"; . "$here/network.env"
C=$("$here/key.sh"); B=$C/bin; I=$C/images; R=$C/run; P=$R/pki
export KUBECONFIG=$R/admin.kubeconfig
k() { "$B/kubectl" "$@"; }
if [ -f "$R/kubelet.pid" ] && kill -0 "$(cat "$R/kubelet.pid")" 2>/dev/null \
   && k get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null | grep -q True; then
  echo "$KUBECONFIG"; exit 0; fi
t0=$(date +%s)
# Runtime and network from Debian: install only what is missing.
need=()
for c in containerd:containerd runc:runc iptables:iptables conntrack:conntrack nft:nftables gcc:gcc openssl:openssl; do
  command -v "${c%%:*}" >/dev/null || need+=("${c#*:}"); done
[ -x /usr/lib/cni/bridge ] || need+=(containernetworking-plugins)
[ -f /usr/lib/x86_64-linux-gnu/libc.a ] || need+=(libc6-dev)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o DPkg::Lock::Timeout=300 "${need[@]}" >&2
fi
mkdir -p "$C"; "$here/build.sh" "$C" >&2
"$here/down.sh" >/dev/null 2>&1 || true
mkdir -p "$P" "$R/log" "$R/cni/net.d"

# --- PKI: one CA; a certificate per component (RBAC sees each as itself).
if [ ! -f "$P/ca.crt" ]; then (
  cd "$P"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj "/CN=contactsync-cluster-ca"
  cert() { # name CN O extensions
    openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "${3:+/O=$3}/CN=$2"
    printf '%s\n' "$4" > "$1.ext"
    openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$1.crt" -days 3650 -extfile "$1.ext"; }
  cert apiserver kube-apiserver "" "subjectAltName=IP:$NODE_IP,IP:127.0.0.1,IP:${SERVICE_CIDR%.0/*}.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local
extendedKeyUsage=serverAuth"
  cert admin admin system:masters "extendedKeyUsage=clientAuth"
  cert apiserver-kubelet kube-apiserver-kubelet-client system:masters "extendedKeyUsage=clientAuth"
  cert kcm system:kube-controller-manager "" "extendedKeyUsage=clientAuth"
  cert scheduler system:kube-scheduler "" "extendedKeyUsage=clientAuth"
  cert kubelet "system:node:$NODE_NAME" system:nodes "extendedKeyUsage=clientAuth"
  cert kube-proxy system:kube-proxy "" "extendedKeyUsage=clientAuth"
  openssl genrsa -out sa.key 2048 && openssl rsa -in sa.key -pubout -out sa.pub ) >/dev/null 2>&1
fi
for n in admin kcm scheduler kubelet kube-proxy; do cat > "$R/$n.kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters: [{name: contactsync-cluster, cluster: {server: "https://$NODE_IP:$APISERVER_PORT", certificate-authority: "$P/ca.crt"}}]
users: [{name: $n, user: {client-certificate: "$P/$n.crt", client-key: "$P/$n.key"}}]
contexts: [{name: contactsync-cluster, context: {cluster: contactsync-cluster, user: $n, namespace: default}}]
current-context: contactsync-cluster
KC
done

# --- Network: the node address on the pod bridge itself (this kernel has no dummy interfaces). The pods' gateway
# address goes on first: the CNI bridge plugin (isGateway) accepts a bridge whose first IPv4 address is its gateway
# and refuses one whose first address is any other ("already has an IP address different from").
ip link add "$BRIDGE" type bridge; ip addr add "$POD_GATEWAY" dev "$BRIDGE"; ip addr add "$NODE_IP/32" dev "$BRIDGE"
ip link set "$BRIDGE" up
cat /proc/sys/net/ipv4/ip_forward > "$R/ip_forward.before"
sysctl -qw net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1
# Nothing from a pod leaves the machine: only the cluster's own ranges and the node address are let through, and
# nothing from the pod network is forwarded to any interface but the bridge.
iptables -t raw -N CONTACTSYNC-CLUSTER
for d in "$POD_CIDR" "$SERVICE_CIDR" "$NODE_IP/32"; do iptables -t raw -A CONTACTSYNC-CLUSTER -d "$d" -j RETURN; done
iptables -t raw -A CONTACTSYNC-CLUSTER -j DROP
iptables -t raw -I PREROUTING -s "$POD_CIDR" -j CONTACTSYNC-CLUSTER
iptables -I FORWARD -s "$POD_CIDR" ! -o "$BRIDGE" -j DROP
cat > "$R/cni/net.d/10-contactsync.conflist" <<CNI
{"cniVersion": "1.0.0", "name": "contactsync-pods", "plugins": [
  {"type": "bridge", "bridge": "$BRIDGE", "isGateway": true, "isDefaultGateway": false, "ipMasq": false, "hairpinMode": true,
   "ipam": {"type": "host-local", "dataDir": "$R/cni/ipam", "ranges": [[{"subnet": "$POD_CIDR"}]],
            "routes": [{"dst": "$POD_CIDR"}, {"dst": "$SERVICE_CIDR"}, {"dst": "$NODE_IP/32"}]}},
  {"type": "portmap", "capabilities": {"portMappings": true}}]}
CNI

# --- containerd (Debian's), private root, state and socket; images imported from files.
S=$R/containerd.sock
cat > "$R/containerd.toml" <<CT
version = 2
root = "$R/containerd/root"
state = "$R/containerd/state"
[grpc]
  address = "$S"
[ttrpc]
  address = "$S.ttrpc"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "contactsync.test/pause:$K8S_VERSION"
  stream_server_address = "127.0.0.1"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$R/cni/net.d"
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
    runtime_type = "io.containerd.runc.v2"
CT
setsid containerd --config "$R/containerd.toml" </dev/null >"$R/log/containerd.log" 2>&1 & echo $! > "$R/containerd.pid"
for i in $(seq 1 60); do ctr -a "$S" version >/dev/null 2>&1 && break; sleep 0.5; done
for t in "$I"/*.tar; do ctr -a "$S" -n k8s.io images import --no-unpack=false "$t" >/dev/null; done

# --- Control plane.
setsid "$B/etcd" --name default --data-dir "$R/etcd-data" \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$((ETCD_PORT+1))" --initial-advertise-peer-urls "http://127.0.0.1:$((ETCD_PORT+1))" \
  --initial-cluster "default=http://127.0.0.1:$((ETCD_PORT+1))" --listen-metrics-urls "http://127.0.0.1:$((ETCD_PORT+2))" \
  </dev/null >"$R/log/etcd.log" 2>&1 & echo $! >"$R/etcd.pid"
# Admission: the default plugins (ServiceAccount, PodSecurity, ... are on by default) plus NodeRestriction.
setsid "$B/kube-apiserver" --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
  --bind-address="$NODE_IP" --advertise-address="$NODE_IP" --secure-port="$APISERVER_PORT" \
  --tls-cert-file="$P/apiserver.crt" --tls-private-key-file="$P/apiserver.key" --client-ca-file="$P/ca.crt" \
  --kubelet-client-certificate="$P/apiserver-kubelet.crt" --kubelet-client-key="$P/apiserver-kubelet.key" \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$P/sa.pub" --service-account-signing-key-file="$P/sa.key" \
  --service-cluster-ip-range="$SERVICE_CIDR" --authorization-mode=Node,RBAC \
  --enable-admission-plugins=NodeRestriction --allow-privileged=true --cert-dir="$R/apiserver-certs" \
  </dev/null >"$R/log/apiserver.log" 2>&1 & echo $! >"$R/apiserver.pid"
for i in $(seq 1 120); do k get --raw /readyz >/dev/null 2>&1 && break; sleep 0.5; done
k get --raw /readyz >/dev/null || { echo "kube-apiserver did not become ready; see $R/log/apiserver.log" >&2; exit 1; }
setsid "$B/kube-controller-manager" --kubeconfig="$R/kcm.kubeconfig" --authentication-kubeconfig="$R/kcm.kubeconfig" \
  --authorization-kubeconfig="$R/kcm.kubeconfig" --leader-elect=false --use-service-account-credentials \
  --service-account-private-key-file="$P/sa.key" --root-ca-file="$P/ca.crt" \
  --cluster-signing-cert-file="$P/ca.crt" --cluster-signing-key-file="$P/ca.key" \
  --service-cluster-ip-range="$SERVICE_CIDR" --bind-address=127.0.0.1 --secure-port=20257 \
  </dev/null >"$R/log/kcm.log" 2>&1 & echo $! >"$R/kcm.pid"
setsid "$B/kube-scheduler" --kubeconfig="$R/scheduler.kubeconfig" --authentication-kubeconfig="$R/scheduler.kubeconfig" \
  --authorization-kubeconfig="$R/scheduler.kubeconfig" --leader-elect=false --bind-address=127.0.0.1 --secure-port=20259 \
  </dev/null >"$R/log/scheduler.log" 2>&1 & echo $! >"$R/scheduler.pid"

# --- Node: kubelet (cgroup v1 here: allowed explicitly, cgroupfs driver) and kube-proxy (iptables mode).
: > "$R/resolv.conf"   # pods use the cluster DNS only; the host's resolvers are not handed on
cat > "$R/kubelet.yaml" <<KY
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 20248
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
containerRuntimeEndpoint: unix://$S
clusterDNS: [$DNS_IP]
clusterDomain: cluster.local
resolvConf: $R/resolv.conf
authentication: {x509: {clientCAFile: "$P/ca.crt"}, webhook: {enabled: true}, anonymous: {enabled: false}}
authorization: {mode: Webhook}
evictionHard: {memory.available: "100Mi", nodefs.available: "2%", imagefs.available: "2%"}
imageGCHighThresholdPercent: 100
serializeImagePulls: false
KY
setsid "$B/kubelet" --config="$R/kubelet.yaml" --kubeconfig="$R/kubelet.kubeconfig" --root-dir="$R/kubelet" \
  --cert-dir="$R/kubelet-pki" --node-ip="$NODE_IP" --hostname-override="$NODE_NAME" \
  </dev/null >"$R/log/kubelet.log" 2>&1 & echo $! >"$R/kubelet.pid"
cat > "$R/kube-proxy.yaml" <<KP
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: "$R/kube-proxy.kubeconfig"}
mode: iptables
clusterCIDR: $POD_CIDR
hostnameOverride: $NODE_NAME
bindAddress: $NODE_IP
healthzBindAddress: 127.0.0.1:20256
metricsBindAddress: 127.0.0.1:20249
nodePortAddresses: ["$NODE_IP/32"]
iptables: {masqueradeAll: true}
conntrack: {maxPerCore: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
KP
setsid "$B/kube-proxy" --config="$R/kube-proxy.yaml" </dev/null >"$R/log/kube-proxy.log" 2>&1 & echo $! >"$R/kube-proxy.pid"

for i in $(seq 1 120); do
  k get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null | grep -q True && break; sleep 1; done
k wait --for=condition=Ready "node/$NODE_NAME" --timeout=5s >&2 || { echo "node not Ready; see $R/log/kubelet.log" >&2; exit 1; }
# --- Cluster add-ons from files: CoreDNS and the NetworkPolicy enforcer (kube-network-policies).
sed "s#@DNS_IP@#$DNS_IP#;s#@COREDNS_VERSION@#$COREDNS_VERSION#" "$here/coredns.yaml" | k apply -f - >&2
sed -e "s#image: registry.k8s.io/networking/kube-network-policies:.*#image: contactsync.test/kube-network-policies:$KUBE_NETWORK_POLICIES_VERSION\n        imagePullPolicy: Never#" \
    -e 's#^        args:#        command:#' -e 's#- --nfqueue-id=98#- --nfqueue-id=98\n        - --disable-nri\n        - --metrics-bind-address=127.0.0.1:20980#' \
    "$(go env GOMODCACHE)/sigs.k8s.io/kube-network-policies@$KUBE_NETWORK_POLICIES_VERSION/install.yaml" | k apply -f - >&2
k -n kube-system rollout status deployment/coredns --timeout=120s >&2
k -n kube-system rollout status daemonset/kube-network-policies --timeout=120s >&2
echo "cluster up in $(( $(date +%s) - t0 )) s" >&2
echo "$KUBECONFIG"
