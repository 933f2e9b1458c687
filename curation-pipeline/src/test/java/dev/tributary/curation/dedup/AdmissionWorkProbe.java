package dev.tributary.curation.dedup;

import dev.tributary.curation.bench.DedupEvaluation;
import dev.tributary.curation.bench.MotionFamilies;
import dev.tributary.curation.bench.RealTakes;
import dev.tributary.curation.bench.SimTakes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the work of one near-duplicate admission goes (issues 16/17: the admission cost of real
 * takes), per take: its landmarks, the landmark triples the enumeration walks, the triplets and
 * probes it hashes, the postings a lookup reads, the candidate bins, the postings the add keeps,
 * and thread CPU per phase: enumeration ({@link LandmarkHashes#threeMoments}), lookup (the first
 * pass's tally), confirmation (the rest of {@link NearDuplicateIndex#findAll}, with the two-moment
 * pass when it runs) and add (posting selection and posting store). Takes are admitted in the order
 * of the dedup benchmark's <em>Admission cost</em> table (the test split's synthetic takes, then
 * REAL) into one default index, {@code rounds} times on fresh indexes; the last round is reported.
 * Not a test: run its main on the test classpath (see {@code load-tests/bin/dedup-bench.sh} for the
 * classpath), args: {@code [families|none] [rounds]}, the real data from {@code
 * -Dtributary.realData=DIR} as the benchmark reads it. Never reads the held-out folders.
 */
public final class AdmissionWorkProbe {
  private AdmissionWorkProbe() {}

  /** One take's counts and CPU nanoseconds per phase. */
  record Work(
      String family,
      String take,
      int joints,
      double durationS,
      int landmarks,
      int corners,
      long triples,
      int ownTriplets,
      int queryHashes,
      long postingsRead,
      long skipped,
      int candidateBins,
      long postingsKept,
      boolean secondPass,
      long enumerateNs,
      long lookupNs,
      long confirmNs,
      long addNs) {}

  public static void main(String[] args) throws Exception {
    String families = args.length > 0 ? args[0] : "MIN_JERK,LINEAR_BLEND,TELEOP,QUANTISED,WIPE";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    if (families.contains("STIR")) {
      throw new IllegalArgumentException("STIR is held out: never measured by this probe");
    }
    List<DedupEvaluation.Corpus> corpora = new ArrayList<>();
    if (!families.equals("none")) {
      List<MotionFamilies.Family> fs = new ArrayList<>();
      for (String f : families.split(",")) {
        fs.add(MotionFamilies.Family.valueOf(f));
      }
      corpora.addAll(DedupEvaluation.generate(new DedupEvaluation.Split("test", 12, 8, 8), fs));
    }
    DedupEvaluation.Corpus real = RealTakes.load(Files.createTempDirectory("admission-probe"));
    if (real != null) {
      corpora.add(real);
    }
    List<Work> last = null;
    for (int round = 1; round <= rounds; round++) {
      last = run(corpora, round);
    }
    report(last);
  }

  static List<Work> run(List<DedupEvaluation.Corpus> corpora, int round) {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    NearDuplicateConfig config = NearDuplicateConfig.defaults();
    NearDuplicateIndex index = new NearDuplicateIndex(config);
    List<Work> out = new ArrayList<>();
    for (DedupEvaluation.Corpus c : corpora) {
      for (List<SimTakes.Take> site : c.sites()) {
        for (SimTakes.Take t : site) {
          TrajectorySketch s = TrajectorySketch.of(t.trajectory(), t.jointNames());
          long c0 = cpu.getCurrentThreadCpuTime();
          LandmarkTriplets.ThreeMoments three = LandmarkHashes.threeMoments(s);
          long c1 = cpu.getCurrentThreadCpuTime();
          long read0 = index.postingsRead();
          long skip0 = index.stopWordsSkipped();
          int bins = index.tally(s, three, config.minVotes(), false).size();
          long c2 = cpu.getCurrentThreadCpuTime();
          long read = index.postingsRead() - read0;
          long skipped = index.stopWordsSkipped() - skip0;
          long read1 = index.postingsRead();
          List<NearDuplicateMatch> found = index.findAll(s, FrameConfirmation.NONE);
          long c3 = cpu.getCurrentThreadCpuTime();
          // findAll enumerated and tallied again: its confirmation is what is left of it.
          boolean second = index.postingsRead() - read1 > read;
          long before = index.postings();
          List<String> links = new ArrayList<>();
          found.forEach(m -> links.add(m.originalEpisodeId()));
          long c4 = cpu.getCurrentThreadCpuTime();
          index.add(t.episodeId() + "/r" + round, s, 0, links);
          long c5 = cpu.getCurrentThreadCpuTime();
          int[] own = {0};
          three.indexTriplets((h, a) -> own[0]++);
          int[] query = {0};
          three.forQuery((h, a) -> query[0]++);
          out.add(
              new Work(
                  c.family(),
                  t.episodeId(),
                  s.joints(),
                  s.durationS(),
                  s.landmarks(),
                  s.cornerCount(),
                  triples(s) + (s.cornerCount() > 0 ? triples(s.corners()) : 0),
                  own[0],
                  query[0],
                  read,
                  skipped,
                  bins,
                  index.postings() - before,
                  second,
                  c1 - c0,
                  c2 - c1,
                  Math.max(0, (c3 - c2) - (c1 - c0) - (c2 - c1)),
                  c5 - c4));
        }
      }
    }
    return out;
  }

  /** Landmark triples within {@link LandmarkHashes#MAX_SPAN_S} (what the enumeration visits). */
  static long triples(TrajectorySketch s) {
    long n = 0;
    int count = s.landmarks();
    for (int a = 0; a < count; a++) {
      int end = a + 1;
      while (end < count
          && s.landmarkTimeS(end) - s.landmarkTimeS(a) <= LandmarkHashes.MAX_SPAN_S) {
        end++;
      }
      long m = end - a - 1;
      n += m * (m - 1) / 2;
    }
    return n;
  }

  private static void report(List<Work> works) {
    System.out.println("## Admission work per take (last round)\n");
    System.out.println(
        "| take | joints | s | landmarks | corners | triples <= 4 s | own triplets | query hashes"
            + " | postings read | skipped | candidate bins | kept | 2nd pass | enum µs | lookup µs"
            + " | confirm µs | add µs |");
    System.out.println(
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
    Map<String, long[]> byFamily = new LinkedHashMap<>();
    for (Work w : works) {
      long[] sum = byFamily.computeIfAbsent(w.family(), f -> new long[12]);
      sum[0]++;
      sum[1] += w.landmarks();
      sum[2] += w.triples();
      sum[3] += w.ownTriplets();
      sum[4] += w.queryHashes();
      sum[5] += w.postingsRead();
      sum[6] += w.candidateBins();
      sum[7] += w.postingsKept();
      sum[8] += w.enumerateNs();
      sum[9] += w.lookupNs();
      sum[10] += w.confirmNs();
      sum[11] += w.addNs();
      if (!w.family().startsWith("REAL")) {
        continue;
      }
      System.out.printf(
          "| %s | %d | %.1f | %d | %d | %d | %d | %d | %d | %d | %d | %d | %s | %.0f | %.0f | %.0f"
              + " | %.0f |%n",
          w.take(),
          w.joints(),
          w.durationS(),
          w.landmarks(),
          w.corners(),
          w.triples(),
          w.ownTriplets(),
          w.queryHashes(),
          w.postingsRead(),
          w.skipped(),
          w.candidateBins(),
          w.postingsKept(),
          w.secondPass() ? "yes" : "",
          w.enumerateNs() / 1e3,
          w.lookupNs() / 1e3,
          w.confirmNs() / 1e3,
          w.addNs() / 1e3);
    }
    System.out.println("\n## Per family, mean per take (last round)\n");
    System.out.println(
        "| family | takes | landmarks | triples <= 4 s | own triplets | query hashes | postings"
            + " read | candidate bins | kept | enum µs | lookup µs | confirm µs | add µs | total"
            + " µs |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    byFamily.forEach(
        (f, v) -> {
          double n = v[0];
          System.out.printf(
              "| %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f | %.0f | %.0f | %.0f | %.0f |"
                  + " %.0f | %.0f |%n",
              f,
              v[0],
              v[1] / n,
              v[2] / n,
              v[3] / n,
              v[4] / n,
              v[5] / n,
              v[6] / n,
              v[7] / n,
              v[8] / n / 1e3,
              v[9] / n / 1e3,
              v[10] / n / 1e3,
              v[11] / n / 1e3,
              (v[8] + v[9] + v[10] + v[11]) / n / 1e3);
        });
  }
}
