# Sourced by scripts/cluster.sh: builds kube-apiserver, kube-controller-manager, kube-scheduler, kubelet and
# kube-proxy once from Debian's `kubernetes` source package (the whole tree with its vendor/ folder) with
# Debian's Go (and a kubectl of the same version), and caches them outside the repository, keyed by the source package's version:
#   ${SLIPWAY_KUBE_CACHE:-~/.cache/slipway/kubernetes}/<version>/bin/
# Takes about 5 minutes on 2 cores the first time; says what it does while it builds. A binary added to the list
# later is built alone (the others are kept, and a cluster running from them is not disturbed).

KUBE_BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubelet kubectl kube-proxy)
KUBE_CACHE=${SLIPWAY_KUBE_CACHE:-${HOME:-/root}/.cache/slipway/kubernetes}

kube_say() { echo "cluster.sh: $*" >&2; }

# deb-src is not configured on a fresh Debian machine; adds it for the running release.
kube_enable_deb_src() {
  if grep -rqs '^Types:.*deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    return 0
  fi
  local suite
  suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  kube_say "adding Debian's source packages (deb-src $suite) to apt's sources"
  printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$suite" >/etc/apt/sources.list.d/slipway-deb-src.sources
  apt-get update -qq >/dev/null
}

# The version of Debian's kubernetes source package (e.g. 1.20.5+really1.20.2-1.1).
kube_source_version() {
  apt-cache showsrc kubernetes 2>/dev/null | awk '/^Version:/ && !found {found = $2} END {print found}'
}

# Prints the folder holding the four binaries, building them first when the cache lacks them.
kube_binaries() {
  kube_enable_deb_src
  local version
  version=$(kube_source_version)
  if [ -z "$version" ]; then
    apt-get update -qq >/dev/null
    version=$(kube_source_version)
  fi
  if [ -z "$version" ]; then
    kube_say "Debian's kubernetes source package is not known to apt (apt-cache showsrc kubernetes is empty)"
    exit 1
  fi
  local dir="$KUBE_CACHE/$version"
  local missing=() b
  for b in "${KUBE_BINARIES[@]}"; do [ -x "$dir/bin/$b" ] || missing+=("$b"); done
  if [ ${#missing[@]} = 0 ]; then
    echo "$dir/bin"
    return 0
  fi
  command -v go >/dev/null && command -v rsync >/dev/null || {
    kube_say "installing golang-go and rsync to build Kubernetes"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go rsync >/dev/null
  }
  # An interrupted build is resumed: the unpacked tree keeps Go's build cache under _output/.
  local work="$KUBE_CACHE/$version.build" tree
  tree=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'kubernetes-*' 2>/dev/null | head -n 1 || true)
  if [ -z "$tree" ] || [ ! -f "$work/unpacked" ]; then
    rm -rf "$work"
    mkdir -p "$work"
    kube_say "downloading Debian's kubernetes source package $version (about 34 MB)"
    (cd "$work" && apt-get source --download-only -qq kubernetes >/dev/null 2>&1)
    local orig
    orig=$(ls "$work"/kubernetes_*.orig.tar.* | head -n 1)
    kube_say "unpacking $(basename "$orig")"
    tar -C "$work" -xf "$orig"
    tree=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'kubernetes-*' | head -n 1)
    touch "$work/unpacked"
  else
    kube_say "resuming the build in $tree"
  fi
  kube_say "building ${missing[*]} with $(go version | cut -d' ' -f3) (about 5 minutes on 2 cores; log: $work/build.log)"
  mkdir -p "$tree/.go/src/k8s.io"
  ln -sfn ../../.. "$tree/.go/src/k8s.io/kubernetes"
  local started=$SECONDS
  if ! (cd "$tree" && GOPATH="$tree/.go" CGO_ENABLED=0 \
        make WHAT="$(printf 'cmd/%s ' "${missing[@]}")" >"$work/build.log" 2>&1); then
    kube_say "building Kubernetes failed; the end of $work/build.log:"
    tail -n 30 "$work/build.log" >&2
    exit 1
  fi
  mkdir -p "$dir/bin"
  # copied beside and renamed: a binary a running cluster executes is never written over
  for b in "${missing[@]}"; do
    cp "$tree/_output/bin/$b" "$dir/bin/.$b.new"
    mv "$dir/bin/.$b.new" "$dir/bin/$b"
  done
  kube_say "built Kubernetes $version in $((SECONDS - started)) s into $dir/bin"
  rm -rf "$work"
  echo "$dir/bin"
}
