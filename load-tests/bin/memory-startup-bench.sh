#!/usr/bin/env bash
# Start-up of the curation decider's memory (issue 17, part 3): for 10^4, 10^5 and 10^6 synthetic
# rows in a real Iceberg `episodes` table (local-filesystem warehouse, SQLite catalog), the old
# start-up (a full scan, EpisodeIndexLoader.load) against the new one (load the memory saved as a
# Puffin statistics file, catch up with the rows appended since, re-publish from a filtered scan),
# the save's time and size, and heap after GC. Runs the test-scope main class
# dev.tributary.curation.bench.MemoryStartupBenchmark on curation-pipeline's test classpath.
# Usage: load-tests/bin/memory-startup-bench.sh [--sizes 10000,100000,1000000] [--append 1000]
#                                               [--pool 8192] [--dir /tmp/warehouse]
# Build: compiles this checkout's modules (no install) and puts their target/classes on the
# classpath; SKIP_BUILD=1 reuses the last build; extra Maven flags (e.g. -o): MEMORY_BENCH_MVN_FLAGS. Heap: MEMORY_BENCH_HEAP (default 8g: the old
# full scan holds every row's sketch besides the index at 10^6). ~25 min at 10^6 on 2 shared cores,
# ~3 GB of disk for the warehouse (a temporary folder unless --dir).
# Writes the report to curation-pipeline/target/memory-startup-bench.md as well as stdout.
set -euo pipefail
if [ "${1:-}" = --help ] || [ "${1:-}" = -h ]; then
  sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" | grep -v '^set -euo' # the comment above is the help
  exit 0
fi
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
fail() {
  echo "memory-startup-bench: $*" >&2
  exit 1
}
command -v mvn >/dev/null || fail "mvn not found: install Maven 3.8+ (and a JDK 17+)"
command -v java >/dev/null || fail "java not found: install a JDK 17+"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "memory-startup-bench: compiling curation-pipeline and the modules it needs..." >&2
  mvn -B -q ${MEMORY_BENCH_MVN_FLAGS:-} -pl curation-pipeline -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test -Dspotless.check.skip=true \
    || fail "compiling curation-pipeline's tests failed (see above)"
fi
[ -f curation-pipeline/target/bench-cp.txt ] || fail "no classpath file: run without SKIP_BUILD=1"
cp="curation-pipeline/target/test-classes:curation-pipeline/target/classes"
cp="$cp:$(cat curation-pipeline/target/bench-cp.txt)"
# pipefail: a failing benchmark JVM fails the script even though tee succeeds.
# The lake's INFO log lines are dropped; warnings stay.
java -Xmx"${MEMORY_BENCH_HEAP:-8g}" -cp "$cp" dev.tributary.curation.bench.MemoryStartupBenchmark "$@" 2>&1 \
  | { grep -v -E " (INFO|DEBUG) " || true; } | tee curation-pipeline/target/memory-startup-bench.md
