#!/usr/bin/env bash
# Measures, for BENCHMARKS.md:
#  1. time from `./tributary run` to the first episode visible in the Iceberg tables (warm build), and
#  2. the platform's resident memory (RSS of the one JVM: broker, store, catalog, services, fleet) while
#     N simulated sites stream, sampled every 10 s for a while.
# Usage: load-tests/bin/startup-and-memory.sh [sites=5] [seconds-of-streaming=120]
set -euo pipefail
if [ "${1:-}" = --help ] || [ "${1:-}" = -h ]; then
  sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" | grep -v '^set -euo' # the comment above is the help
  exit 0
fi
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
sites="${1:-5}"
stream_seconds="${2:-120}"
data="$(mktemp -d /tmp/tributary-bench.XXXXXX)"
log="$data.log"
ports=(--kafka-port 19092 --s3-port 19000 --gateway-port 18080 --catalog-port 18181)

./tributary --version >/dev/null   # build outside the timed window (warm build)

start=$(date +%s.%N)
./tributary run --sites "$sites" --data-dir "$data" "${ports[@]}" >"$log" 2>&1 &
pid=$!
trap 'kill -INT $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT

first=""
for _ in $(seq 1 600); do
  if curl -fsS http://127.0.0.1:18181/api/v1/sites 2>/dev/null | grep -q '"episodes":[1-9]'; then
    first=$(date +%s.%N); break
  fi
  sleep 0.2
done
[ -n "$first" ] || { echo "no episode visible within 120 s; see $log"; exit 1; }
printf 'time to first episode visible: %.1f s\n' "$(echo "$first - $start" | bc)"

java_pid=$(pgrep -f "TributaryCli run --sites $sites --data-dir $data" | head -1)
max=0
for _ in $(seq 1 $((stream_seconds / 10))); do
  sleep 10
  rss=$(ps -o rss= -p "$java_pid" | tr -d ' ')
  [ "$rss" -gt "$max" ] && max=$rss
  printf 'rss %d MiB\n' $((rss / 1024))
done
printf 'max rss with %d sites streaming: %d MiB\n' "$sites" $((max / 1024))
curl -fsS http://127.0.0.1:18181/api/v1/sites; echo
