#!/usr/bin/env bash
# Stops what up.sh started and removes everything it made outside its cache folder: processes (by recorded pid),
# pod containers, mounts under the run folder, network namespaces of the pods, the bridge and dummy interface,
# iptables/nftables rules, and the kubelet's cgroups. The cache (binaries, images) stays.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/network.env"
C=$("$here/key.sh"); B=$C/bin; R=$C/run; S=$R/containerd.sock
stop() { if [ -f "$R/$1.pid" ]; then p=$(cat "$R/$1.pid"); kill "$p" 2>/dev/null && echo "stopped $1";
  for i in $(seq 1 20); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done; kill -9 "$p" 2>/dev/null; rm -f "$R/$1.pid"; fi; }
stop kube-proxy; stop kubelet
# Pod containers and their shims: through containerd, which knows exactly which are ours.
if [ -S "$S" ]; then
  for t in $(ctr -a "$S" -n k8s.io tasks ls -q 2>/dev/null); do ctr -a "$S" -n k8s.io tasks kill -s SIGKILL "$t" >/dev/null 2>&1; done
  sleep 1
  for t in $(ctr -a "$S" -n k8s.io tasks ls -q 2>/dev/null); do ctr -a "$S" -n k8s.io tasks delete -f "$t" >/dev/null 2>&1; done
fi
stop scheduler; stop kcm; stop apiserver; stop etcd; stop containerd
# Leftover shims of our containerd (their command line names our socket).
for p in $(pgrep -f "containerd-shim-runc-v2 .*-address $S" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
# Pod network namespaces: the ones our CNI network allocated (host-local keeps one file per pod address).
for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
  if ip netns exec "$ns" ip -4 -o addr 2>/dev/null | grep -q " ${POD_CIDR%.*}\."; then ip netns delete "$ns"; fi; done
# Mounts under the run folder (kubelet volumes, containerd snapshots, netns bind mounts), deepest first.
findmnt -rn -o TARGET 2>/dev/null | grep "^$R/" | sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
ip link del "$BRIDGE" 2>/dev/null
iptables -t raw -D PREROUTING -s "$POD_CIDR" -j CONTACTSYNC-CLUSTER 2>/dev/null
iptables -t raw -F CONTACTSYNC-CLUSTER 2>/dev/null; iptables -t raw -X CONTACTSYNC-CLUSTER 2>/dev/null
iptables -D FORWARD -s "$POD_CIDR" ! -o "$BRIDGE" -j DROP 2>/dev/null
[ -x "$B/kube-proxy" ] && "$B/kube-proxy" --cleanup >/dev/null 2>&1
# The kubelet's own chains (kube-proxy --cleanup leaves them).
for ipt in iptables ip6tables; do
  $ipt -D INPUT -j KUBE-FIREWALL 2>/dev/null; $ipt -D OUTPUT -j KUBE-FIREWALL 2>/dev/null
  for t in filter nat mangle; do for ch in KUBE-FIREWALL KUBE-KUBELET-CANARY KUBE-IPTABLES-HINT; do
    $ipt -t $t -F $ch 2>/dev/null; $ipt -t $t -X $ch 2>/dev/null; done; done; done
nft delete table inet kube-network-policies 2>/dev/null
[ -f "$R/ip_forward.before" ] && sysctl -qw net.ipv4.ip_forward="$(cat "$R/ip_forward.before")" && rm -f "$R/ip_forward.before"
# The kubelet's cgroups (empty once the containers are gone), deepest first.
for h in /sys/fs/cgroup/*/; do [ -d "$h/kubepods" ] && find "$h/kubepods" -depth -type d -exec rmdir {} + 2>/dev/null; done
rm -rf "$R/cni/ipam" "$R/etcd-data"
exit 0
