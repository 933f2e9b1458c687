#!/usr/bin/env bash
# Near-duplicate detection benchmark (issues 5 and 16): precision and recall per motion family and
# transform (MIN_JERK, LINEAR_BLEND, TELEOP, QUANTISED, WIPE and the real recordings under
# ../shared/data, STIR: all tuned on; the held-out real datasets held out), then lookup latency and
# memory per episode at 10^4, 10^5 and 10^6 indexed episodes. Runs the test-scope main class
# dev.tributary.curation.bench.DedupBenchmark on curation-pipeline's test classpath, one JVM.
# Usage: load-tests/bin/dedup-bench.sh [--sites 12] [--originals 8] [--new-takes 8]
#                                      [--families MIN_JERK,LINEAR_BLEND,TELEOP,QUANTISED,WIPE,STIR]
#                                      [--held-out FAMILY,...] [--real on|off] [--cost on|off]
#                                      [--quality full|test|none] [--scale 10000,100000,1000000|none]
#                                      [--lookups 400] [--max-postings-per-hash 40]
#                                      [--max-reads-per-query-hash 2]
# Quick iteration (~1 min): --quality test --scale none. Real data: TRIBUTARY_REAL_DATA=DIR
# (default ../shared/data next to the repository; skipped when absent, the report says so).
# Held-out real data (family REAL_HELDOUT): TRIBUTARY_REAL_HELDOUT_DATA=DIR, no default (e.g.
# /tmp/heldout5/data as `load-tests/real-data/assemble-heldout.py --round 5 --out /tmp/heldout5/data`
# writes it; rounds 2-4 are tuning data since issue 16's fifth round, round 5 since its sixth (rounds
# 2-5 were tuned on then); a new round is measured once before the detector change it is meant to
# score; skipped when unset; --real-copies N draws N copies of its originals too). One folder only:
# to combine rounds, hard-link their datasets into one (`cp -al`; symbolic links are not followed).
# Build: one reactor build of curation-pipeline and the modules it needs (test-compile, no install),
# and the test classpath points at this checkout's own module classes (target/classes), never at
# snapshots in the shared ~/.m2. SKIP_BUILD=1 reuses the last build's classes and classpath file.
# Extra Maven flags (e.g. -o when offline): DEDUP_BENCH_MVN_FLAGS.
# Heap: DEDUP_BENCH_HEAP (default 6g; 10^6 episodes hold about 4 GB); extra JVM flags:
# DEDUP_BENCH_JAVA_OPTS. Quality part ~3 min, scale part ~15-25 min on 2 shared cores.
# Lookups run on a permissive index (matches kept down to 0.9) and are scored at the threshold
# afterwards; DEDUP_BENCH_JAVA_OPTS=-Dtributary.bench.shippedIndex=true runs them on the shipped
# thresholds instead, which is exactly what a pipeline finds (with --quality test only).
# -Dtributary.bench.interleaved=true indexes the originals one take of every site in turn (as when
# many sites upload at once) instead of site by site; tie-breaks move, so compare runs made alike.
# With -Dtributary.bench.interleavedSpread=true as well, every site's takes spread evenly over the
# whole order (a site of n takes among N has ~N/n others between two of its takes; add --sites to
# push a small real site's takes further apart). Each original is indexed with its site.
# -Dtributary.bench.scaleJoints=4 keeps the first 4 of the scale part's 6 joints (what few-joint takes cost).
# Writes the report to curation-pipeline/target/dedup-bench.md as well as stdout.
set -euo pipefail
if [ "${1:-}" = --help ] || [ "${1:-}" = -h ]; then
  sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0" | grep -v '^set -euo' # the comment above is the help
  exit 0
fi
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
fail() {
  echo "dedup-bench: $*" >&2
  exit 1
}
command -v mvn >/dev/null || fail "mvn not found: install Maven 3.8+ (and a JDK 17+)"
command -v java >/dev/null || fail "java not found: install a JDK 17+"
mvn_flags=(-B -q ${DEDUP_BENCH_MVN_FLAGS:-})
classpath=curation-pipeline/target/dedup-bench-classpath.txt
if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "dedup-bench: test-compiling curation-pipeline and the modules it needs..." >&2
  mvn "${mvn_flags[@]}" test-compile dependency:build-classpath -pl curation-pipeline -am \
    -Dspotless.check.skip=true -Dmdep.includeScope=test -Dmdep.outputFile=target/dedup-bench-classpath.txt \
    || fail "building curation-pipeline's tests failed (see above)"
fi
[ -d curation-pipeline/target/test-classes/dev/tributary/curation/bench ] \
  || fail "curation-pipeline/target/test-classes has no bench classes: run without SKIP_BUILD=1"
[ -f "$classpath" ] || fail "no $classpath from an earlier build: run once without SKIP_BUILD=1"
cp="curation-pipeline/target/test-classes:curation-pipeline/target/classes"
cp="$cp:$(cat "$classpath")"
mkdir -p curation-pipeline/target
# pipefail: a failing benchmark JVM fails the script even though tee succeeds.
java -Xmx"${DEDUP_BENCH_HEAP:-6g}" ${DEDUP_BENCH_JAVA_OPTS:-} \
  -Dtributary.realData="${TRIBUTARY_REAL_DATA:-$root/../shared/data}" \
  -cp "$cp" dev.tributary.curation.bench.DedupBenchmark "$@" \
  | tee curation-pipeline/target/dedup-bench.md
