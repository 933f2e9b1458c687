#!/usr/bin/env bash
# Curation throughput (see BENCHMARKS.md): records N simulated episodes (8 s, one 320x240 camera),
# puts their videos in an embedded S3Proxy and their events in an embedded broker, then times one
# pipeline instance draining them twice: joint checks only, and joints + video sampling.
#   load-tests/bin/pipeline-bench.sh [episodes=300]
set -euo pipefail
cd "$(dirname "$0")/../.."
# Builds what it needs (the parent POM and every module the pipeline's tests use) and fails loudly:
# Maven's output is shown on error. SKIP_BUILD=1 reuses the last build.
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
  build mvn -B -q install -DskipTests -Dspotless.check.skip=true -pl curation-pipeline -am
fi
build mvn -B -q -pl curation-pipeline dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CP="curation-pipeline/target/test-classes:curation-pipeline/target/classes:$(cat curation-pipeline/target/bench.classpath)"
exec java -Xmx2g -cp "$CP" dev.tributary.curation.bench.PipelineThroughputBenchmark "$@"
