# Functions of /etc/kafka/docker/run: KAFKA_* environment -> server.properties, storage checks, SCRAM file.
# shellcheck shell=bash

fail() {
  echo "slipway/kafka: $*" >&2
  exit 1
}

# Variables that are settings of the image, not broker properties (Kafka's own launcher names and ours), and
# the ones Kubernetes adds for a Service named kafka (KAFKA_PORT=tcp://..., KAFKA_SERVICE_HOST, ...).
not_a_property() {
  case $1 in
    KAFKA_HEAP_OPTS|KAFKA_JVM_PERFORMANCE_OPTS|KAFKA_OPTS|KAFKA_GC_LOG_OPTS|KAFKA_JMX_OPTS|KAFKA_LOG4J_OPTS) return 0 ;;
    KAFKA_LOG4J_ROOT_LOGLEVEL|KAFKA_TOOLS_JAVA_OPTS|KAFKA_HOME|KAFKA_VERSION|KAFKA_DEBUG) return 0 ;;
    KAFKA_SCRAM_CREDENTIALS_FILE|KAFKA_NODE_ID_OFFSET) return 0 ;;
    KAFKA_PORT|KAFKA_PORT_*|KAFKA_SERVICE_HOST|KAFKA_SERVICE_PORT|KAFKA_SERVICE_PORT_*) return 0 ;;
  esac
  return 1
}

# KAFKA_FOO_BAR -> foo.bar, KAFKA_FOO__BAR -> foo_bar, KAFKA_FOO___BAR -> foo-bar (as the apache/kafka image does).
property_name() {
  local name=${1#KAFKA_}
  name=${name//___/-}
  name=${name//__/$'\x01'}
  name=${name//_/.}
  name=${name//$'\x01'/_}
  printf '%s' "${name,,}"
}

# A value as a .properties file reads it back: backslashes and line breaks escaped.
property_value() {
  local value=${1//\\/\\\\}
  value=${value//$'\n'/\\n}
  printf '%s' "$value"
}

# The value of one property in a file written by write_server_properties (last one wins, as in Java).
property() {
  sed -n "s/^${1//./\\.}=//p" "$2" | tail -n 1
}

# The single node of `docker run slipway/kafka`: broker and controller in one process, clients on 9092.
# Used for every setting the environment leaves out as long as KAFKA_PROCESS_ROLES is not set.
single_node_defaults() {
  cat <<'PROPERTIES'
node.id=1
process.roles=broker,controller
listeners=PLAINTEXT://:9092,CONTROLLER://:9093
advertised.listeners=PLAINTEXT://localhost:9092
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
controller.quorum.voters=1@localhost:9093
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
}

write_server_properties() {
  local file=$1 var name
  local -A from_env=()
  {
    echo "# Written by /etc/kafka/docker/run from the KAFKA_* environment at $(date -u +%FT%TZ)."
    for var in $(compgen -e | LC_ALL=C sort); do
      [[ $var == KAFKA_* ]] || continue
      not_a_property "$var" && continue
      [[ $var =~ ^KAFKA_[A-Za-z0-9_]+$ ]] || continue
      name=$(property_name "$var")
      from_env[$name]=1
      echo "$name=$(property_value "${!var}")"
    done
    if [ -z "${KAFKA_PROCESS_ROLES:-}" ]; then
      local line
      while IFS= read -r line; do
        [ -n "${from_env[${line%%=*}]:-}" ] || echo "$line"
      done < <(single_node_defaults)
    elif [ -z "${KAFKA_NODE_ID:-}" ]; then
      echo "node.id=$(node_id_from_hostname)"
    fi
    # Always, unless set: the data volume, and a 16 MB log cleaner buffer instead of Kafka's 128 MB, which alone would
    # take half the heap of a small node (compacted topics of Slipway's size need far less).
    [ -n "${from_env[log.dirs]:-}" ] || echo "log.dirs=/var/lib/kafka/data"
    [ -n "${from_env[log.cleaner.dedupe.buffer.size]:-}" ] || echo "log.cleaner.dedupe.buffer.size=16777216"
  } >"$file" || fail "cannot write $file"
}

# A StatefulSet pod's name ends in its ordinal (kafka-2): node.id = ordinal + KAFKA_NODE_ID_OFFSET (default 0).
node_id_from_hostname() {
  local host=${HOSTNAME:-$(hostname)} offset=${KAFKA_NODE_ID_OFFSET:-0}
  [[ $offset =~ ^[0-9]+$ ]] || fail "KAFKA_NODE_ID_OFFSET '$offset' is not a number"
  [[ $host =~ -([0-9]+)$ ]] \
    || fail "KAFKA_PROCESS_ROLES is set but KAFKA_NODE_ID is not, and the host name '$host' does not end in a StatefulSet ordinal (-0, -1, ...) to take it from; set KAFKA_NODE_ID"
  echo $(( 10#${BASH_REMATCH[1]} + offset ))
}

# True when every log directory (and the metadata log directory) holds a meta.properties already.
storage_formatted() {
  local dirs dir
  dirs=$(property log.dirs "$1")
  local metadata
  metadata=$(property metadata.log.dir "$1")
  [ -z "$metadata" ] || dirs="$dirs,$metadata"
  IFS=, read -r -a dirs <<<"$dirs"
  for dir in "${dirs[@]}"; do
    [ -f "$dir/meta.properties" ] || return 1
  done
}

# The --add-scram arguments of the credentials file, one a line (blank lines and # comments skipped), e.g.
#   SCRAM-SHA-512=[name=builder,password=...]
# The lines are checked for their form only; they are never printed (they hold passwords).
scram_credentials() {
  local file=$1 line number=0
  [ -r "$file" ] || fail "KAFKA_SCRAM_CREDENTIALS_FILE $file cannot be read (mount it, readable by uid 10001)"
  while IFS= read -r line || [ -n "$line" ]; do
    number=$((number + 1))
    line=${line%$'\r'}
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    [[ $line =~ ^SCRAM-SHA-(256|512)=\[name=[^],]+,(password|salted_password)=.+\]$ ]] \
      || fail "$file line $number is not a SCRAM credential; expected SCRAM-SHA-256=[name=USER,password=PASSWORD] or SCRAM-SHA-512=[...]"
    printf '%s\n' "$line"
  done <"$file"
}
