#!/usr/bin/env bash
# Curation throughput (see BENCHMARKS.md): records N simulated episodes (8 s, one 320x240 camera),
# puts their videos in an embedded S3Proxy and their events in an embedded broker, then times one
# pipeline instance draining them twice: joint checks only, and joints + video sampling.
#   load-tests/bin/pipeline-bench.sh [episodes=300]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -o install -DskipTests -Dspotless.check.skip=true -pl schemas,media,infra/embedded,edge-recorder,curation-pipeline >/dev/null
  mvn -B -q -o -pl curation-pipeline test-compile -Dspotless.check.skip=true >/dev/null
fi
mvn -B -q -o -pl curation-pipeline dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="curation-pipeline/target/test-classes:curation-pipeline/target/classes:$(cat curation-pipeline/target/bench.classpath)"
exec java -Xmx2g -cp "$CP" dev.tributary.curation.bench.PipelineThroughputBenchmark "$@"
