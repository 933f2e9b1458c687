package dev.tributary.curation.dedup;

import dev.tributary.curation.bench.DedupEvaluation;
import dev.tributary.curation.bench.DedupEvaluation.Query;
import dev.tributary.curation.bench.MotionFamilies;
import dev.tributary.curation.bench.RealTakes;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Issue 16, ninth round: how close the wrong matches come to the rule. The benchmark's test split
 * (families given as args, plus the held-out folder of {@code -Dtributary.realHeldOutData=DIR},
 * {@code -Dcopies=N} draws) in a permissive index; for every match of a query with a take it does
 * not copy, its correlation less the correlation the default rule requires of it. Prints the three
 * highest margins per family (per dataset of the matched take for real corpora) (a margin of 0 or
 * more is a false pair). Not a test: run its main on the test classpath.
 */
public final class NearMissNegativesDiagnostics {
  private NearMissNegativesDiagnostics() {}

  record Near(
      String family,
      String transform,
      String query,
      String matched,
      double corr,
      double margin,
      boolean sameUnits) {}

  public static void main(String[] args) throws Exception {
    List<MotionFamilies.Family> families = new ArrayList<>();
    for (String a : args) {
      families.add(MotionFamilies.Family.valueOf(a));
    }
    List<DedupEvaluation.Corpus> real = new ArrayList<>();
    DedupEvaluation.Corpus h = RealTakes.loadHeldOut(Files.createTempDirectory("near-miss"));
    if (h != null) {
      real.add(h.withCopiesPerOriginal(Integer.getInteger("copies", 1)));
    }
    List<Query> queries =
        DedupEvaluation.run(new DedupEvaluation.Split("test", 12, 8, 8), families, real);
    NearDuplicateConfig rule = NearDuplicateConfig.defaults();
    List<Near> near = new ArrayList<>();
    for (Query q : queries) {
      for (NearDuplicateMatch m : q.found()) {
        if (q.expected().contains(m.originalEpisodeId())) {
          continue;
        }
        near.add(
            new Near(
                q.family(),
                String.valueOf(q.transform()),
                q.expected().isEmpty() ? "(new take)" : q.expected().iterator().next(),
                m.originalEpisodeId(),
                m.correlation(),
                m.correlation() - rule.requiredCorrelation(m),
                m.sameUnits()));
      }
    }
    near.sort(Comparator.comparingDouble(Near::margin).reversed());
    java.util.Map<String, Integer> shown = new java.util.HashMap<>();
    for (Near n : near) {
      // Per family, and per dataset of the matched take for the real ones.
      String key = n.family().startsWith("REAL") ? n.matched().replaceAll("/.*", "") : n.family();
      if (shown.merge(key, 1, Integer::sum) > 3) {
        continue;
      }
      System.out.printf(
          Locale.ROOT,
          "%-13s %-20s margin %+.5f corr %.5f sameUnits %s  %s -> %s%n",
          n.family(),
          n.transform(),
          n.margin(),
          n.corr(),
          n.sameUnits(),
          n.query(),
          n.matched());
    }
  }
}
