#!/usr/bin/env bash
# A real Kubernetes cluster on this machine, for the Kubernetes half of the tests and for trying Slipway's
# kubernetes target: etcd, a kube-apiserver (TLS, token authentication, Node + RBAC authorization), the
# controller manager and the scheduler, and N nodes vps-1..vps-N. Kubernetes 1.20.2 is built once from
# Debian's `kubernetes` source package (scripts/lib/kubernetes-build.sh, cached under ~/.cache, about
# 5 minutes); etcd, containerd, the CNI plugins and OpenSSH are Debian's packages.
#
# A node is what a k3s node is for Slipway: one containerd that the node's kubelet runs pods from and that
# the distributor's ssh-containerd transport imports into over the node's own sshd. Each node lives in its
# own network namespace slipway-k<i> with the address 10.242.0.<10+i> on the bridge slk8s0 (the host is
# 10.242.0.1, where the API server listens), its pods on 10.244.<i>.0/24 behind its own CNI bridge (hostPort
# works through the portmap plugin), and its own mount namespace so that its kubelet sees only its own
# /var/log/pods. sshd answers on 10.242.0.<10+i>:22 with a generated host key and one generated client key.
# Each node runs a kube-proxy (iptables mode, in the node's network namespace), so Services work: pods reach the
# API server at the `kubernetes` Service's ClusterIP 10.96.0.1 and each other through Services (ClusterIPs
# 10.96.0.0/16, masqueraded to the node's address). The host reaches ClusterIPs too, routed through vps-1.
# There is no cluster DNS: pods find Services through Kubernetes' service environment variables.
# Static hostPath PersistentVolumes (storage class slipway-local) serve StatefulSets' claims.
#
#   scripts/cluster.sh start [N]   start the cluster with N nodes (default 4); builds Kubernetes first if needed
#   scripts/cluster.sh status      what runs, and the nodes as the API server sees them
#   scripts/cluster.sh env         print the environment: eval "$(scripts/cluster.sh env)"; the file named by
#                                  SLIPWAY_CLUSTER_NODES_CONFIG holds the slipway.nodes.* settings for the services
#   scripts/cluster.sh running [N] exit 0 when the API server is ready and nodes vps-1..vps-N (default 4) are Ready
#   scripts/cluster.sh stop        stop everything this script started and remove its state, namespaces and links
#   scripts/cluster.sh build       only build (or find) the Kubernetes binaries and print their folder
set -euo pipefail
STATE=${SLIPWAY_CLUSTER_DIR:-/tmp/slipway-cluster}
NET=10.242.0
BRIDGE=slk8s0
NETNS_PREFIX=slipway-k
VETH_PREFIX=slk
API_ADDRESS=$NET.1
API_PORT=6443
SERVICE_CIDR=10.96.0.0/16
POD_CIDR=10.244.0.0/16
ETCD_PORT=23790
ETCD_PEER_PORT=23800
MAX_NODES=16
SIM_NAME=cluster.sh
# shellcheck source=lib/simulated-node.sh
. "$(dirname "$0")/lib/simulated-node.sh"
# shellcheck source=lib/kubernetes-build.sh
. "$(dirname "$0")/lib/kubernetes-build.sh"

say() { echo "cluster.sh: $*" >&2; }

node_ip() { echo "$NET.$((10 + $1))"; }

need_root() {
  if [ "$(id -u)" != 0 ]; then
    say "a cluster of kubelets, network namespaces and containerds needs root"
    exit 1
  fi
}

need_packages() {
  local missing=()
  command -v etcd >/dev/null || missing+=(etcd-server)
  [ -x /usr/lib/cni/bridge ] || missing+=(containernetworking-plugins)
  command -v iptables >/dev/null || missing+=(iptables)
  command -v conntrack >/dev/null || missing+=(conntrack)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v ip >/dev/null || missing+=(iproute2)
  command -v nsenter >/dev/null || missing+=(util-linux)
  [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1 || missing+=(busybox-static)
  sim_need_packages "${missing[@]}"
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# run_bg PIDFILE LOG COMMAND...: starts COMMAND in the background, its output to LOG.
run_bg() {
  local pidfile=$1 log=$2
  shift 2
  "$@" >"$log" 2>&1 &
  echo $! >"$pidfile"
}

wait_for() {
  local what=$1 seconds=$2 log=$3
  shift 3
  for _ in $(seq 1 $((seconds * 5))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  say "$what did not come up within $seconds s; the end of its log $log:"
  tail -n 25 "$log" >&2
  exit 1
}

kube() { "$BIN/kubectl" --kubeconfig "$STATE/admin.kubeconfig" "$@"; }

# --- certificates, tokens and kubeconfigs -------------------------------------------------------------

make_pki() {
  local pki=$STATE/pki
  [ -f "$pki/apiserver.crt" ] && return 0
  say "making the cluster's CA, API server certificate and service-account key in $pki"
  mkdir -p "$pki"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$pki/ca.key" -out "$pki/ca.crt" -days 3650 \
    -subj /CN=slipway-cluster-ca 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout "$pki/apiserver.key" -out "$pki/apiserver.csr" \
    -subj /CN=kube-apiserver 2>/dev/null
  printf 'subjectAltName=IP:%s,IP:127.0.0.1,IP:10.96.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:localhost\n' \
    "$API_ADDRESS" >"$pki/apiserver.ext"
  openssl x509 -req -in "$pki/apiserver.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -out "$pki/apiserver.crt" -days 3650 -extfile "$pki/apiserver.ext" 2>/dev/null
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
}

# tokens.csv: token,user,uid,"group1,group2"; one line per identity, tokens generated once.
token_for() {
  local user=$1 groups=$2 file=$STATE/pki/tokens.csv token
  touch "$file"
  token=$(awk -F, -v u="$user" '$2 == u {print $1}' "$file")
  if [ -z "$token" ]; then
    token=$(openssl rand -hex 24)
    echo "$token,$user,$user,\"$groups\"" >>"$file"
  fi
  echo "$token"
}

# kubeconfig FILE USER GROUPS: a kubeconfig for USER (token authentication) against the API server.
kubeconfig() {
  kubeconfig_with_token "$1" "$2" "$(token_for "$2" "$3")"
}

# kubeconfig_with_token FILE USER TOKEN: a kubeconfig for USER holding TOKEN, written whole (never half a file).
kubeconfig_with_token() {
  local file=$1 user=$2 token=$3
  (umask 077; cat >"$file.tmp" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: slipway
  cluster:
    server: https://$API_ADDRESS:$API_PORT
    certificate-authority-data: $(base64 -w0 <"$STATE/pki/ca.crt")
users:
- name: $user
  user:
    token: $token
contexts:
- name: slipway
  context: {cluster: slipway, user: $user}
current-context: slipway
YAML
  )
  mv "$file.tmp" "$file"
}

# --- control plane ----------------------------------------------------------------------------------

start_bridge() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$API_ADDRESS/24" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
}

api_ready() { kube get --raw /readyz >/dev/null 2>&1; }

start_control_plane() {
  local cp=$STATE/control-plane
  mkdir -p "$cp"
  if ! pid_alive "$cp/etcd.pid"; then
    say "starting etcd on 127.0.0.1:$ETCD_PORT"
    run_bg "$cp/etcd.pid" "$cp/etcd.log" etcd --name slipway --data-dir "$cp/etcd" \
      --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
      --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
      --initial-cluster "slipway=http://127.0.0.1:$ETCD_PEER_PORT" --listen-metrics-urls ''
  fi
  make_pki
  # the API server reads its token file once, at start: every identity is in it before (nodes up to MAX_NODES)
  local i
  for i in $(seq 1 "$MAX_NODES"); do token_for "system:node:vps-$i" system:nodes >/dev/null; done
  kubeconfig "$STATE/admin.kubeconfig" slipway-admin system:masters
  kubeconfig "$cp/controller-manager.kubeconfig" system:kube-controller-manager system:masters
  kubeconfig "$cp/scheduler.kubeconfig" system:kube-scheduler system:masters
  if ! pid_alive "$cp/apiserver.pid"; then
    say "starting kube-apiserver on https://$API_ADDRESS:$API_PORT"
    local pki=$STATE/pki
    run_bg "$cp/apiserver.pid" "$cp/apiserver.log" "$BIN/kube-apiserver" \
      --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
      --bind-address "$API_ADDRESS" --advertise-address "$API_ADDRESS" --secure-port "$API_PORT" \
      --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" --client-ca-file "$pki/ca.crt" \
      --token-auth-file "$pki/tokens.csv" --authorization-mode Node,RBAC \
      --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
      --service-account-issuer https://kubernetes.default.svc --service-cluster-ip-range "$SERVICE_CIDR" \
      --kubelet-preferred-address-types InternalIP --allow-privileged=true --profiling=false \
      --cert-dir "$pki/serving"
  fi
  wait_for "kube-apiserver" 90 "$cp/apiserver.log" api_ready
  if ! pid_alive "$cp/controller-manager.pid"; then
    say "starting kube-controller-manager and kube-scheduler"
    run_bg "$cp/controller-manager.pid" "$cp/controller-manager.log" "$BIN/kube-controller-manager" \
      --kubeconfig "$cp/controller-manager.kubeconfig" --service-account-private-key-file "$STATE/pki/sa.key" \
      --root-ca-file "$STATE/pki/ca.crt" --leader-elect=false --port=0 --bind-address 127.0.0.1 --secure-port 10357 \
      --controllers '*,-nodeipam,-bootstrapsigner,-tokencleaner' --node-monitor-grace-period 20s \
      --node-monitor-period 2s
  fi
  if ! pid_alive "$cp/scheduler.pid"; then
    run_bg "$cp/scheduler.pid" "$cp/scheduler.log" "$BIN/kube-scheduler" \
      --kubeconfig "$cp/scheduler.kubeconfig" --leader-elect=false --port=0 --bind-address 127.0.0.1 --secure-port 10359
  fi
}

# --- nodes ------------------------------------------------------------------------------------------

# The command prefix that runs a program in node i's namespaces (nsenter execs it: the pid is the program's).
in_node() {
  echo nsenter --mount="$STATE/mntns/vps-$1" --net="/var/run/netns/$NETNS_PREFIX$1"
}

node_link() {
  local i=$1 ns="$NETNS_PREFIX$1" host="${VETH_PREFIX}$1h" node="${VETH_PREFIX}$1n" ip count=$2
  ip=$(node_ip "$i")
  grep -qw "^$ns" <<<"$(ip netns list)" || ip netns add "$ns"
  if ! ip link show "$host" >/dev/null 2>&1; then
    ip link add "$host" type veth peer name "$node"
    ip link set "$node" netns "$ns"
    ip link set "$host" master "$BRIDGE"
    ip netns exec "$ns" ip addr add "$ip/24" dev "$node"
  fi
  ip link set "$host" up
  ip netns exec "$ns" ip link set lo up
  ip netns exec "$ns" ip link set "$node" up
  ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1
  ip netns exec "$ns" ip route replace default via "$API_ADDRESS"
  # pods of every other node are reached through that node; the host reaches every node's pods
  for j in $(seq 1 "$count"); do
    [ "$j" = "$i" ] || ip netns exec "$ns" ip route replace "10.244.$j.0/24" via "$(node_ip "$j")"
  done
  ip route replace "10.244.$i.0/24" via "$ip" dev "$BRIDGE"
}

# The node's own mount namespace: /var/log/pods and /var/log/containers are the node's, so that one
# kubelet's log garbage collection does not remove the logs of another node's pods.
node_mount_namespace() {
  local i=$1 dir=$2 mnt=$STATE/mntns
  mkdir -p "$mnt" /var/log/pods /var/log/containers "$dir/log/pods" "$dir/log/containers"
  if ! mountpoint -q "$mnt"; then
    mount --bind "$mnt" "$mnt"
    mount --make-private "$mnt"
  fi
  if ! mountpoint -q "$mnt/vps-$i"; then
    touch "$mnt/vps-$i"
    unshare --mount="$mnt/vps-$i" --propagation slave /bin/sh -c \
      "mount --bind '$dir/log/pods' /var/log/pods && mount --bind '$dir/log/containers' /var/log/containers"
  fi
}

node_containerd_config() {
  local i=$1 dir=$2
  mkdir -p "$dir/root" "$dir/state" "$dir/cni" "$dir/cni-ipam" "$dir/opt"
  cat >"$dir/containerd.toml" <<TOML
version = 2
root = "$dir/root"
state = "$dir/state"
[grpc]
  address = "$dir/containerd.sock"
[ttrpc]
  address = "$dir/containerd.sock.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "$dir/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "localhost/pause:1"
  # this machine refuses a negative oom_score_adj, which every sandbox asks for otherwise
  restrict_oom_score_adj = true
  stream_server_address = "127.0.0.1"
  # the pods' network namespaces under the node's own state, not in the host's /var/run/netns
  netns_mounts_under_state_dir = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$dir/cni"
TOML
  cat >"$dir/cni/10-slipway.conflist" <<JSON
{
  "cniVersion": "0.4.0",
  "name": "slipway-vps-$i",
  "plugins": [
    {"type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": false, "hairpinMode": true,
     "ipam": {"type": "host-local", "ranges": [[{"subnet": "10.244.$i.0/24"}]], "routes": [{"dst": "0.0.0.0/0"}],
              "dataDir": "$dir/cni-ipam"}},
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
JSON
}

# The sandbox ("pause") image every pod needs, made here since no registry can be reached: an OCI image
# layout holding Debian's static busybox, whose entrypoint sleeps.
pause_image() {
  local out=$STATE/pause.tar work=$STATE/pause
  [ -f "$out" ] && return 0
  rm -rf "$work"
  mkdir -p "$work/rootfs/bin" "$work/layout/blobs/sha256"
  cp /bin/busybox "$work/rootfs/bin/busybox"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$work/rootfs" -cf "$work/layer.tar" bin
  local layer config manifest
  layer=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
  cp "$work/layer.tar" "$work/layout/blobs/sha256/$layer"
  printf '{"architecture":"amd64","os":"linux","config":{"Entrypoint":["/bin/busybox","sleep","2147483647"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "$layer" >"$work/config.json"
  config=$(sha256sum "$work/config.json" | cut -d' ' -f1)
  cp "$work/config.json" "$work/layout/blobs/sha256/$config"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%d}]}' \
    "$config" "$(stat -c %s "$work/config.json")" "$layer" "$(stat -c %s "$work/layer.tar")" >"$work/manifest.json"
  manifest=$(sha256sum "$work/manifest.json" | cut -d' ' -f1)
  cp "$work/manifest.json" "$work/layout/blobs/sha256/$manifest"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%d,"annotations":{"io.containerd.image.name":"localhost/pause:1","org.opencontainers.image.ref.name":"1"}}]}' \
    "$manifest" "$(stat -c %s "$work/manifest.json")" >"$work/layout/index.json"
  echo '{"imageLayoutVersion":"1.0.0"}' >"$work/layout/oci-layout"
  tar -C "$work/layout" -cf "$out" oci-layout index.json blobs
  rm -rf "$work"
}

# kube-proxy's identity: a ServiceAccount bound to Kubernetes' own system:node-proxier ClusterRole, through its
# token Secret (Kubernetes 1.20 makes one per account); the API server's token file is read only at its start,
# so an identity added there would need a restart of a running cluster.
proxy_kubeconfig() {
  local file=$STATE/control-plane/kube-proxy.kubeconfig secret= token
  [ -s "$file" ] && return 0
  kube -n kube-system get serviceaccount kube-proxy >/dev/null 2>&1 ||
    kube -n kube-system create serviceaccount kube-proxy >/dev/null
  kube get clusterrolebinding slipway-kube-proxy >/dev/null 2>&1 ||
    kube create clusterrolebinding slipway-kube-proxy --clusterrole system:node-proxier \
      --serviceaccount kube-system:kube-proxy >/dev/null
  for _ in $(seq 1 150); do
    secret=$(kube -n kube-system get serviceaccount kube-proxy -o 'jsonpath={.secrets[0].name}' 2>/dev/null || true)
    [ -n "$secret" ] && break
    sleep 0.2
  done
  if [ -z "$secret" ]; then
    say "the controller manager made no token for kube-system/kube-proxy within 30 s; see $STATE/control-plane/controller-manager.log"
    exit 1
  fi
  token=$(kube -n kube-system get secret "$secret" -o 'jsonpath={.data.token}' | base64 -d)
  kubeconfig_with_token "$file" kube-proxy "$token"
}

# One kube-proxy per node in the node's namespaces: iptables mode, every Service connection masqueraded to the
# node's address (pods of one node share a bridge that iptables does not see, so an unmasqueraded reply from a
# pod on the same node would skip the reverse translation). A network namespace refuses the conntrack table
# settings kube-proxy makes by default (they are the host's): 0 leaves them as they are.
start_proxy() {
  local i=$1 dir=$STATE/node$1 ip
  ip=$(node_ip "$i")
  pid_alive "$dir/kube-proxy.pid" && return 0
  say "starting node vps-$i ($ip): kube-proxy"
  # shellcheck disable=SC2046
  run_bg "$dir/kube-proxy.pid" "$dir/kube-proxy.log" $(in_node "$i") "$BIN/kube-proxy" \
    --kubeconfig "$STATE/control-plane/kube-proxy.kubeconfig" --hostname-override "vps-$i" --bind-address "$ip" \
    --proxy-mode iptables --cluster-cidr "$POD_CIDR" --masquerade-all \
    --conntrack-max-per-core 0 --conntrack-tcp-timeout-established 0 --conntrack-tcp-timeout-close-wait 0 \
    --oom-score-adj 0 --healthz-bind-address "127.0.0.1:10256" --metrics-bind-address "127.0.0.1:10249"
}

# kube-proxy of node i has written the `kubernetes` Service's rules into the node's namespace.
proxy_ready() {
  local rules
  rules=$(ip netns exec "$NETNS_PREFIX$1" iptables -t nat -S KUBE-SERVICES 2>/dev/null) || return 1
  grep -q 'default/kubernetes:https' <<<"$rules"
}

node_ready() { kube get node "vps-$1" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null | grep -cx True >/dev/null; }

sshd_answers_on() {
  ssh -i "$STATE/client_key" -o UserKnownHostsFile="$STATE/known_hosts" -o StrictHostKeyChecking=yes \
    -o BatchMode=yes -o ConnectTimeout=2 "root@$(node_ip "$1")" true >/dev/null 2>&1
}

start_node() {
  local i=$1 count=$2 dir=$STATE/node$1 ip sock
  ip=$(node_ip "$i")
  sock=$dir/containerd.sock
  mkdir -p "$dir"
  node_link "$i" "$count"
  node_mount_namespace "$i" "$dir"
  if ! pid_alive "$dir/containerd.pid" || ! sim_containerd_answers "$sock"; then
    say "starting node vps-$i ($ip): containerd"
    node_containerd_config "$i" "$dir"
    # shellcheck disable=SC2046
    run_bg "$dir/containerd.pid" "$dir/containerd.log" $(in_node "$i") containerd --config "$dir/containerd.toml"
    wait_for "containerd of vps-$i" 20 "$dir/containerd.log" sim_containerd_answers "$sock"
  fi
  grep -qx localhost/pause:1 <<<"$(ctr -a "$sock" -n k8s.io images ls -q)" ||
    ctr -a "$sock" -n k8s.io images import "$STATE/pause.tar" >/dev/null
  if ! pid_alive "$dir/sshd.pid" || ! sshd_answers_on "$i"; then
    answers() { sshd_answers_on "$i"; }
    sim_start_sshd "$dir" "$ip" 22 "$ip" answers nsenter --net="/var/run/netns/$NETNS_PREFIX$i"
  fi
  kubeconfig "$dir/kubelet.kubeconfig" "system:node:vps-$i" system:nodes
  if ! pid_alive "$dir/kubelet.pid"; then
    say "starting node vps-$i ($ip): kubelet"
    mkdir -p "$dir/kubelet"
    # shellcheck disable=SC2046
    run_bg "$dir/kubelet.pid" "$dir/kubelet.log" $(in_node "$i") "$BIN/kubelet" \
      --kubeconfig "$dir/kubelet.kubeconfig" --hostname-override "vps-$i" --node-ip "$ip" --address "$ip" --port 10250 \
      --container-runtime remote --container-runtime-endpoint "unix://$sock" --runtime-request-timeout 5m \
      --cgroup-driver cgroupfs --cgroups-per-qos=false --enforce-node-allocatable= --fail-swap-on=false \
      --root-dir "$dir/kubelet" --cert-dir "$dir/kubelet/pki" --healthz-port 0 --read-only-port 0 \
      --image-gc-high-threshold 100 --image-gc-low-threshold 99 --eviction-hard= --max-pods 60 \
      --node-status-update-frequency 4s --resolv-conf /etc/resolv.conf
  fi
}

# Static hostPath PersistentVolumes for StatefulSets' claims (storage class slipway-local, the cluster's default:
# a claim naming no class gets it too), made free again when their claim is gone (Released → Available), as a small
# provisioner would. Their folders are writable by every user (as local-path provisioners make them): a hostPath
# volume is not given to the pod's fsGroup, and a non-root container must write its data there.
volumes() {
  local count=${1:-24}
  kube apply -f - >/dev/null <<YAML
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: slipway-local
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: Immediate
reclaimPolicy: Retain
YAML
  local n manifests=
  for n in $(seq -w 1 "$count"); do
    mkdir -p "$STATE/volumes/pv-$n"
    chmod 0777 "$STATE/volumes/pv-$n"
    manifests+="---
apiVersion: v1
kind: PersistentVolume
metadata: {name: slipway-pv-$n, labels: {slipway.dev/volume: \"$n\"}}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: slipway-local
  hostPath: {path: $STATE/volumes/pv-$n, type: DirectoryOrCreate}
"
  done
  echo "$manifests" | kube apply -f - >/dev/null
}

free_volumes() {
  local pv
  for pv in $(kube get pv -o 'jsonpath={range .items[?(@.status.phase=="Released")]}{.metadata.name}{" "}{end}'); do
    rm -rf "${STATE:?}/volumes/${pv#slipway-}"
    mkdir -p "$STATE/volumes/${pv#slipway-}"
    chmod 0777 "$STATE/volumes/${pv#slipway-}"
    kube patch pv "$pv" --type json -p '[{"op":"remove","path":"/spec/claimRef"}]' >/dev/null
  done
  chmod 0777 "$STATE"/volumes/pv-* 2>/dev/null || true
}

# --- stop -------------------------------------------------------------------------------------------

stop_pid() {
  local file=$1 grace=${2:-10}
  [ -f "$file" ] || return 0
  local pid
  pid=$(cat "$file")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((grace * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$file"
}

stop_node() {
  local dir=$1 i
  i=${dir##*node}
  stop_pid "$dir/kubelet.pid"
  pkill -KILL -f "kubelet --kubeconfig $dir/kubelet.kubeconfig" 2>/dev/null || true
  stop_pid "$dir/kube-proxy.pid"
  stop_pid "$dir/sshd.pid"
  # the pods' processes run under containerd's shims, which outlive containerd: kill them and their containers
  local shim
  for shim in $(pgrep -f "containerd-shim.*-address $dir/containerd.sock" || true); do
    pkill -KILL -P "$shim" 2>/dev/null || true
    kill -KILL "$shim" 2>/dev/null || true
  done
  stop_pid "$dir/containerd.pid"
  pkill -KILL -f "containerd --config $dir/containerd.toml" 2>/dev/null || true
  umount "$STATE/mntns/vps-$i" 2>/dev/null || true
  { grep -o " $dir/[^ ]*" /proc/mounts || true; } | sort -r | while read -r mount; do umount -l "$mount" 2>/dev/null || true; done
  ip netns del "$NETNS_PREFIX$i" 2>/dev/null || true
  ip link del "${VETH_PREFIX}${i}h" 2>/dev/null || true
  ip route del "10.244.$i.0/24" 2>/dev/null || true
  rm -rf "$dir"
}

stop_all() {
  local cp=$STATE/control-plane
  for dir in "$STATE"/node*; do [ -d "$dir" ] && stop_node "$dir"; done
  stop_pid "$cp/scheduler.pid"
  stop_pid "$cp/controller-manager.pid"
  stop_pid "$cp/apiserver.pid"
  stop_pid "$cp/etcd.pid"
  if mountpoint -q "$STATE/mntns" 2>/dev/null; then umount "$STATE/mntns" || true; fi
  ip route del "$SERVICE_CIDR" 2>/dev/null || true
  ip link del "$BRIDGE" 2>/dev/null || true
  rm -rf "$STATE"
}

# --- commands ---------------------------------------------------------------------------------------

case "${1:-}" in
  build)
    need_root
    kube_binaries
    ;;
  start)
    count=${2:-4}
    if ! [ "$count" -ge 1 ] 2>/dev/null || [ "$count" -gt "$MAX_NODES" ]; then
      say "the number of nodes must be 1 to $MAX_NODES, not $count"
      exit 2
    fi
    need_root
    need_packages
    BIN=$(kube_binaries)
    mkdir -p "$STATE"
    echo "$BIN" >"$STATE/bin"
    echo "$count" >"$STATE/count"
    start_bridge
    start_control_plane
    sim_client_key slipway-distributor
    pause_image
    for i in $(seq 1 "$count"); do start_node "$i" "$count"; done
    for i in $(seq 1 "$count"); do wait_for "node vps-$i (Ready)" 90 "$STATE/node$i/kubelet.log" node_ready "$i"; done
    proxy_kubeconfig
    for i in $(seq 1 "$count"); do start_proxy "$i"; done
    for i in $(seq 1 "$count"); do wait_for "kube-proxy of vps-$i" 60 "$STATE/node$i/kube-proxy.log" proxy_ready "$i"; done
    # the host reaches ClusterIPs through vps-1's kube-proxy
    ip route replace "$SERVICE_CIDR" via "$(node_ip 1)" dev "$BRIDGE"
    volumes
    say "cluster up: $count node(s) Ready; eval \"\$(scripts/cluster.sh env)\" for its settings"
    ;;
  running)
    [ -f "$STATE/bin" ] || exit 1
    BIN=$(cat "$STATE/bin")
    api_ready || exit 1
    for i in $(seq 1 "${2:-4}"); do node_ready "$i" || exit 1; done
    ;;
  free-volumes)
    BIN=$(cat "$STATE/bin")
    free_volumes
    ;;
  status)
    if [ ! -f "$STATE/bin" ]; then
      echo "no cluster (state folder $STATE is empty)"
      exit 0
    fi
    BIN=$(cat "$STATE/bin")
    for p in etcd apiserver controller-manager scheduler; do
      printf '%-20s %s\n' "$p" "$(pid_alive "$STATE/control-plane/$p.pid" && echo "running (pid $(cat "$STATE/control-plane/$p.pid"))" || echo stopped)"
    done
    for dir in "$STATE"/node*; do
      [ -d "$dir" ] || continue
      i=${dir##*node}
      for p in containerd sshd kubelet kube-proxy; do
        printf '%-20s %s\n' "vps-$i $p" "$(pid_alive "$dir/$p.pid" && echo "running (pid $(cat "$dir/$p.pid"))" || echo stopped)"
      done
    done
    kube get nodes -o wide 2>&1 || true
    ;;
  env)
    [ -f "$STATE/admin.kubeconfig" ] || exit 0
    BIN=$(cat "$STATE/bin")
    count=$(cat "$STATE/count")
    config=$STATE/slipway-nodes.properties
    : >"$config"
    for i in $(seq 1 "$count"); do
      {
        echo "slipway.nodes.vps-$i.transport=ssh-containerd"
        echo "slipway.nodes.vps-$i.address=root@$(node_ip "$i"):22"
        echo "slipway.nodes.vps-$i.key=$STATE/client_key"
        echo "slipway.nodes.vps-$i.known-hosts=$STATE/known_hosts"
        echo "slipway.nodes.vps-$i.ctr-command=ctr -a $STATE/node$i/containerd.sock -n k8s.io"
      } >>"$config"
      echo "export SLIPWAY_CLUSTER_NODE_$i=root@$(node_ip "$i"):22"
      echo "export SLIPWAY_CLUSTER_NODE_${i}_CONTAINERD=$STATE/node$i/containerd.sock"
    done
    echo "export SLIPWAY_CLUSTER_NODES=$count"
    echo "export SLIPWAY_CLUSTER_KUBECONFIG=$STATE/admin.kubeconfig"
    echo "export SLIPWAY_CLUSTER_KUBECTL=$BIN/kubectl"
    echo "export SLIPWAY_CLUSTER_NODE_KEY=$STATE/client_key"
    echo "export SLIPWAY_CLUSTER_NODE_KNOWN_HOSTS=$STATE/known_hosts"
    echo "export SLIPWAY_CLUSTER_NODES_CONFIG=$config"
    sed 's/^/# /' "$config"
    ;;
  stop)
    stop_all
    ;;
  *)
    echo "usage: $0 start [N] | status | env | running [N] | free-volumes | stop | build" >&2
    exit 2
    ;;
esac
