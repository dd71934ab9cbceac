#!/usr/bin/env bash
# Data-plane benchmark through a real `wisp up` (prints figures; not a test): the sample app
# (samples/hello, min-scale 1, process runtime) is called with wrk, keep-alive, alternately
#   direct   straight at the instance's port, and
#   ingress  through `wisp up`'s ingress (the activator) with `Host: hello.default.localhost`,
# ROUNDS times each, DURATION each, after a warm-up. Unlike bench/activator-vs-nginx.sh (activator on
# an in-memory directory) this includes what only `wisp up` adds: the workload runtime's endpoint
# lookups, and the activator sharing its JVM with the rest of wisp up. Prints requests/s, p50 and p99 per
# run and their medians, the CPU time the wisp JVM spent per proxied request (utime+stime from
# /proc: less sensitive to other load on the machine than requests/s) and the load average.
# Usage: bench/wisp-up-ingress.sh [duration=15s] [connections=32] [threads=2] [rounds=3]
# Optional: WISP_APP=path/to/quarkus-run.jar (default platform/target/quarkus-app/quarkus-run.jar);
#           JFR=1 records a profile of the wisp JVM to $WORK/wisp.jfr; WORK (default /tmp/wisp-up-bench).
set -euo pipefail
DURATION=${1:-15s}
CONNECTIONS=${2:-32}
THREADS=${3:-2}
ROUNDS=${4:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
APP=${WISP_APP:-$ROOT/platform/target/quarkus-app/quarkus-run.jar}
HELLO=$ROOT/samples/hello/target/hello.jar
WORK=${WORK:-/tmp/wisp-up-bench}
HOST=hello.default.localhost
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
[[ -f "$APP" ]] || { echo "no application at $APP: build it (./wisp --version) or set WISP_APP" >&2; exit 1; }
[[ -f "$HELLO" ]] || { echo "no sample at $HELLO: mvn -B -o -q install -pl samples/hello" >&2; exit 1; }
rm -rf "$WORK" && mkdir -p "$WORK"

JFR_OPTS=""
if [[ "${JFR:-0}" == 1 ]]; then JFR_OPTS="-XX:StartFlightRecording=filename=$WORK/wisp.jfr,settings=profile"; fi
# shellcheck disable=SC2086
java ${WISP_JAVA_OPTS:-} $JFR_OPTS -jar "$APP" up --state-dir "$WORK/state" --port 0 --api-port 0 >"$WORK/wisp.log" 2>&1 &
WISP=$!
trap 'kill $WISP 2>/dev/null; wait $WISP 2>/dev/null || true' EXIT
for _ in $(seq 600); do grep -q 'wisp up: ingress=' "$WORK/wisp.log" && break; sleep 0.1; done
INGRESS=$(sed -n 's/.*wisp up: ingress=\(\S*\) api=.*/\1/p' "$WORK/wisp.log")
API=$(sed -n 's/.*wisp up: ingress=\S* api=\(\S*\).*/\1/p' "$WORK/wisp.log")
[[ -n "$INGRESS" ]] || { echo "wisp up did not start:" >&2; cat "$WORK/wisp.log" >&2; exit 1; }

curl -fsS -o /dev/null -H 'Content-Type: application/yaml' --data-binary @- "$API/apis/wisp.dev/v1alpha1/apply" <<YAML
apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: hello
spec:
  template:
    metadata:
      annotations:
        autoscaling.knative.dev/min-scale: "1"
    spec:
      containers:
        - image: wisp.local/hello
          command: ["java", "-XX:+UseSerialGC", "-jar", "$HELLO"]
YAML
PORT=""
for _ in $(seq 600); do
  PORT=$(curl -fsS "$API/apis/serving.knative.dev/v1/namespaces/default/revisions/hello-00001/instances" 2>/dev/null \
    | grep -o '"port" *: *[0-9]*' | head -1 | grep -o '[0-9]*$' || true)
  [[ -n "$PORT" ]] && curl -fsS -o /dev/null -H "Host: $HOST" "$INGRESS/" 2>/dev/null && break
  sleep 0.1
done
[[ -n "$PORT" ]] || { echo "the hello instance did not become ready" >&2; exit 1; }
DIRECT=http://127.0.0.1:$PORT

cpu_ticks() { awk '{print $14 + $15}' "/proc/$WISP/stat"; }
sys_ticks() { awk '{print $15}' "/proc/$WISP/stat"; }
to_ms() { # wrk's 1.23us / 4.56ms / 1.2s -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.3f", n }'
}
run() { # name url -> "rps p50 p99 cpuUsPerRequest" appended to $WORK/name
  local before after out rps p50 p99 requests sys_before sys_after
  before=$(cpu_ticks)
  sys_before=$(sys_ticks)
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Host: $HOST" "$2/")
  after=$(cpu_ticks)
  sys_after=$(sys_ticks)
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  grep -q 'Non-2xx' <<<"$out" && { echo "$1: non-2xx responses:"; echo "$out"; } >&2
  local cpu_us sys_us
  cpu_us=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
  sys_us=$(awk -v t=$((sys_after - sys_before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
  echo "$rps $p50 $p99 $cpu_us" >>"$WORK/$1"
  printf '%-8s rps %9.0f  p50 %7.3f ms  p99 %7.3f ms  wisp CPU %6.1f us/req (kernel %s)  load %s\n' "$1" "$rps" "$p50" \
    "$p99" "$cpu_us" "$sys_us" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
median() { sort -n | awk '{a[NR] = $1} END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

echo "app=$APP cores=$(nproc) duration=$DURATION connections=$CONNECTIONS threads=$THREADS rounds=$ROUNDS"
wrk -t"$THREADS" -c"$CONNECTIONS" -d15s -H "Host: $HOST" "$INGRESS/" >/dev/null  # warm-up (JIT)
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -H "Host: $HOST" "$DIRECT/" >/dev/null
for _ in $(seq "$ROUNDS"); do
  run direct "$DIRECT"
  run ingress "$INGRESS"
done
for name in direct ingress; do
  printf '%-8s median rps %9.0f  p50 %7.3f ms  p99 %7.3f ms  wisp CPU %6.1f us/req\n' "$name" \
    "$(cut -d' ' -f1 "$WORK/$name" | median)" "$(cut -d' ' -f2 "$WORK/$name" | median)" \
    "$(cut -d' ' -f3 "$WORK/$name" | median)" "$(cut -d' ' -f4 "$WORK/$name" | median)"
done
