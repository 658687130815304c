#!/usr/bin/env bash
# Berth test registries: Debian's docker-registry (distribution 2.x) on loopback, with its own
# storage under one directory, so push/pull/login tests never reach the internet.
#
#   scripts/registry.sh start    start (or reuse) an open registry on 127.0.0.1:5000 and an
#                                htpasswd-protected one on 127.0.0.1:5001, then print the
#                                `export BERTH_TEST_REGISTRY...=` lines on stdout
#   scripts/registry.sh env      print those lines
#   scripts/registry.sh status   exit 0 when both answer, 3 otherwise
#   scripts/registry.sh stop     stop both and remove the state dir
#
# Environment:
#   BERTH_REGISTRY_DIR       state dir (default /tmp/berth-registry)
#   BERTH_REGISTRY_PORT      open registry port (default 5000); the auth one is PORT+1
#   BERTH_REGISTRY_USER      user of the auth registry (default berth)
#   BERTH_REGISTRY_PASSWORD  its password (default: random per start, kept in the state dir)
#
# Plain HTTP works: the engine treats 127.0.0.0/8 as an insecure registry by default, and
# distribution's htpasswd backend does not insist on TLS (it only recommends it).
set -euo pipefail

log() { printf '[registry] %s\n' "$*" >&2; }
die() {
  printf '[registry] ERROR: %s\n' "$*" >&2
  exit 1
}

D="${BERTH_REGISTRY_DIR:-/tmp/berth-registry}"
D="${D%/}"
case "$D" in
  "" | / | /tmp | /var | /usr | /home | /root | /etc) die "refusing to use '$D' as BERTH_REGISTRY_DIR" ;;
esac
PORT="${BERTH_REGISTRY_PORT:-5000}"
AUTH_PORT=$((PORT + 1))
USER_NAME="${BERTH_REGISTRY_USER:-berth}"
BIN=/usr/bin/docker-registry

print_env() {
  local pw
  pw="$(cat "$D/password" 2>/dev/null || true)"
  printf 'export BERTH_TEST_REGISTRY=127.0.0.1:%s\n' "$PORT"
  printf 'export BERTH_TEST_REGISTRY_AUTH=127.0.0.1:%s\n' "$AUTH_PORT"
  printf 'export BERTH_TEST_REGISTRY_USER=%s\n' "$USER_NAME"
  printf 'export BERTH_TEST_REGISTRY_PASSWORD=%s\n' "$pw"
}

# True when a registry answers GET /v2/ on the port (200 open, 401 with auth). Plain bash, no curl.
answers() {
  local line
  line="$( (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET /v2/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    timeout 2 head -n 1 <&3
  ) 2>/dev/null)" || return 1
  [[ "$line" =~ ^HTTP/1\.[01]\ (200|401) ]]
}

pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

write_config() { # name port auth(0|1)
  local name=$1 port=$2 auth=$3
  mkdir -p "$D/$name/storage"
  {
    printf 'version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\n'
    printf 'storage:\n  filesystem:\n    rootdirectory: %s\n  delete:\n    enabled: true\n' "$D/$name/storage"
    printf 'http:\n  addr: 127.0.0.1:%s\n  secret: berth-test-%s\n' "$port" "$name"
    if [[ "$auth" == 1 ]]; then
      printf 'auth:\n  htpasswd:\n    realm: berth-test\n    path: %s\n' "$D/htpasswd"
    fi
  } >"$D/$name/config.yml"
}

start_one() { # name port
  local name=$1 port=$2
  if pid_alive "$D/$name/pid" && answers "$port"; then
    log "$name registry already running on 127.0.0.1:$port"
    return
  fi
  if answers "$port"; then
    # An orphan of an earlier run (its state dir removed under it) serves our config path: end it.
    local orphans
    orphans="$(pgrep -f -- "serve $D/$name/config.yml" || true)"
    if [[ -n "$orphans" ]]; then
      log "stopping an orphaned $name registry (pid $(echo $orphans))"
      # shellcheck disable=SC2086
      kill $orphans 2>/dev/null || true
      for _ in $(seq 1 50); do answers "$port" || break; sleep 0.1; done
    fi
    if answers "$port"; then die "something else already answers on 127.0.0.1:$port"; fi
  fi
  log "starting $name registry on 127.0.0.1:$port"
  setsid "$BIN" serve "$D/$name/config.yml" >"$D/$name/log" 2>&1 </dev/null &
  echo $! >"$D/$name/pid"
  for _ in $(seq 1 100); do
    if answers "$port"; then return; fi
    pid_alive "$D/$name/pid" || die "$name registry exited: $(tail -n 5 "$D/$name/log")"
    sleep 0.1
  done
  die "$name registry did not answer on 127.0.0.1:$port in 10 s"
}

stop_one() {
  local name=$1
  if pid_alive "$D/$name/pid"; then
    local pid
    pid="$(cat "$D/$name/pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    log "stopped $name registry"
  fi
}

case "${1:-}" in
  start)
    [[ -x "$BIN" ]] || die "$BIN is missing (apt-get install docker-registry)"
    command -v htpasswd >/dev/null || die "htpasswd is missing (apt-get install apache2-utils)"
    mkdir -p "$D"
    if [[ ! -s "$D/password" ]]; then
      printf '%s' "${BERTH_REGISTRY_PASSWORD:-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')}" >"$D/password"
      chmod 600 "$D/password"
    fi
    htpasswd -Bbn "$USER_NAME" "$(cat "$D/password")" >"$D/htpasswd" 2>/dev/null
    write_config open "$PORT" 0
    write_config auth "$AUTH_PORT" 1
    start_one open "$PORT"
    start_one auth "$AUTH_PORT"
    print_env
    ;;
  env) print_env ;;
  status)
    if pid_alive "$D/open/pid" && pid_alive "$D/auth/pid" && answers "$PORT" && answers "$AUTH_PORT"; then
      log "running (127.0.0.1:$PORT open, 127.0.0.1:$AUTH_PORT htpasswd)"
      exit 0
    fi
    log "not running"
    exit 3
    ;;
  stop)
    stop_one open
    stop_one auth
    rm -rf "$D"
    ;;
  *)
    echo "usage: $0 start|env|status|stop" >&2
    exit 2
    ;;
esac
