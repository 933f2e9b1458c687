package dev.tributary.curation.dedup;

import dev.tributary.curation.bench.DedupEvaluation;
import dev.tributary.curation.bench.DedupEvaluation.Query;
import dev.tributary.curation.bench.RealTakes;
import java.nio.file.Files;
import java.util.List;

/**
 * Issue 16, seventh round (diagnosis): every false pair and every missed pair of the held-out
 * folder ({@code -Dtributary.realHeldOutData=DIR}; args: split, copies, {@code real} for the tuning
 * real data instead) with the two episodes' {@link SampleWindows}: mean rates, windows kept,
 * windows shared. Not a test: run its main on the test classpath.
 */
public final class SampleWindowDiagnostics {
  private SampleWindowDiagnostics() {}

  public static void main(String[] args) throws Exception {
    String split = args.length > 0 ? args[0] : "tune";
    int copies = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    boolean real = args.length > 2 && args[2].equals("real");
    DedupEvaluation.Corpus c =
        (real
                ? RealTakes.load(Files.createTempDirectory("windows"))
                : RealTakes.loadHeldOut(Files.createTempDirectory("windows")))
            .withCopiesPerOriginal(copies);
    java.util.Map<String, Double> rates = new java.util.HashMap<>();
    c.sites().forEach(site -> site.forEach(t -> rates.put(t.episodeId(), t.trajectory().rateHz())));
    NearDuplicateIndex index = DedupEvaluation.permissiveIndex();
    List<Query> queries =
        DedupEvaluation.run(new DedupEvaluation.Split(split, 12, 8, 8), List.of(c), index);
    NearDuplicateConfig rule = NearDuplicateConfig.defaults();
    for (Query q : queries) {
      for (String expected : q.expected()) {
        boolean found =
            q.found().stream()
                .anyMatch(
                    m ->
                        m.originalEpisodeId().equals(expected)
                            && m.correlation() >= rule.requiredCorrelation(m));
        if (!found) {
          CoarseTrajectory stored = index.coarseOf(index.episodeNumber(expected));
          SampleWindows qw = q.sketch().coarse().windows();
          SampleWindows sw = stored.windows();
          System.out.printf(
              "MISS %s %s %s: rates %.6f/%.6f query %s; stored %s; shared %d%n",
              q.transform(),
              q.log(),
              expected,
              q.sketch().rateHz(),
              rates.getOrDefault(expected, -1.0),
              qw,
              sw,
              qw == null || sw == null ? -1 : qw.shared(sw));
        }
      }
      for (NearDuplicateMatch m : q.found()) {
        if (m.correlation() < rule.requiredCorrelation(m)
            || q.expected().contains(m.originalEpisodeId())) {
          continue;
        }
        CoarseTrajectory stored = index.coarseOf(index.episodeNumber(m.originalEpisodeId()));
        SampleWindows qw = q.sketch().coarse().windows();
        SampleWindows sw = stored.windows();
        System.out.printf(
            "FALSE %s %s -> %s: corr %.5f same %s overlap %.1f of %.1f/%.1f rates %.2f/%s;"
                + " query %s; stored %s; shared %d%n",
            q.transform(),
            q.expected().isEmpty() ? "(new)" : q.expected().iterator().next(),
            m.originalEpisodeId(),
            m.correlation(),
            m.sameUnits(),
            m.overlapS(),
            q.sketch().coarse().spanS(),
            stored.spanS(),
            q.sketch().rateHz(),
            m.kind(),
            qw,
            sw,
            qw == null || sw == null ? -1 : qw.shared(sw));
      }
    }
  }
}
