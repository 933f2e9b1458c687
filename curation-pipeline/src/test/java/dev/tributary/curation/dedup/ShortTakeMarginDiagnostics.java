package dev.tributary.curation.dedup;

import dev.tributary.curation.bench.DedupEvaluation;
import dev.tributary.curation.bench.DedupEvaluation.Query;
import dev.tributary.curation.bench.RealTakes;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Issue 16, ninth round (round 14 read): every wrong match that the held-out folder's queries
 * ({@code -Dtributary.realHeldOutData=DIR}, alone in a permissive index, the benchmark's draws;
 * arg: copies per original) reach at a correlation of at least 0.9, strongest first, marked SHORT
 * when the shorter coarse span is under {@code minOverlapS / wholeCoverage} (where the minimum
 * overlap now scales with the episode): how far the hard negatives of short takes stay from the
 * bar. Not a test: run its main on the test classpath.
 */
public final class ShortTakeMarginDiagnostics {
  private ShortTakeMarginDiagnostics() {}

  public static void main(String[] a) throws Exception {
    int copies = a.length > 0 ? Integer.parseInt(a[0]) : 1;
    DedupEvaluation.Corpus c =
        RealTakes.loadHeldOut(Files.createTempDirectory("sm")).withCopiesPerOriginal(copies);
    NearDuplicateIndex index = DedupEvaluation.permissiveIndex();
    List<Query> qs =
        DedupEvaluation.run(new DedupEvaluation.Split("test", 12, 8, 8), List.of(c), index);
    NearDuplicateConfig rule = NearDuplicateConfig.defaults();
    List<String> lines = new ArrayList<>();
    int shortWrong = 0, longWrong = 0;
    for (Query q : qs) {
      for (NearDuplicateMatch m : q.found()) {
        if (q.expected().contains(m.originalEpisodeId())) continue;
        double spanQ = q.sketch().coarse().spanS();
        double spanS = index.coarseOf(index.episodeNumber(m.originalEpisodeId())).spanS();
        boolean isShort = Math.min(spanQ, spanS) < rule.minOverlapS() / rule.wholeCoverage();
        if (isShort) shortWrong++;
        else longWrong++;
        lines.add(
            String.format(
                "%.5f need %.5f %s %s %s <- %s spans %.2f/%.2f overlap %.2f votes %d %s",
                m.correlation(),
                rule.requiredCorrelation(m),
                isShort ? "SHORT" : "long",
                m.sameUnits() ? "=" : "~",
                q.transform(),
                m.originalEpisodeId(),
                spanQ,
                spanS,
                m.overlapS(),
                m.votes(),
                q.log()));
      }
    }
    lines.sort(Comparator.reverseOrder());
    lines.stream().limit(40).forEach(System.out::println);
    System.out.println(
        "wrong matches in the permissive index: short " + shortWrong + ", long " + longWrong);
  }
}
