# Sourced by scripts/k3s-nodes.sh and scripts/bench-nodes.sh: the parts of a simulated k3s node they share,
# a real containerd (own root, state and socket; CRI plugin off) and a real OpenSSH server with a generated
# host key, logging in with one generated client key. The caller sets STATE (its state folder) and
# SIM_NAME (its name, for messages) before calling these.

# Installs openssh-server and containerd if missing, plus any package the caller names as missing.
sim_need_packages() {
  local missing=("$@")
  [ -x /usr/sbin/sshd ] || missing+=(openssh-server)
  command -v containerd >/dev/null && command -v ctr >/dev/null || missing+=(containerd)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "$SIM_NAME: installing ${missing[*]}" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

sim_containerd_answers() {
  ctr -a "$1" --timeout 2s version >/dev/null 2>&1
}

# The client key every node accepts (STATE/client_key: ed25519, ssh-keygen's default, while the nodes' host keys are
# ecdsa, so both kinds of signature are used on every login), and an empty known_hosts to add nodes to.
sim_client_key() {
  local comment=$1
  mkdir -p "$STATE"
  if ! grep -qs '^ssh-ed25519 ' "$STATE/client_key.pub"; then
    rm -f "$STATE/client_key" "$STATE/client_key.pub"
    ssh-keygen -q -t ed25519 -N '' -C "$comment" -f "$STATE/client_key"
  fi
  cp "$STATE/client_key.pub" "$STATE/authorized_keys"
  touch "$STATE/known_hosts"
}

# Starts the node's containerd in DIR (socket DIR/containerd.sock) unless it answers already.
sim_start_containerd() {
  local dir=$1 sock="$1/containerd.sock"
  if [ -S "$sock" ] && sim_containerd_answers "$sock"; then
    return 0
  fi
  mkdir -p "$dir/root" "$dir/state"
  cat >"$dir/containerd.toml" <<TOML
version = 2
root = "$dir/root"
state = "$dir/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$sock"
[ttrpc]
  address = "$sock.ttrpc"
TOML
  containerd --config "$dir/containerd.toml" >"$dir/containerd.log" 2>&1 &
  echo $! >"$dir/containerd.pid"
  for _ in $(seq 1 100); do
    sim_containerd_answers "$sock" && return 0
    sleep 0.2
  done
  echo "$SIM_NAME: containerd in $dir did not answer on $sock within 20 s; its log:" >&2
  tail -n 20 "$dir/containerd.log" >&2
  exit 1
}

# sim_start_sshd DIR ADDRESS PORT KNOWN_HOSTS_NAME ANSWERS [PREFIX...]
# Starts sshd for the node in DIR on ADDRESS:PORT (run through PREFIX, e.g. `ip netns exec NS`), lists its
# host key in STATE/known_hosts as KNOWN_HOSTS_NAME (e.g. [127.0.0.1]:22241), and waits until the command
# ANSWERS (a function of the caller) succeeds.
sim_start_sshd() {
  local dir=$1 address=$2 port=$3 name=$4 answers=$5
  shift 5
  [ -f "$dir/ssh_host_ecdsa_key" ] || ssh-keygen -q -t ecdsa -b 256 -N '' -C "slipway-node-$address-$port" -f "$dir/ssh_host_ecdsa_key"
  cat >"$dir/sshd_config" <<CONFIG
Port $port
ListenAddress $address
HostKey $dir/ssh_host_ecdsa_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $STATE/authorized_keys
UsePAM no
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
Subsystem sftp /usr/lib/openssh/sftp-server
CONFIG
  mkdir -p /run/sshd
  "$@" /usr/sbin/sshd -D -e -f "$dir/sshd_config" >"$dir/sshd.log" 2>&1 &
  echo $! >"$dir/sshd.pid"
  { awk -v name="$name" '$1 != name' "$STATE/known_hosts"; echo "$name $(cut -d' ' -f1,2 "$dir/ssh_host_ecdsa_key.pub")"; } \
    >"$STATE/known_hosts.new"
  mv "$STATE/known_hosts.new" "$STATE/known_hosts"
  for _ in $(seq 1 100); do
    "$answers" && return 0
    sleep 0.2
  done
  echo "$SIM_NAME: sshd in $dir did not answer on $address:$port within 20 s; its log:" >&2
  tail -n 20 "$dir/sshd.log" >&2
  exit 1
}
