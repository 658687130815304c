#!/usr/bin/env bash
# Berth test Podman: Debian's podman serving the Docker-compatible API on a private socket, with all
# of its state (storage, run root, tmp dir, network configs, volumes, events) under one directory,
# so tests check the app against Podman too and never touch /var/lib/containers or another service.
#
#   scripts/podman.sh start    start (or reuse) `podman system service` on $D/podman.sock, import
#                              busybox:latest into its storage, then print
#                              `export BERTH_TEST_PODMAN_HOST=unix://$D/podman.sock` on stdout
#   scripts/podman.sh env      print that line
#   scripts/podman.sh status   exit 0 when the service answers, 3 otherwise
#   scripts/podman.sh stop     stop the service, remove its containers (conmon), unmount what it
#                              mounted under $D and remove $D
#
# Environment:
#   BERTH_PODMAN_DIR   state dir (default /tmp/berth-podman)
#
# The sandbox refuses setrlimit, so containers start only with `default_ulimits = []`
# (containers.conf named by CONTAINERS_CONF). Only the export line goes to stdout.
set -euo pipefail

PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
export PATH

log() { printf '[podman] %s\n' "$*" >&2; }
die() {
  printf '[podman] ERROR: %s\n' "$*" >&2
  exit 1
}

D="${BERTH_PODMAN_DIR:-/tmp/berth-podman}"
case "$D" in
  /*) ;;
  *) D="$(pwd)/$D" ;;
esac
D="${D%/}"
case "$D" in
  "" | / | /tmp | /var | /var/run | /run | /usr | /home | /root | /etc | /var/lib/containers*)
    die "refusing to use '$D' as BERTH_PODMAN_DIR (pick a dedicated directory)"
    ;;
esac

SOCK="$D/podman.sock"
PIDFILE="$D/podman.pid"
LOGFILE="$D/podman.log"
HOST="unix://$SOCK"
export CONTAINERS_CONF="$D/containers.conf"

# Every local podman call names our own state, never the system's defaults.
PM=(podman --root "$D/storage" --runroot "$D/run" --tmpdir "$D/tmp" --volumepath "$D/volumes"
  --network-config-dir "$D/networks" --events-backend file --cgroup-manager cgroupfs)

print_env() { printf 'export BERTH_TEST_PODMAN_HOST=%s\n' "$HOST"; }

service_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$PIDFILE" 2>/dev/null || true)"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" == podman ]] || return 1
  # A killed service nobody reaped yet (zombie) is not running.
  [[ "$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null || true)" != Z ]] || return 1
  printf '%s\n' "$pid"
}

# True when the service answers on the socket (podman's remote client pings /_ping, then asks /version).
answers() {
  [[ -S "$SOCK" ]] || return 1
  timeout 5 podman --url "$HOST" version --format '{{.Server.Version}}' >/dev/null 2>&1
}

write_config() {
  mkdir -p "$D/storage" "$D/run" "$D/tmp" "$D/volumes" "$D/networks"
  {
    printf '[containers]\n# The sandbox refuses setrlimit: no default ulimits.\ndefault_ulimits = []\n\n'
    printf '[engine]\nevents_logger = "file"\nevents_logfile_path = "%s"\n' "$D/tmp/events.log"
    printf 'cgroup_manager = "cgroupfs"\ntmp_dir = "%s"\nvolume_path = "%s"\nstatic_dir = "%s"\n' \
      "$D/tmp" "$D/volumes" "$D/storage/libpod"
    printf '\n[network]\nnetwork_config_dir = "%s"\n' "$D/networks"
  } >"$CONTAINERS_CONF"
}

ensure_busybox_image() {
  if "${PM[@]}" image exists busybox:latest 2>/dev/null; then
    log "image busybox:latest present"
    return
  fi
  local bb rootfs applet
  for bb in /bin/busybox /usr/bin/busybox ""; do [[ -n "$bb" && -x "$bb" ]] && break; done
  [[ -n "$bb" ]] || die "no busybox binary (apt-get install busybox-static)"
  rootfs="$(mktemp -d "$D/tmp/busybox-rootfs.XXXXXX")"
  mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/root" "$rootfs/tmp" "$rootfs/var" "$rootfs/usr/bin" "$rootfs/sbin"
  chmod 1777 "$rootfs/tmp"
  cp "$bb" "$rootfs/bin/busybox"
  chmod 0755 "$rootfs/bin/busybox"
  while IFS= read -r applet; do
    applet="${applet##*/}"
    [[ -n "$applet" && "$applet" != busybox && ! -e "$rootfs/bin/$applet" ]] || continue
    ln -s busybox "$rootfs/bin/$applet"
  done < <("$rootfs/bin/busybox" --list)
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  log "importing busybox:latest"
  tar -C "$rootfs" --numeric-owner --owner=0 --group=0 -cf "$D/tmp/busybox.tar" .
  rm -rf "$rootfs"
  podman --url "$HOST" import \
    -c 'CMD ["sh"]' -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "$D/tmp/busybox.tar" docker.io/library/busybox:latest >/dev/null || die "podman import of busybox:latest failed"
  rm -f "$D/tmp/busybox.tar"
}

cmd_start() {
  command -v podman >/dev/null 2>&1 || die "podman is missing (apt-get install podman)"
  mkdir -p "$D"
  exec 9>"$D/.lock"
  flock -w 120 9 || die "another scripts/podman.sh holds $D/.lock"
  if service_pid >/dev/null && answers; then
    log "podman service already running on $HOST"
  else
    write_config
    rm -f "$SOCK"
    log "starting podman system service on $HOST"
    # setsid: its own process group, so a Ctrl-C of the caller does not take it down mid-test.
    setsid "${PM[@]}" system service --time=0 "$HOST" >"$LOGFILE" 2>&1 </dev/null 9>&- &
    echo $! >"$PIDFILE"
    local i
    for ((i = 0; i < 150; i++)); do
      answers && break
      service_pid >/dev/null || die "podman service exited: $(tail -n 5 "$LOGFILE")"
      sleep 0.2
    done
    answers || die "podman service did not answer on $HOST in 30 s"
  fi
  ensure_busybox_image
  print_env
}

cmd_stop() {
  local pid i
  if [[ ! -d "$D" ]]; then
    log "not running"
    return
  fi
  if pid="$(service_pid)"; then
    log "stopping podman service (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  if [[ -f "$CONTAINERS_CONF" ]]; then
    # Containers outlive the service (conmon): remove them with our own storage flags, which also
    # tears down their network namespaces and unmounts their root filesystems.
    timeout 60 "${PM[@]}" rm -a -f -t 0 >/dev/null 2>&1 || log "podman rm -a failed; cleaning up by hand"
    timeout 30 "${PM[@]}" pod rm -a -f >/dev/null 2>&1 || true
  fi
  # Whatever survived: conmon (and its container) started for our storage, found by our dir path.
  local pids
  pids="$(pgrep -f -- "$D/storage" | tr '\n' ' ' || true)"
  if [[ -n "${pids// /}" ]]; then
    log "killing leftover processes: $pids"
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
  fi
  # Mounts under our dir (overlay layers, shm, netns), deepest first.
  local m
  while IFS= read -r m; do
    [[ -n "$m" ]] || continue
    umount -l "$m" 2>/dev/null || log "could not unmount $m"
  done < <(awk -v d="$D/" 'index($2, d) == 1 { print $2 }' /proc/self/mounts | sort -r)
  rm -rf "$D" 2>/dev/null || {
    chattr -R -i "$D" 2>/dev/null || true
    rm -rf "$D" || die "could not remove $D"
  }
  log "stopped; removed $D"
}

case "${1:-}" in
  start) cmd_start ;;
  env) print_env ;;
  status)
    if service_pid >/dev/null && answers; then
      log "running on $HOST"
      exit 0
    fi
    log "not running"
    exit 3
    ;;
  stop) cmd_stop ;;
  *)
    echo "usage: $0 start|env|status|stop" >&2
    exit 2
    ;;
esac
