#!/usr/bin/env bash
# Curation throughput, joint data only (see BENCHMARKS.md):
#   load-tests/bin/pipeline-bench.sh [episodes=2000] [samples-per-episode=900]
# Publishes the episodes to an embedded broker, then times one pipeline instance draining them.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o install -DskipTests -Dspotless.check.skip=true -pl schemas,media,infra/embedded,edge-recorder,curation-pipeline -am >/dev/null
mvn -B -q -o -pl curation-pipeline dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
mvn -B -q -o -pl curation-pipeline test-compile -Dspotless.check.skip=true >/dev/null
CP="curation-pipeline/target/test-classes:curation-pipeline/target/classes:$(cat curation-pipeline/target/bench.classpath)"
exec java -Xmx2g -cp "$CP" dev.tributary.curation.bench.PipelineThroughputBenchmark "$@"
