#!/usr/bin/env bash
# Curation throughput (see BENCHMARKS.md): records N simulated episodes (8 s, one 320x240 camera),
# puts their videos in an embedded S3Proxy and their events in an embedded broker, then times one
# pipeline instance draining them twice: joint checks only, and joints + video sampling.
#   load-tests/bin/pipeline-bench.sh [episodes=300] [joints-only rounds=1] [video rounds=1]
# (rounds after the first of each mode drain the same events again in the same JVM: the warm cost)
# BENCH_MAIN=dev.tributary.curation.bench.CurationStagesBenchmark load-tests/bin/pipeline-bench.sh 300 4
# runs the per-stage breakdown (no Kafka, thread CPU per stage) on the same classpath instead.
set -euo pipefail
if [ "${1:-}" = --help ] || [ "${1:-}" = -h ]; then
  sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" | grep -v '^set -euo' # the comment above is the help
  exit 0
fi
cd "$(dirname "$0")/../.."
# Builds what it needs (the parent POM and every module the pipeline's tests use) in one reactor,
# without installing: the classpath points at this checkout's own module classes, so another
# build's snapshots in the shared ~/.m2 cannot stand in for them. Maven's output is shown on error.
# SKIP_BUILD=1 reuses the last build.
build() {
  local log
  log="$(mktemp)"
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "pipeline-bench: the build failed (command: $*)" >&2
    exit 1
  fi
  rm -f "$log"
}
if [ -z "${SKIP_BUILD:-}" ]; then
  build mvn -B -q test-compile dependency:build-classpath -Dspotless.check.skip=true \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath -pl curation-pipeline -am
fi
CP="curation-pipeline/target/test-classes:curation-pipeline/target/classes:$(cat curation-pipeline/target/bench.classpath)"
exec java -Xmx2g ${BENCH_JVM_OPTS:-} -cp "$CP" "${BENCH_MAIN:-dev.tributary.curation.bench.PipelineThroughputBenchmark}" "$@"
