#!/usr/bin/env bash
# Berth private test engine.
#
# Runs a PRIVATE dockerd whose whole state (data-root, exec-root, socket,
# pidfile, log) lives in one directory, so tests never touch the user's real
# engine (/var/run/docker.sock is never used).
#
#   scripts/engine.sh start    install docker.io/busybox-static if missing (root on
#                              Debian/Ubuntu only), start dockerd (or reuse a running
#                              one), build the local busybox:latest image, then print
#                              `export DOCKER_HOST=unix://<dir>/docker.sock` on stdout
#   scripts/engine.sh env      print that export line
#   scripts/engine.sh status   say whether it is running (exit 0 running, 3 not)
#   scripts/engine.sh stop     stop dockerd (+ its containerd), unmount leftovers and
#                              remove the state dir (kept when BERTH_ENGINE_KEEP=1)
#
# Environment:
#   BERTH_ENGINE_DIR           state dir (default /tmp/berth-engine)
#   BERTH_ENGINE_KEEP=1        `stop` keeps the state dir
#   BERTH_ENGINE_DOCKERD_ARGS  extra arguments appended to the dockerd command line
#
# Only the `export ...` line goes to stdout; all progress goes to stderr, so
# `eval "$(scripts/engine.sh start)"` works.
set -euo pipefail

PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
export PATH
# A docker context would conflict with -H; we always talk to our own socket.
unset DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH

log() { printf '[engine] %s\n' "$*" >&2; }
die() {
  printf '[engine] ERROR: %s\n' "$*" >&2
  exit 1
}

D="${BERTH_ENGINE_DIR:-/tmp/berth-engine}"
case "$D" in
  /*) ;;
  *) D="$(pwd)/$D" ;;
esac
D="${D%/}"
case "$D" in
  "" | / | /tmp | /var | /var/run | /run | /usr | /home | /root | /etc)
    die "refusing to use '$D' as BERTH_ENGINE_DIR (pick a dedicated directory)"
    ;;
esac

SOCK="$D/docker.sock"
PIDFILE="$D/dockerd.pid"
LOGFILE="$D/dockerd.log"
HOST="unix://$SOCK"
EXPORT_LINE="export DOCKER_HOST=$HOST"

dk() { docker -H "$HOST" "$@"; }

daemon_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$PIDFILE" 2>/dev/null || true)"
  [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # Guard against a recycled pid after a crash.
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null || echo dockerd)" == dockerd ]] || return 1
  printf '%s\n' "$pid"
}

socket_answers() {
  [[ -S "$SOCK" ]] || return 1
  command -v docker >/dev/null 2>&1 || return 1
  timeout 10 docker -H "$HOST" version --format '{{.Server.Version}}' >/dev/null 2>&1
}

is_running() { daemon_pid >/dev/null && socket_answers; }

busybox_path() {
  local p
  for p in /bin/busybox /usr/bin/busybox; do
    [[ -x "$p" ]] && {
      printf '%s\n' "$p"
      return 0
    }
  done
  return 1
}

is_static() {
  local f="$1" out
  if command -v file >/dev/null 2>&1; then
    out="$(LC_ALL=C file -L "$f" 2>/dev/null || true)"
    [[ "$out" == *"statically linked"* || "$out" == *"static-pie linked"* ]] && return 0
    [[ "$out" == *"dynamically linked"* ]] && return 1
  fi
  if command -v readelf >/dev/null 2>&1; then
    ! LC_ALL=C readelf -l "$f" 2>/dev/null | grep -q 'Requesting program interpreter'
    return
  fi
  out="$(LC_ALL=C ldd "$f" 2>&1 || true)"
  [[ "$out" == *"not a dynamic executable"* || "$out" == *"statically linked"* ]]
}

have_static_busybox() {
  local bb
  bb="$(busybox_path)" || return 1
  is_static "$bb"
}

is_debian_like() {
  [[ -r /etc/os-release ]] || return 1
  # shellcheck disable=SC1091
  local id like
  id="$(. /etc/os-release && printf '%s' "${ID:-}")"
  like="$(. /etc/os-release && printf '%s' "${ID_LIKE:-}")"
  [[ "$id" == debian || "$id" == ubuntu || " $like " == *" debian "* || " $like " == *" ubuntu "* ]]
}

ensure_packages() {
  local pkgs=()
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
    pkgs+=(docker.io)
  fi
  if ! have_static_busybox; then
    pkgs+=(busybox-static)
  fi
  ((${#pkgs[@]} == 0)) && return 0

  if [[ "$(id -u)" -ne 0 ]] || ! is_debian_like || ! command -v apt-get >/dev/null 2>&1; then
    die "missing: ${pkgs[*]} (need dockerd + docker CLI and a static busybox at /bin/busybox or /usr/bin/busybox).
  Install them yourself (Debian/Ubuntu: apt-get install docker.io busybox-static),
  or run this script as root on Debian/Ubuntu so it can install them."
  fi
  log "installing ${pkgs[*]} with apt-get ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2 || die "apt-get update failed"
  apt-get install -y -q "${pkgs[@]}" >&2 || die "apt-get install ${pkgs[*]} failed"
  command -v dockerd >/dev/null 2>&1 || die "dockerd still not found after installing docker.io"
  have_static_busybox || die "no static busybox at /bin/busybox or /usr/bin/busybox after installing busybox-static"
}

print_log_tail() {
  if [[ -f "$LOGFILE" ]]; then
    printf '[engine] ---- last lines of %s ----\n' "$LOGFILE" >&2
    tail -n 40 "$LOGFILE" >&2 || true
    printf '[engine] ----\n' >&2
  fi
}

# PIDs of containerd / shims that belong to this engine (matched by our exec-root path).
engine_helper_pids() {
  pgrep -f -- "$D/exec/containerd" 2>/dev/null || true
}

unmount_leftovers() {
  command -v findmnt >/dev/null 2>&1 || return 0
  local m
  # Deepest first. findmnt escapes blanks as \x20; our paths have none.
  findmnt -rn -o TARGET 2>/dev/null | awk -v d="$D" 'index($0, d "/") == 1 || $0 == d' |
    awk '{ print length($0) " " $0 }' | sort -rn | cut -d' ' -f2- |
    while IFS= read -r m; do
      [[ -n "$m" ]] || continue
      umount -l "$m" 2>/dev/null || umount "$m" 2>/dev/null || log "warning: could not unmount $m"
    done
}

start_daemon() {
  mkdir -p "$D/data" "$D/exec"
  rm -f "$SOCK" "$PIDFILE"
  : >>"$LOGFILE"

  local args=(--data-root "$D/data" --exec-root "$D/exec" -H "$HOST" --pidfile "$PIDFILE")
  # dockerd 20.10 silently reuses a system containerd if /run/containerd/containerd.sock
  # exists; give our daemon its own namespaces then so it never sees other engines' state.
  if [[ -S /run/containerd/containerd.sock ]]; then
    local ns
    ns="berth-$(printf '%s' "$D" | cksum | cut -d' ' -f1)"
    args+=(--containerd-namespace "$ns" --containerd-plugins-namespace "$ns-plugins")
  fi
  if [[ -n "${BERTH_ENGINE_DOCKERD_ARGS:-}" ]]; then
    # shellcheck disable=SC2206
    args+=(${BERTH_ENGINE_DOCKERD_ARGS})
  fi

  log "starting dockerd (state dir $D, log $LOGFILE)"
  setsid nohup dockerd "${args[@]}" </dev/null >>"$LOGFILE" 2>&1 9>&- &
  local launcher=$!

  local i
  for ((i = 0; i < 120; i++)); do
    if socket_answers; then
      log "dockerd is up (pid $(daemon_pid || echo "$launcher"))"
      return 0
    fi
    if ! kill -0 "$launcher" 2>/dev/null; then
      print_log_tail
      die "dockerd exited during startup"
    fi
    sleep 0.5
  done
  print_log_tail
  kill -TERM "$launcher" 2>/dev/null || true
  die "dockerd did not answer on $SOCK within 60 s"
}

ensure_busybox_image() {
  if dk image inspect busybox:latest >/dev/null 2>&1; then
    log "image busybox:latest present"
  else
    local bb rootfs applet n=0
    bb="$(busybox_path)" || die "no busybox binary"
    is_static "$bb" || die "$bb is not statically linked (install busybox-static)"
    rootfs="$(mktemp -d "${TMPDIR:-/tmp}/berth-busybox-rootfs.XXXXXX")"
    mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/root" "$rootfs/tmp" "$rootfs/var" "$rootfs/usr/bin" "$rootfs/sbin" "$rootfs/usr/sbin"
    chmod 1777 "$rootfs/tmp"
    cp "$bb" "$rootfs/bin/busybox"
    chmod 0755 "$rootfs/bin/busybox"
    while IFS= read -r applet; do
      applet="${applet##*/}"
      [[ -n "$applet" && "$applet" != busybox ]] || continue
      [[ -e "$rootfs/bin/$applet" ]] && continue
      ln -s busybox "$rootfs/bin/$applet"
      n=$((n + 1))
    done < <("$rootfs/bin/busybox" --list)
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
    log "importing busybox:latest ($n applets from $bb)"
    tar -C "$rootfs" --numeric-owner --owner=0 --group=0 -cf - . |
      dk import \
        -c 'CMD ["sh"]' \
        -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        - busybox:latest >/dev/null || {
      rm -rf "$rootfs"
      die "docker import of busybox:latest failed"
    }
    rm -rf "$rootfs"
  fi
  dk tag busybox:latest berth-test/busybox:latest
}

cmd_start() {
  ensure_packages
  command -v docker >/dev/null 2>&1 || die "docker CLI not found"
  mkdir -p "$D"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$D/.lock"
    flock -w 120 9 || die "timed out waiting for another 'engine.sh start' on $D"
  fi

  if is_running; then
    log "reusing running engine (pid $(daemon_pid)) at $SOCK"
  else
    [[ "$(id -u)" -eq 0 ]] || die "starting a private dockerd needs root (run with sudo, or point BERTH_TEST_DOCKER_HOST at an engine you own)"
    local stale
    if stale="$(daemon_pid)"; then
      log "pid $stale from $PIDFILE is alive but the socket does not answer; stopping it"
      stop_daemon
    fi
    # Leftovers of a crashed run: stray containerd/shims and mounts.
    local p
    for p in $(engine_helper_pids); do kill -KILL "$p" 2>/dev/null || true; done
    unmount_leftovers
    start_daemon
  fi
  ensure_busybox_image
  printf '%s\n' "$EXPORT_LINE"
}

stop_daemon() {
  local pid i
  if pid="$(daemon_pid)"; then
    if [[ "${BERTH_ENGINE_KEEP:-}" != 1 ]] && socket_answers; then
      # The state is about to be discarded: kill containers instead of letting
      # dockerd wait out each stop timeout (PID-1 shells ignore SIGTERM).
      local running
      running="$(timeout 10 docker -H "$HOST" ps -q 2>/dev/null || true)"
      if [[ -n "$running" ]]; then
        # shellcheck disable=SC2086
        timeout 20 docker -H "$HOST" kill $running >/dev/null 2>&1 || true
      fi
    fi
    log "stopping dockerd (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 40; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "dockerd did not exit within 20 s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
    fi
  else
    log "dockerd not running"
  fi
  # containerd started by this dockerd (and any shims) live under our exec-root.
  local pids
  pids="$(engine_helper_pids)"
  if [[ -n "$pids" ]]; then
    log "stopping leftover containerd processes: $(echo $pids)"
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do
      pids="$(engine_helper_pids)"
      [[ -z "$pids" ]] && break
      sleep 0.5
    done
    # shellcheck disable=SC2086
    [[ -n "$pids" ]] && kill -KILL $pids 2>/dev/null || true
  fi
}

cmd_stop() {
  if [[ ! -e "$D" ]]; then
    log "no engine state at $D"
    return 0
  fi
  stop_daemon
  unmount_leftovers
  if [[ "${BERTH_ENGINE_KEEP:-}" == 1 ]]; then
    log "keeping $D (BERTH_ENGINE_KEEP=1)"
  else
    rm -rf --one-file-system "$D" 2>/dev/null || {
      unmount_leftovers
      rm -rf --one-file-system "$D" || die "could not remove $D"
    }
    log "removed $D"
  fi
}

cmd_status() {
  local pid
  if pid="$(daemon_pid)" && socket_answers; then
    echo "running (pid $pid) $HOST"
    return 0
  fi
  if pid="$(daemon_pid)"; then
    echo "not answering (pid $pid alive, socket $SOCK unresponsive)"
  else
    echo "not running ($D)"
  fi
  return 3
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  env) printf '%s\n' "$EXPORT_LINE" ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 {start|stop|env|status}" >&2
    exit 2
    ;;
esac
