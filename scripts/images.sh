#!/usr/bin/env bash
# Builds Slipway's container images with no image from any registry (images/README.md):
#   scripts/images.sh build [--no-maven]  every image: the Java runtime bases (from Debian's packages), the five
#                                         Quarkus services and Kafka; first builds the Maven modules they need
#                                         (./mvnw package -DskipTests) unless --no-maven; prints names and sizes
#   scripts/images.sh kafka [--no-maven]  only slipway/java-runtime:17 and slipway/kafka:<kafka version>
#   scripts/images.sh load-cluster        imports every image built here into each node's containerd (k8s.io
#                                         namespace) of scripts/cluster.sh's cluster
#   scripts/images.sh list                the images and their sizes
# Images go to the Docker engine at $SLIPWAY_DOCKER_HOST; unset, engine 1 of scripts/engines.sh (started if it is
# not running, and left running so the images stay). The Debian roots are cached as tarballs under
# ~/.cache/slipway/images (SLIPWAY_IMAGES_CACHE), keyed by their package list and build script.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE=${SLIPWAY_IMAGES_CACHE:-$HOME/.cache/slipway/images}
SERVICES=(builder-service distributor-service rollout-service verifier-service console)
export DOCKER_BUILDKIT=0   # the classic builder: the engines have no BuildKit, and no buildx is needed

say() { echo "images.sh: $*" >&2; }
fail() { say "$*"; exit 1; }

project_version() {
  local version
  version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)
  [[ $version =~ ^[A-Za-z0-9._-]+$ ]] || fail "cannot read the project version from pom.xml (found '$version')"
  echo "$version"
}

kafka_version() {
  local version
  version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' pom.xml | head -n 1)
  [[ $version =~ ^[0-9][A-Za-z0-9._-]*$ ]] || fail "cannot read kafka.version from pom.xml (found '$version')"
  echo "$version"
}

use_engine() {
  if [ -z "${SLIPWAY_DOCKER_HOST:-}" ]; then
    if ! scripts/engines.sh running 1; then
      say "starting Docker engine 1 of scripts/engines.sh (left running so the images stay; scripts/engines.sh stop ends it)"
      scripts/engines.sh start 1
    fi
    eval "$(scripts/engines.sh env)"
  fi
  export DOCKER_HOST=$SLIPWAY_DOCKER_HOST
  docker version >/dev/null 2>&1 || fail "no Docker engine answers at $DOCKER_HOST (SLIPWAY_DOCKER_HOST)"
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# A Debian root filesystem (images/java-runtime/build-rootfs.sh with a package list), imported as image $1.
# Cached as a tarball keyed by the package list and the build script; the image is imported again only when its
# label dev.slipway.rootfs-key differs from the key.
runtime_base() {
  local image=$1 packages=$2 key tarball
  key=$(cat images/java-runtime/build-rootfs.sh "$packages" | sha256sum | cut -c1-16)
  tarball="$CACHE/$(basename "$packages" .packages)-$key.tar"
  if [ "$(docker image inspect -f '{{index .Config.Labels "dev.slipway.rootfs-key"}}' "$image" 2>/dev/null)" = "$key" ]; then
    return 0
  fi
  if [ ! -f "$tarball" ]; then
    command -v debootstrap >/dev/null || {
      [ "$(id -u)" = 0 ] || fail "building the Java runtime root needs debootstrap and root (apt-get install debootstrap)"
      say "installing debootstrap"
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
    }
    mkdir -p "$CACHE"
    SLIPWAY_DEBOOTSTRAP_CACHE=$CACHE/debs images/java-runtime/build-rootfs.sh "$packages" "$tarball"
  fi
  say "importing $tarball as $image"
  docker import \
    --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "ENV LANG=C.UTF-8" \
    --change "ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64" \
    --change "LABEL dev.slipway.rootfs-key=$key" \
    --change "USER 10001" \
    --change "WORKDIR /home/slipway" \
    --change 'CMD ["/bin/bash"]' \
    "$tarball" "$image" >/dev/null
}

# docker build, printing only failures (the classic builder's output is long).
build_image() {
  local image=$1 dockerfile=$2 context=$3 log
  log=$(mktemp)
  if ! docker build "${@:4}" -t "$image" -f "$dockerfile" "$context" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    rm -f "$log"
    fail "docker build of $image failed (above)"
  fi
  rm -f "$log"
  BUILT+=("$image")
}

maven_package() {
  say "building the Maven modules $* (./mvnw package -DskipTests)"
  # copy-dependencies adds jars and never removes one: start empty, so a changed version leaves no stale jar behind.
  rm -rf images/target/kafka/libs
  ./mvnw -q -B -ntp -DskipTests package -pl "$(IFS=,; echo "$*")" -am >&2 \
    || fail "the Maven build failed (above)"
}

kafka_image() {
  local version context=images/target/kafka
  version=$(kafka_version)
  [ -d "$context/libs" ] && ls "$context/libs/kafka_2.13-$version.jar" >/dev/null 2>&1 \
    || fail "$context/libs lacks Kafka $version's jars: build the images module (scripts/images.sh kafka without --no-maven)"
  rm -rf "$context/bin" "$context/docker"
  cp -r images/kafka/bin images/kafka/docker "$context/"
  runtime_base slipway/java-runtime:17 images/java-runtime/java-runtime.packages
  build_image "slipway/kafka:$version" images/kafka/Dockerfile "$context"
}

# The build context of one service: its fast-jar split so that the layers that change least come first (third-party
# jars, then Slipway's own module jars, then the Quarkus-generated files and the application's classes).
service_context() {
  local module=$1 app=$1/target/quarkus-app context=images/target/contexts/$1 jar
  [ -f "$app/quarkus-run.jar" ] || fail "$app/quarkus-run.jar is missing: build $module first (./mvnw package -pl $module -am -DskipTests)"
  rm -rf "$context"
  mkdir -p "$context/third-party/lib/main" "$context/slipway/lib/main"
  cp -al "$app/lib/boot" "$context/third-party/lib/boot"
  for jar in "$app"/lib/main/*.jar; do
    case $(basename "$jar") in
      dev.slipway.*) cp -l "$jar" "$context/slipway/lib/main/" ;;
      *) cp -l "$jar" "$context/third-party/lib/main/" ;;
    esac
  done
  cp -al "$app/quarkus" "$context/quarkus"
  cp -al "$app/app" "$context/app"
  cp -l "$app/quarkus-run.jar" "$context/"
  cp images/service/run-java "$context/"
  echo "$context"
}

# The module's quarkus.http.port (8080 when its application.properties does not set one).
http_port() {
  local port
  port=$(sed -n 's/^quarkus\.http\.port=\([0-9]*\)$/\1/p' "$1/src/main/resources/application.properties" | tail -n 1)
  echo "${port:-8080}"
}

service_images() {
  local version module base context port
  version=$(project_version)
  runtime_base slipway/java-runtime:17 images/java-runtime/java-runtime.packages
  runtime_base slipway/java-runtime-git:17 images/java-runtime/java-runtime-git.packages
  for module in "${SERVICES[@]}"; do
    base=slipway/java-runtime:17
    # The builder runs `git archive` on its source root.
    [ "$module" = builder-service ] && base=slipway/java-runtime-git:17
    port=$(http_port "$module")
    context=$(service_context "$module")
    build_image "slipway/$module:$version" images/service/Dockerfile "$context" --build-arg "BASE=$base" \
      --build-arg "PORT=$port"
  done
}

print_images() {
  local image
  printf '%-45s %-14s %s\n' IMAGE ID SIZE
  for image in "$@"; do
    docker image inspect -f '{{.Size}} {{.Id}}' "$image" | while read -r size id; do
      printf '%-45s %-14s %s MiB\n' "$image" "${id:7:12}" "$(( (size + 524288) / 1048576 ))"
    done
  done
}

all_images() {
  local version
  version=$(project_version)
  echo slipway/java-runtime:17 slipway/java-runtime-git:17 "slipway/kafka:$(kafka_version)"
  for module in "${SERVICES[@]}"; do echo "slipway/$module:$version"; done
}

load_cluster() {
  local count image i sock images=()
  eval "$(scripts/cluster.sh env)"
  count=${SLIPWAY_CLUSTER_NODES:-}
  [ -n "$count" ] || fail "no cluster of scripts/cluster.sh runs (scripts/cluster.sh start)"
  for image in $(all_images); do
    case $image in slipway/java-runtime*) continue ;; esac
    if image_exists "$image"; then images+=("$image"); else say "skipping $image: not built (scripts/images.sh build)"; fi
  done
  [ ${#images[@]} -gt 0 ] || fail "no Slipway image is built in $DOCKER_HOST (scripts/images.sh build)"
  local archive
  archive=$(mktemp /tmp/slipway-images.XXXXXX.tar)
  trap 'rm -f "$archive"' RETURN
  docker save -o "$archive" "${images[@]}"
  for i in $(seq 1 "$count"); do
    sock=SLIPWAY_CLUSTER_NODE_${i}_CONTAINERD
    sock=${!sock}
    [ -S "$sock" ] || fail "node vps-$i's containerd socket $sock is missing (scripts/cluster.sh status)"
    ctr -a "$sock" -n k8s.io images import "$archive" >/dev/null \
      || fail "importing the images into vps-$i's containerd ($sock) failed"
    say "vps-$i: imported ${images[*]}"
  done
}

BUILT=()
command=${1:-}
shift || true
MAVEN=1
for arg in "$@"; do
  case $arg in
    --no-maven) MAVEN= ;;
    *) fail "unknown option '$arg' (usage: scripts/images.sh build|kafka [--no-maven] | load-cluster | list)" ;;
  esac
done
case $command in
  build)
    started=$SECONDS
    [ -z "$MAVEN" ] || maven_package images "${SERVICES[@]}"
    use_engine
    kafka_image
    service_images
    say "built ${#BUILT[@]} images in $((SECONDS - started)) s on $DOCKER_HOST"
    print_images $(all_images)
    ;;
  kafka)
    started=$SECONDS
    [ -z "$MAVEN" ] || maven_package images
    use_engine
    kafka_image
    say "built ${BUILT[*]} in $((SECONDS - started)) s on $DOCKER_HOST"
    print_images slipway/java-runtime:17 "${BUILT[@]}"
    ;;
  load-cluster)
    use_engine
    load_cluster
    ;;
  list)
    use_engine
    imgs=()
    for image in $(all_images); do image_exists "$image" && imgs+=("$image"); done
    print_images "${imgs[@]}"
    ;;
  *)
    echo "usage: scripts/images.sh build [--no-maven] | kafka [--no-maven] | load-cluster | list" >&2
    exit 2
    ;;
esac
