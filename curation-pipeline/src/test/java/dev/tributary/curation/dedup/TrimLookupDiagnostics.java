package dev.tributary.curation.dedup;

import dev.tributary.curation.bench.DedupEvaluation;
import dev.tributary.curation.bench.RealTakes;
import dev.tributary.curation.bench.SimTakes;
import dev.tributary.curation.bench.Transforms;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 16, round 7 read (diagnosis only): why a trimmed copy of a held-out take finds no votes.
 * For each original of the held-out folder ({@code -Dtributary.realHeldOutData=DIR}, first half of
 * each site) and a fixed trim (args: head and tail fractions, default 0.35 0.30), prints the
 * landmarks of the original inside the clip and how many the clip keeps, the original's triplets
 * (all, and the postings it keeps) anchored inside the clip, and how many of those the clip's query
 * hashes hit at the true offset. Not a test: run its main on the test classpath.
 */
public final class TrimLookupDiagnostics {
  private TrimLookupDiagnostics() {}

  public static void main(String[] args) throws Exception {
    double head = args.length > 0 ? Double.parseDouble(args[0]) : 0.35;
    double tail = args.length > 1 ? Double.parseDouble(args[1]) : 0.30;
    DedupEvaluation.Corpus c = RealTakes.loadHeldOut(Files.createTempDirectory("trim-lookup"));
    System.out.println(
        "take | s | landmarks orig in clip / kept by clip | orig triplets (all) | postings"
            + " (kept) | postings anchored in clip / all-in-clip hit | all triplets in clip / hit");
    for (List<SimTakes.Take> site : c.sites()) {
      for (SimTakes.Take o : site.subList(0, Math.max(1, site.size() / 2))) {
        Trajectory t = o.trajectory();
        Transforms.Edited e = Transforms.trim(t, head, tail);
        double off = e.trimStartS();
        TrajectorySketch so = TrajectorySketch.of(t, o.jointNames());
        TrajectorySketch sc = TrajectorySketch.of(e.trajectory(), o.jointNames());
        double len = sc.durationS();
        int inClip = 0;
        int kept = 0;
        for (int i = 0; i < so.landmarks(); i++) {
          double tt = so.landmarkTimeS(i) - off;
          if (tt < 0.3 || tt > len - 0.3) {
            continue;
          }
          inClip++;
          for (int k = 0; k < sc.landmarks(); k++) {
            if (sc.landmarkCode(k) == so.landmarkCode(i)
                && Math.abs(sc.landmarkTimeS(k) - tt) <= 0.03) {
              kept++;
              break;
            }
          }
        }
        Map<Integer, List<Double>> query = new HashMap<>();
        LandmarkHashes.forQuery(
            sc, false, (h, tq) -> query.computeIfAbsent(h, k -> new ArrayList<>()).add(tq));
        int[] post = new int[3];
        LandmarkHashes.forIndex(
            so,
            (h, to) -> {
              post[0]++;
              if (to >= off && to <= off + len) {
                post[1]++;
                if (hits(query, h, to - off)) {
                  post[2]++;
                }
              }
            });
        int[] all = new int[3];
        LandmarkHashes.indexTriplets(
            so,
            (h, to) -> {
              all[0]++;
              if (to >= off && to <= off + len) {
                all[1]++;
                if (hits(query, h, to - off)) {
                  all[2]++;
                }
              }
            });
        System.out.printf(
            "%s | %.1f/%.1f | %d / %d | %d | %d | %d / %d | %d / %d%n",
            o.episodeId(),
            len,
            so.durationS(),
            inClip,
            kept,
            all[0],
            post[0],
            post[1],
            post[2],
            all[1],
            all[2]);
      }
    }
  }

  private static boolean hits(Map<Integer, List<Double>> query, int h, double t) {
    List<Double> ts = query.get(h);
    return ts != null && ts.stream().anyMatch(x -> Math.abs(x - t) <= 0.15);
  }
}
