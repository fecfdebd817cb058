# Shared by the scripts: paths, tool checks, and clean-up of what the tests and the demo start.
# Sourced, not run.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="/opt/swift/usr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

require_root() {
    [ "$(id -u)" -eq 0 ] || die "this needs root: it installs packages and starts dockerd and journald (run with sudo)"
}

# Purges the reclaimd package if the package test left it installed. Stops every dockerd the tests or the demo
# started (their directories are /tmp/rd-* and /tmp/reclaimd-demo*), their containerd, every Podman service the
# tests started (/tmp/rdp-*), unmounts what they left
# mounted (also the tests' loop and tmpfs mounts), detaches their loop devices and removes their scratch
# directories. Never touches a system dockerd or another mount.
cleanup_private_engines() {
    local pidfile pid pids=()
    # The package test's systemd container (systemd-nspawn on a root under /tmp/rd-nspawn-*), then the package:
    # the test installs reclaimd and purges it again; if it stopped half-way, purge it here.
    pkill -KILL -f '^/usr/bin/systemd-nspawn -q -D /tmp/rd-nspawn-' 2>/dev/null || true
    if compgen -G '/tmp/rd-*/package-installed' >/dev/null; then
        dpkg --purge reclaimd >/dev/null 2>&1 || true
    fi
    for pidfile in /tmp/rd-*/docker.pid /tmp/reclaimd-demo*/docker.pid; do
        [ -f "$pidfile" ] || continue
        pid=$(cat "$pidfile" 2>/dev/null) || continue
        kill "$pid" 2>/dev/null && pids+=("$pid")
    done
    # The Podman services the tests started (their directories are /tmp/rdp-*).
    for pidfile in /tmp/rdp-*/podman.pid; do
        [ -f "$pidfile" ] || continue
        pid=$(cat "$pidfile" 2>/dev/null) || continue
        kill "$pid" 2>/dev/null && pids+=("$pid")
    done
    # The standalone containerds the tests started (their directories are /tmp/rdk-*).
    for pidfile in /tmp/rdk-*/containerd.pid; do
        [ -f "$pidfile" ] || continue
        pid=$(cat "$pidfile" 2>/dev/null) || continue
        kill "$pid" 2>/dev/null && pids+=("$pid")
    done
    # The qemu guest of an interrupted scripts/vm-test (its directories are /tmp/rdvm-*).
    for pidfile in /tmp/rdvm-*/qemu.pid; do
        [ -f "$pidfile" ] || continue
        pid=$(cat "$pidfile" 2>/dev/null) || continue
        kill "$pid" 2>/dev/null && pids+=("$pid")
    done
    # Wait up to 20 s for them to exit; a daemon still writing its data root would undo the removal below.
    for pid in "${pids[@]}"; do
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$pid" 2>/dev/null || true
    done
    for pidfile in /tmp/rd-*/exec/containerd/containerd.pid /tmp/reclaimd-demo*/exec/containerd/containerd.pid; do
        [ -f "$pidfile" ] || continue
        kill -9 "$(cat "$pidfile")" 2>/dev/null || true
    done
    local target
    { findmnt -rn -o TARGET | grep -E '^/tmp/(rd-|rdp-|rdk-|rdfs-|rdtmp-|reclaimd-demo)' | sort -r || true; } | while read -r target; do
        umount -l "$target" 2>/dev/null || true
    done
    # Loop devices still bound to the tests' filesystem images.
    local image device
    for image in /tmp/rdfs-*/fs.img /tmp/reclaimd-demo.*/fs.img; do
        [ -f "$image" ] || continue
        for device in $(losetup -j "$image" -O NAME -n 2>/dev/null); do losetup -d "$device" 2>/dev/null || true; done
    done
    rm -rf /tmp/rdvm-* /tmp/rd-* /tmp/rdp-* /tmp/rdk-* /tmp/rdfs-* /tmp/rdtmp-* /tmp/rdj-* /tmp/rdc-* /tmp/rds-* /tmp/rdw-* /tmp/rdh-* /tmp/reclaimd-demo* 2>/dev/null || true
}

# Starts systemd-journald standalone when its socket is absent (these machines boot without systemd).
# Sets STARTED_JOURNALD=1 when it did, so the caller can stop it afterwards.
STARTED_JOURNALD=0
ensure_journald() {
    if [ -S /run/systemd/journal/socket ] && pidof systemd-journald >/dev/null; then
        return 0
    fi
    say "starting systemd-journald (standalone)"
    setsid -f /lib/systemd/systemd-journald </dev/null >/dev/null 2>&1
    STARTED_JOURNALD=1
    for _ in $(seq 1 100); do [ -S /run/systemd/journal/socket ] && return 0; sleep 0.1; done
    die "systemd-journald did not create /run/systemd/journal/socket"
}

# Stops journald if we started it (tests may have restarted it under another pid).
stop_started_journald() {
    if [ "$STARTED_JOURNALD" = 1 ]; then
        local pids; pids=$(pidof systemd-journald || true)
        [ -n "$pids" ] && kill $pids 2>/dev/null || true
    fi
}
