#!/usr/bin/env bash
# Starts a Podman API service (Docker-compatible Engine API) on a Unix socket for Wisp's container
# runtime tests, installing podman, runc and busybox-static first when they are missing (Debian).
# Also builds the local test image (busybox httpd) when it is not loaded yet: no registry is needed.
#
#   scripts/podman-service.sh DIR [IMAGE]
#
# DIR receives podman.sock, podman.pid, podman.log and containers.conf. IMAGE defaults to
# localhost/wisp-test/busybox:2. Prints "socket=DIR/podman.sock" and "installSeconds=N" on success;
# exits non-zero with the reason on stderr otherwise.
set -euo pipefail

dir=${1:?usage: podman-service.sh DIR [IMAGE]}
image=${2:-localhost/wisp-test/busybox:2}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
lock=/tmp/wisp-podman-install.lock

install_missing() {
  local missing=()
  command -v podman >/dev/null || missing+=(podman)
  command -v runc >/dev/null || missing+=(runc)
  [ -x /bin/busybox ] || missing+=(busybox-static)
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  export DEBIAN_FRONTEND=noninteractive
  # One installer at a time when several test JVMs start together.
  (
    flock -w 600 9
    $sudo apt-get update -qq >&2 || { echo "apt-get update failed" >&2; exit 1; }
    $sudo apt-get install -y -qq --no-install-recommends podman runc busybox-static uidmap slirp4netns \
      iptables netavark aardvark-dns containernetworking-plugins fuse-overlayfs >&2 \
      || { echo "apt-get install of ${missing[*]} failed" >&2; exit 1; }
  ) 9>"$lock"
}

start=$(date +%s)
install_missing || { echo "cannot install podman/runc/busybox-static (needs root or passwordless sudo and a Debian apt mirror)" >&2; exit 2; }
install_seconds=$(( $(date +%s) - start ))

# crun fails on hybrid cgroup hosts: use runc; cgroupfs because there may be no systemd.
cat > "$dir/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
export CONTAINERS_CONF="$dir/containers.conf"

build_image() {
  if podman image exists "$image" 2>/dev/null; then
    return 0
  fi
  local root
  root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/www" "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  for tool in sh httpd echo sleep cat ls env; do ln -s busybox "$root/bin/$tool"; done
  echo "hello from a wisp container" > "$root/www/index.html"
  tar -C "$root" -cf "$root.tar" .
  # sh stays PID 1 with a TERM handler: a PID 1 without one ignores SIGTERM and is only killed after the grace period.
  podman import --change 'ENV PATH=/bin' --change 'WORKDIR /www' \
    --change 'CMD ["/bin/sh","-c","trap \"exit 0\" TERM; httpd -f -p ${PORT:-8080} -h /www & wait"]' "$root.tar" "$image" >&2
  rm -rf "$root" "$root.tar"
}
build_image || { echo "cannot build the test image $image with podman import" >&2; exit 3; }

sock="$dir/podman.sock"
if [ -f "$dir/podman.pid" ] && kill -0 "$(cat "$dir/podman.pid")" 2>/dev/null && [ -S "$sock" ]; then
  running=$(cat "$dir/podman.pid")
  # A service whose working directory was deleted (started from a build directory since removed)
  # cannot start containers any more (conmon: "Failed to get working directory"): replace it.
  if [[ "$(readlink "/proc/$running/cwd" 2>/dev/null)" != *"(deleted)" ]]; then
    echo "socket=$sock"
    echo "installSeconds=$install_seconds"
    exit 0
  fi
  kill "$running" 2>/dev/null || true
fi
rm -f "$sock"
# Started from its own directory, which outlives any build directory the tests run in.
cd "$dir"
nohup podman --runtime runc system service --time=0 "unix://$sock" >"$dir/podman.log" 2>&1 &
echo $! > "$dir/podman.pid"
for _ in $(seq 1 100); do
  if [ -S "$sock" ] && curl -fsS --unix-socket "$sock" http://d/_ping >/dev/null 2>&1; then
    echo "socket=$sock"
    echo "installSeconds=$install_seconds"
    exit 0
  fi
  sleep 0.1
done
echo "podman system service did not answer on $sock within 10s: $(tail -5 "$dir/podman.log")" >&2
exit 4
