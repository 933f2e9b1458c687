#!/usr/bin/env bash
# Freshness for BENCHMARKS.md: runs the whole platform with N simulated sites for a while, then asks
# the episodes table how long each row took from the recorder's commit to being visible (the commit
# time of the Iceberg snapshot that added it: `./tributary query freshness`).
# Usage: load-tests/bin/freshness.sh [sites=5] [seconds=300]
set -euo pipefail
if [ "${1:-}" = --help ] || [ "${1:-}" = -h ]; then
  sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" | grep -v '^set -euo' # the comment above is the help
  exit 0
fi
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
sites="${1:-5}"
seconds="${2:-300}"
data="$(mktemp -d /tmp/tributary-fresh.XXXXXX)"
log="$data.log"
ports=(--kafka-port 19092 --s3-port 19000 --gateway-port 18080 --catalog-port 18181)

./tributary --version >/dev/null   # build first
./tributary run --sites "$sites" --data-dir "$data" "${ports[@]}" >"$log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
sleep "$seconds"
minutes=$(( (seconds + 59) / 60 ))
./tributary query freshness --data-dir "$data" --since-minutes "$minutes"
./tributary query sql "SELECT status, count(*) AS episodes FROM episodes GROUP BY status ORDER BY 2 DESC" --data-dir "$data"
