#!/usr/bin/env bash
# Near-duplicate detection benchmark (issue 5, item 4): precision/recall per transform on simulated
# SO-101 takes (threshold tuned on one split, measured on another), then lookup latency and memory
# per episode at 10^4, 10^5 and 10^6 indexed episodes. Runs the test-scope main class
# dev.tributary.curation.bench.DedupBenchmark on curation-pipeline's test classpath, one JVM.
# Usage: load-tests/bin/dedup-bench.sh [--sites 40] [--originals 12] [--new-takes 6]
#                                      [--quality full|test|none] [--scale 10000,100000,1000000]
#                                      [--lookups 400] [--max-postings-per-hash 40]
#                                      [--max-reads-per-query-hash 2]
# Quick iteration (~40 s): --quality test --scale 10000,100000 (test split at the default
# threshold, no 10^6 index). SKIP_BUILD=1 skips test-compile.
# Heap: DEDUP_BENCH_HEAP (default 6g; 10^6 episodes hold about 3.8 GB); extra JVM flags:
# DEDUP_BENCH_JAVA_OPTS. About 10 min on 2 cores.
# Writes the report to curation-pipeline/target/dedup-bench.md as well as stdout.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -B -q -o -pl curation-pipeline test-compile
fi
mvn -B -q -o -pl curation-pipeline dependency:build-classpath \
  -Dmdep.outputFile=target/dedup-bench-classpath.txt -Dmdep.includeScope=test
cp="curation-pipeline/target/test-classes:curation-pipeline/target/classes"
cp="$cp:$(cat curation-pipeline/target/dedup-bench-classpath.txt)"
java -Xmx"${DEDUP_BENCH_HEAP:-6g}" ${DEDUP_BENCH_JAVA_OPTS:-} -cp "$cp" dev.tributary.curation.bench.DedupBenchmark "$@" \
  | tee curation-pipeline/target/dedup-bench.md
