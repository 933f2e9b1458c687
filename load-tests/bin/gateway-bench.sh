#!/usr/bin/env bash
# Ingest gateway benchmarks (issue 4): raw Kafka producer vs gateway throughput, ack latency at half
# the maximum rate, video uploads vs the AWS SDK, and the gateway's heap over a long run.
# One JVM hosts the embedded KRaft broker, S3Proxy and the load generator; the gateway runs in a
# child JVM (-Xmx512m by default) so that its heap is measured alone.
# Usage: load-tests/bin/gateway-bench.sh [--memory-minutes 10] [--phases chunks,video,memory] ...
#        [--chunks-per-call N]  (default 1; N > 1 sends POST .../chunks batches of N chunks of one
#                                rig's episode; throughput in chunks/s vs the raw producer's
#                                records/s; add --site-rate 1000000 so the per-site limit, one
#                                token per chunk, does not cap the run)
#        [--phases chunks,forwarder]  (issue 17: raw producer, then the bare Vert.x -> Kafka
#                                forwarder, then the gateway, back to back on one broker)
#        (options and defaults: dev.tributary.loadtest.GatewayBenchmark, load-tests/README.md)
# Writes the report to load-tests/target/gateway-bench.md (and the gateway's log next to it).
set -euo pipefail
if [ "${1:-}" = --help ] || [ "${1:-}" = -h ]; then
  sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" | grep -v '^set -euo' # the comment above is the help
  exit 0
fi
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
# Builds the load tests and every module they use (parent POM included); Maven's errors are shown.
# REACTOR=1: no install; compiles the modules in this checkout and puts their target/classes on
# the classpath, so a run measures this worktree's gateway, not whatever ~/.m2 holds.
# Extra Maven flags (e.g. -o when the local repository is complete): GATEWAY_BENCH_MVN_FLAGS.
if [ "${REACTOR:-}" = 1 ]; then
  mvn -B -q ${GATEWAY_BENCH_MVN_FLAGS:-} compile dependency:build-classpath -pl load-tests -am -Dspotless.check.skip=true \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
else
  if [ "${SKIP_BUILD:-}" != 1 ]; then
    mvn -B -q install -pl load-tests -am -DskipTests -Dspotless.check.skip=true
  fi
  mvn -B -q -pl load-tests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
    -Dmdep.includeScope=runtime
fi
exec java -Xmx2g -cp "load-tests/target/classes:$(cat load-tests/target/classpath.txt)" \
  dev.tributary.loadtest.GatewayBenchmark "$@"
