#!/usr/bin/env bash
# Activator data-plane benchmark (issue 5): wrk for DURATION each against
#   1. the backend directly, 2. nginx as a keep-alive reverse proxy, 3. the Wisp activator,
# all on loopback, same backend, keep-alive connections. Installs nginx and wrk from Debian when
# missing. Prints requests/s, p50, p99, and the CPU time the proxy process(es) used per request
# (utime+stime from /proc over the measured run: far less sensitive to other load on the machine
# than requests/s), and the ratios.
#
# What each side gets (like for like, and like production):
#   backend   its own nginx, worker_processes 1, answering a fixed 13-byte body;
#   nginx     its own nginx, worker_processes $WORKERS, upstream keepalive 256, X-Forwarded-For;
#   activator $WORKERS event loops (its default is one per core), the JVM flags in $ACTIVATOR_JVM; with one loop per
#             CPU it pins each loop to a CPU of its own (LoopAffinity.AUTO, its default; the log says which).
#   WORKERS defaults to the number of cores, as `worker_processes auto` and the activator's default.
#   nginx's workers are not pinned (its default); NGINX_AFFINITY=auto pins them too (`worker_cpu_affinity auto`).
# Usage: bench/activator-vs-nginx.sh [duration=30s] [connections=64] [threads=2]
# Optional: ROUNDS=n runs the three n times in turn (warm-up before the first round only) and prints
#           the median of each round's ratios (single runs vary by +-10% on a shared 2-core machine);
#           JFR=1 records a JFR profile of the activator to /tmp/wisp-bench/activator.jfr;
#           WORKERS=n nginx workers and activator event loops; ACTIVATOR_JVM="..." JVM flags;
#           WARMUP=20s the warm-up of each target before the first round.
set -euo pipefail
DURATION=${1:-30s}
CONNECTIONS=${2:-64}
THREADS=${3:-2}
WORKERS=${WORKERS:-$(nproc)}
ROUNDS=${ROUNDS:-1}
# Each target is warmed up this long before the first round: the JVM's JIT compiles the hot paths over the first
# 10-20 s under load (5 s measured the activator still 10-25% below its steady state in the next round).
WARMUP=${WARMUP:-20s}
# The activator's JVM: the default collector (G1, as `wisp up` runs it) with the heap the end-to-end
# tests give `wisp up`. -XX:+UseParallelGC measured no different here (CPU per request and p99 within noise).
ACTIVATOR_JVM=${ACTIVATOR_JVM:--Xmx512m}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=/tmp/wisp-bench
BACKEND=18180 PROXY=18181 ACTIVATOR=18182
mkdir -p "$WORK"
rm -f "$WORK/ratios"

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light wrk >/dev/null \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

nginx_conf() { # name workers server-block [worker_cpu_affinity]
  mkdir -p "$WORK/$1"
  cat >"$WORK/$1/nginx.conf" <<CONF
worker_processes $2;
${4:+worker_cpu_affinity $4;}
pid $WORK/$1/nginx.pid;
error_log $WORK/$1/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  $3
}
CONF
}
nginx_conf backend 1 "server { listen 127.0.0.1:$BACKEND; location / { return 200 \"hello, world\\n\"; } }"
nginx_conf proxy "$WORKERS" "upstream backend { server 127.0.0.1:$BACKEND; keepalive 256; }
  server {
    listen 127.0.0.1:$PROXY;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_buffering on;
    }
  }" "${NGINX_AFFINITY:-}"

pids=()
cleanup() {
  for name in backend proxy; do "$NGINX" -c "$WORK/$name/nginx.conf" -p "$WORK/$name" -s stop 2>/dev/null || true; done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
for name in backend proxy; do "$NGINX" -c "$WORK/$name/nginx.conf" -p "$WORK/$name"; done

# The activator, from the installed module and its test classes (BenchActivatorMain).
TARGET=${WISP_TARGET:-$ROOT/activator/target}
(cd "$ROOT" && mvn -B -o -q dependency:build-classpath -pl activator -Dmdep.outputFile="$WORK/cp.txt" \
  -Dmdep.includeScope=test ${WISP_TARGET:+-Dwisp.target=$WISP_TARGET} >/dev/null)
JFR_OPTS=""
if [[ "${JFR:-0}" == 1 ]]; then JFR_OPTS="-XX:StartFlightRecording=filename=$WORK/activator.jfr,settings=profile"; fi
# shellcheck disable=SC2086
java $ACTIVATOR_JVM $JFR_OPTS -cp "$TARGET/classes:$TARGET/test-classes:$(cat "$WORK/cp.txt")" \
  dev.wisp.activator.BenchActivatorMain "$ACTIVATOR" "$BACKEND" "$WORKERS" >"$WORK/activator.log" 2>&1 &
ACTIVATOR_PID=$!
pids+=("$ACTIVATOR_PID")
for _ in $(seq 1 100); do curl -sf -H 'Host: bench.default.localhost' "http://127.0.0.1:$ACTIVATOR/" >/dev/null && break; sleep 0.2; done

cpu_ticks() { # summed utime+stime of the given pids, in clock ticks
  local total=0 pid
  for pid in "$@"; do
    read -r -a stat <"/proc/$pid/stat" && total=$((total + stat[13] + stat[14]))
  done
  echo "$total"
}
sys_ticks() { # summed stime (kernel time) of the given pids, in clock ticks
  local total=0 pid
  for pid in "$@"; do
    read -r -a stat <"/proc/$pid/stat" && total=$((total + stat[14]))
  done
  echo "$total"
}
run() { # name url host pids-to-measure...
  local name=$1 url=$2 host=$3; shift 3
  if [[ "$ROUND" == 1 ]]; then
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Host: $host" "$url" >/dev/null # warm-up (JIT, pools)
  fi
  local before after sys_before sys_after
  before=$(cpu_ticks "$@")
  sys_before=$(sys_ticks "$@")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Host: $host" "$url" >"$WORK/$name.txt"
  after=$(cpu_ticks "$@")
  sys_after=$(sys_ticks "$@")
  local rps p50 p99 requests cpu sys
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$name.txt")
  requests=$(awk '/requests in/ {print $1}' "$WORK/$name.txt")
  cpu=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
  sys=$(awk -v t=$((sys_after - sys_before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
  printf '%-10s %12s %10s %10s %14s %14s\n' "$name" "$rps" "$p50" "$p99" "$cpu" "$sys"
  eval "RPS_$name=$rps; CPU_$name=$cpu"
}
proxy_pids() { local master; master=$(cat "$WORK/$1/nginx.pid"); echo "$master" $(pgrep -P "$master"); }
echo "workers: nginx worker_processes $WORKERS (cpu affinity: ${NGINX_AFFINITY:-none}), activator $WORKERS event loops" \
  "($(grep -o 'loops="[^"]*"' "$WORK/activator.log" | head -1); JVM: $ACTIVATOR_JVM);" \
  "backend nginx worker_processes 1; wrk $THREADS threads, $CONNECTIONS connections, $DURATION"
printf '%-10s %12s %10s %10s %14s %14s\n' target requests/s p50 p99 'proxy cpu us/req' 'of it kernel'
for ROUND in $(seq "$ROUNDS"); do
  # shellcheck disable=SC2046
  run direct "http://127.0.0.1:$BACKEND/" bench.default.localhost $(proxy_pids backend)
  # shellcheck disable=SC2046
  run nginx "http://127.0.0.1:$PROXY/" bench.default.localhost $(proxy_pids proxy)
  run activator "http://127.0.0.1:$ACTIVATOR/" bench.default.localhost "$ACTIVATOR_PID"
  awk -v a="$RPS_activator" -v n="$RPS_nginx" -v d="$RPS_direct" -v ca="$CPU_activator" -v cn="$CPU_nginx" \
    'BEGIN { printf "throughput activator/nginx = %.2f, activator/direct = %.2f; proxy cpu per request activator/nginx = %.2f\n", a / n, a / d, ca / cn;
             printf "%.3f %.3f\n", a / n, ca / cn >> "/dev/stderr" }' 2>>"$WORK/ratios"
done
if [[ "$ROUNDS" -gt 1 ]]; then
  median() { sort -n | awk '{a[NR] = $1} END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
  echo "median of $ROUNDS rounds: throughput activator/nginx = $(cut -d' ' -f1 "$WORK/ratios" | median)," \
    "proxy cpu per request activator/nginx = $(cut -d' ' -f2 "$WORK/ratios" | median)"
fi
echo "machine: $(nproc) cores shared by wrk, nginx and the activator (and anything else running);" \
  "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); raw output in $WORK"
