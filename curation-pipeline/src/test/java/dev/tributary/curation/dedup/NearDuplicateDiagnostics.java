package dev.tributary.curation.dedup;

import dev.tributary.curation.bench.DedupEvaluation;
import dev.tributary.curation.bench.DedupEvaluation.Query;
import dev.tributary.curation.bench.DedupEvaluation.Transform;
import dev.tributary.curation.bench.SimTakes;
import java.util.List;

/**
 * Why a missed pair of the dedup benchmark is missed: for every expected pair that no match (at the
 * given threshold) reports, prints the clip, its landmarks and hashes, the true original's votes
 * and rank, and the confirmation step that rejected it (no vote, votes below minVotes, rank beyond
 * maxCandidates, correlation, overlap, containment). Not a test: run its main on the test classpath
 * (args: split name, threshold; {@code -Dlmk=true} also prints the landmarks of clips that share no
 * posting with their original).
 */
public final class NearDuplicateDiagnostics {
  private NearDuplicateDiagnostics() {}

  public static void main(String[] args) {
    String split = args.length > 0 ? args[0] : "test";
    double threshold = args.length > 1 ? Double.parseDouble(args[1]) : 0.997;
    NearDuplicateConfig config =
        NearDuplicateConfig.defaults().withMinCorrelation(0.9).withMinCorrelationOtherUnits(0.9);
    NearDuplicateIndex index = new NearDuplicateIndex(config);
    List<Query> queries = DedupEvaluation.run(new DedupEvaluation.Split(split, 40, 12, 6), index);
    System.out.println(
        "transform | log | clipS | lmk | qHashes | idxTrip | trueVotes@off | rank | bestOther |"
            + " corr | overlap | contains | cause");
    for (Query q : queries) {
      if (q.transform() != Transform.TRIM && q.transform() != Transform.TRIM_RESAMPLE_UNITS) {
        continue;
      }
      String expected = q.expected().iterator().next();
      boolean hit =
          q.found().stream()
              .anyMatch(
                  m -> m.originalEpisodeId().equals(expected) && m.correlation() >= threshold);
      if (hit) {
        continue;
      }
      TrajectorySketch s = q.sketch();
      int[] qh = {0};
      LandmarkHashes.forQuery(s, false, (h, t) -> qh[0]++);
      int[] it = {0};
      LandmarkHashes.indexTriplets(s, (h, t) -> it[0]++);
      int e = index.episodeNumber(expected);
      List<NearDuplicateIndex.Candidate> all = index.tally(s, 1, false);
      int rank = 0;
      NearDuplicateIndex.Candidate mine = null;
      java.util.Set<Integer> eps = new java.util.HashSet<>();
      int bestOther = 0;
      for (NearDuplicateIndex.Candidate c : all) {
        if (c.episode() == e && mine == null) {
          mine = c;
          rank = eps.size() + 1;
        }
        if (c.episode() != e) {
          bestOther = Math.max(bestOther, c.votes());
        }
        eps.add(c.episode());
      }
      String[] parts = expected.split("/take-");
      SimTakes.Take take =
          SimTakes.record(
              parts[0],
              Long.parseLong(parts[1]),
              SimTakes.durationOf(parts[0]),
              SimTakes.rateOf(parts[0]));
      TrajectorySketch original = TrajectorySketch.of(take.trajectory());
      java.util.Map<Integer, List<Double>> orig = new java.util.HashMap<>();
      int[] ot = {0};
      LandmarkHashes.forIndex(
          original,
          (h, t) -> {
            ot[0]++;
            orig.computeIfAbsent(h, k -> new java.util.ArrayList<>()).add(t);
          });
      int[] full = {0};
      double off = q.expectedOffsetS();
      LandmarkHashes.forQuery(
          s,
          false,
          (h, t) -> {
            List<Double> ts = orig.get(h);
            if (ts != null) {
              for (double to : ts) {
                if (Math.abs(to - t - off) <= 0.15) {
                  full[0]++;

                  break;
                }
              }
            }
          });
      System.out.printf(
          "   original: %.1f s, %d landmarks, %d postings; postings the clip hits at its true"
              + " offset: %d%n",
          original.durationS(), original.landmarks(), ot[0], full[0]);
      if (full[0] == 0 && Boolean.getBoolean("lmk")) {
        StringBuilder b = new StringBuilder("   clip lmk (orig time):");
        for (int i = 0; i < s.landmarks(); i++) {
          b.append(
              String.format(
                  " %.2f/%d/%d",
                  s.landmarkTimeS(i) + off, s.landmarkCode(i), s.landmarkAmplitude(i)));
        }
        b.append("\n   orig lmk in span:");
        for (int i = 0; i < original.landmarks(); i++) {
          double t = original.landmarkTimeS(i);
          if (t >= off - 0.3 && t <= off + s.durationS() + 0.3) {
            b.append(
                String.format(
                    " %.2f/%d/%d", t, original.landmarkCode(i), original.landmarkAmplitude(i)));
          }
        }
        System.out.println(b);
      }
      String cause;
      String corr = "-";
      String overlap = "-";
      String contains = "-";
      if (mine == null) {
        cause = "no vote";
      } else if (mine.votes() < config.minVotes()) {
        cause = "votes<min";
      } else if (rank > config.maxCandidates()) {
        cause = "rank>max";
      } else {
        CoarseTrajectory stored = index.coarseOf(e);
        AlignedCorrelation.Alignment a =
            AlignedCorrelation.align(s.coarse(), stored, mine.offsetS(), -2);
        corr = String.format("%.5f", a.correlation());
        overlap = String.format("%.2f", a.overlapS());
        boolean c =
            a.overlapS() >= config.wholeCoverage() * Math.min(s.coarse().spanS(), stored.spanS());
        contains = String.valueOf(c);
        cause =
            a.correlation() < threshold
                ? "corr"
                : a.overlapS() < config.minOverlapS() ? "overlap" : !c ? "contain" : "other";
      }
      System.out.printf(
          "%s | %s | %.2f | %d | %d | %d | %s | %d | %d | %s | %s | %s | %s | off %.2f exp %.2f%n",
          q.transform(),
          q.log(),
          s.durationS(),
          s.landmarks(),
          qh[0],
          it[0],
          mine == null ? "0" : mine.votes() + "@" + String.format("%.1f", mine.offsetS()),
          rank,
          bestOther,
          corr,
          overlap,
          contains,
          cause,
          mine == null ? Double.NaN : mine.offsetS(),
          q.expectedOffsetS());
    }
  }
}
