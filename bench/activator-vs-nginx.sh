#!/usr/bin/env bash
# Activator data-plane benchmark (issue 5): wrk for DURATION each against
#   1. the backend directly, 2. nginx as a keep-alive reverse proxy, 3. the Wisp activator,
# all on loopback, same backend (nginx answering a fixed 13-byte body), keep-alive connections.
# Installs nginx and wrk from Debian when missing. Prints requests/s, p50, p99 and the ratios.
# Usage: bench/activator-vs-nginx.sh [duration=30s] [connections=64] [threads=2]
# Optional: JFR=1 records a JFR profile of the activator to /tmp/wisp-bench/activator.jfr;
#           LOOPS=n runs the activator on n event loops (default: its own default, one per core).
set -euo pipefail
DURATION=${1:-30s}
CONNECTIONS=${2:-64}
THREADS=${3:-2}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=/tmp/wisp-bench
BACKEND=18180 PROXY=18181 ACTIVATOR=18182
mkdir -p "$WORK"

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light wrk >/dev/null \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$BACKEND; location / { return 200 "hello, world\n"; } }
  upstream backend { server 127.0.0.1:$BACKEND; keepalive 256; }
  server {
    listen 127.0.0.1:$PROXY;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_buffering on;
    }
  }
}
CONF

pids=()
cleanup() {
  "$NGINX" -c "$WORK/nginx.conf" -p "$WORK" -s stop 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK"

# The activator, from the installed module and its test classes (BenchActivatorMain).
TARGET=${WISP_TARGET:-$ROOT/activator/target}
(cd "$ROOT" && mvn -B -o -q dependency:build-classpath -pl activator -Dmdep.outputFile="$WORK/cp.txt" \
  -Dmdep.includeScope=test ${WISP_TARGET:+-Dwisp.target=$WISP_TARGET} >/dev/null)
JFR_OPTS=""
if [[ "${JFR:-0}" == 1 ]]; then JFR_OPTS="-XX:StartFlightRecording=filename=$WORK/activator.jfr,settings=profile"; fi
java -Xmx512m $JFR_OPTS -cp "$TARGET/classes:$TARGET/test-classes:$(cat "$WORK/cp.txt")" \
  dev.wisp.activator.BenchActivatorMain "$ACTIVATOR" "$BACKEND" "${LOOPS:-}" >"$WORK/activator.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -sf -H 'Host: bench.default.localhost' "http://127.0.0.1:$ACTIVATOR/" >/dev/null && break; sleep 0.2; done

run() { # name url host
  wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -H "Host: $3" "$2" >/dev/null # warm-up (JIT, pools)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Host: $3" "$2" >"$WORK/$1.txt"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$1.txt")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$1.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$1.txt")
  printf '%-10s %12s %10s %10s\n' "$1" "$rps" "$p50" "$p99"
  eval "RPS_$1=$rps"
}
printf '%-10s %12s %10s %10s\n' target requests/s p50 p99
run direct "http://127.0.0.1:$BACKEND/" bench.default.localhost
run nginx "http://127.0.0.1:$PROXY/" bench.default.localhost
run activator "http://127.0.0.1:$ACTIVATOR/" bench.default.localhost
awk -v a="$RPS_activator" -v n="$RPS_nginx" -v d="$RPS_direct" \
  'BEGIN { printf "throughput activator/nginx = %.2f, activator/direct = %.2f\n", a / n, a / d }'
echo "machine: $(nproc) cores shared by wrk, nginx and the activator (and anything else running);" \
  "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); raw output in $WORK"
