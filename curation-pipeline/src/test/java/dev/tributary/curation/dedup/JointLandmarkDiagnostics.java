package dev.tributary.curation.dedup;

import dev.tributary.curation.bench.DedupEvaluation;
import dev.tributary.curation.bench.RealTakes;
import dev.tributary.curation.bench.SimTakes;
import dev.tributary.curation.bench.Transforms;
import java.nio.file.Files;
import java.util.List;

/**
 * Issue 16, round 10 read (diagnosis only): per joint of each held-out original (first half of each
 * site, {@code -Dtributary.realHeldOutData=DIR}), its quantisation levels and motion ratio, how
 * many velocity-peak landmarks it makes, and how many of them a fixed trim (args: head and tail
 * fractions, default 0.25 0.20) keeps within 30 ms; the original's postings anchored in the clip,
 * how many end inside it, how many of those the clip's query hashes hit at the true offset, and how
 * many triplets would be hit had every triplet been kept as a posting; then the totals (landmarks
 * by whether the joint spans at least {@link AlignedCorrelation#MIN_LEVELS} steps). A third
 * argument, an episode id, also lists that original's and its clip's landmarks. Not a test: run its
 * main on the test classpath.
 */
public final class JointLandmarkDiagnostics {
  private JointLandmarkDiagnostics() {}

  public static void main(String[] args) throws Exception {
    double head = args.length > 0 ? Double.parseDouble(args[0]) : 0.25;
    double tail = args.length > 1 ? Double.parseDouble(args[1]) : 0.20;
    DedupEvaluation.Corpus c = RealTakes.loadHeldOut(Files.createTempDirectory("joint-landmarks"));
    long[] coarseIn = new long[2];
    long[] coarseKept = new long[2];
    long[] coarseAll = new long[2];
    long[] clipAll = new long[2];
    long[] postings = new long[5];
    System.out.println(
        "take | s | per joint: levels, ratio, landmarks all / in clip / kept, clip's");
    for (List<SimTakes.Take> site : c.sites()) {
      for (SimTakes.Take o : site.subList(0, Math.max(1, site.size() / 2))) {
        Trajectory t = o.trajectory();
        Transforms.Edited e = Transforms.trim(t, head, tail);
        double off = e.trimStartS();
        TrajectorySketch so = TrajectorySketch.of(t, o.jointNames());
        TrajectorySketch sc = TrajectorySketch.of(e.trajectory(), o.jointNames());
        double len = sc.durationS();
        StringBuilder b = new StringBuilder();
        if (args.length > 2 && o.episodeId().equals(args[2])) {
          for (int i = 0; i < so.landmarks(); i++) {
            System.out.printf(
                "  orig %.4f (clip %.4f) j%d%s a%d%n",
                so.landmarkTimeS(i),
                so.landmarkTimeS(i) - off,
                so.landmarkCode(i) / 2,
                so.landmarkCode(i) % 2 == 0 ? "+" : "-",
                so.landmarkAmplitude(i));
          }
          for (int k = 0; k < sc.landmarks(); k++) {
            System.out.printf(
                "  clip %.4f j%d%s a%d%n",
                sc.landmarkTimeS(k),
                sc.landmarkCode(k) / 2,
                sc.landmarkCode(k) % 2 == 0 ? "+" : "-",
                sc.landmarkAmplitude(k));
          }
        }
        for (int j = 0; j < so.joints(); j++) {
          int all = 0;
          int in = 0;
          int kept = 0;
          int clip = 0;
          for (int k = 0; k < sc.landmarks(); k++) {
            if (sc.landmarkCode(k) / 2 == j) {
              clip++;
            }
          }
          for (int i = 0; i < so.landmarks(); i++) {
            if (so.landmarkCode(i) / 2 != j) {
              continue;
            }
            all++;
            double tt = so.landmarkTimeS(i) - off;
            if (tt < 0.3 || tt > len - 0.3) {
              continue;
            }
            in++;
            for (int k = 0; k < sc.landmarks(); k++) {
              if (sc.landmarkCode(k) == so.landmarkCode(i)
                  && Math.abs(sc.landmarkTimeS(k) - tt) <= 0.03) {
                kept++;
                break;
              }
            }
          }
          int lv = so.coarse().levels(j);
          int coarse = lv < AlignedCorrelation.MIN_LEVELS ? 1 : 0;
          coarseIn[coarse] += in;
          coarseKept[coarse] += kept;
          coarseAll[coarse] += all;
          clipAll[coarse] += clip;
          b.append(
              String.format(
                  " j%d L%d r%d %d/%d/%d c%d;",
                  j, lv, so.coarse().motionRatio(j), all, in, kept, clip));
        }
        // The original's postings anchored in the clip: how many end inside it, how many of those
        // the clip's query hashes hit at the true offset (within 0.15 s).
        java.util.Map<Long, Double> spans = new java.util.HashMap<>();
        LandmarkHashes.ownTriplets(
            so,
            false,
            0,
            (h, ta, span, weakest, own) ->
                spans.put(((long) h << 32) ^ Float.floatToIntBits((float) ta), span));
        java.util.Map<Integer, List<Double>> query = new java.util.HashMap<>();
        LandmarkHashes.forQuery(
            sc,
            false,
            (h, tq) -> query.computeIfAbsent(h, k -> new java.util.ArrayList<>()).add(tq));
        int[] post = new int[4];
        LandmarkHashes.forIndex(
            so,
            (h, to) -> {
              if (to < off || to > off + len) {
                return;
              }
              post[0]++;
              Double span = spans.get(((long) h << 32) ^ Float.floatToIntBits((float) to));
              boolean inside = span != null && to + span <= off + len;
              List<Double> ts = query.get(h);
              boolean hit =
                  ts != null && ts.stream().anyMatch(x -> Math.abs(x - (to - off)) <= 0.15);
              if (inside) {
                post[1]++;
                post[2] += hit ? 1 : 0;
              } else if (span == null) {
                post[3]++;
              }
            });
        // The same, had the original kept every triplet as a posting (no budget).
        int[] every = new int[1];
        LandmarkHashes.allOwn(
            so,
            false,
            0,
            (h, to) -> {
              List<Double> ts = query.get(h);
              if (to >= off
                  && to <= off + len
                  && ts != null
                  && ts.stream().anyMatch(x -> Math.abs(x - (to - off)) <= 0.15)) {
                every[0]++;
              }
            });
        if (post[2] < 2) {
          postings[3]++;
          postings[4] += every[0] >= 2 ? 1 : 0;
        }
        postings[0] += post[0];
        postings[1] += post[1];
        postings[2] += post[2];
        System.out.printf(
            "%s | %.1f/%.1f | postings anchored in clip %d, ending in it %d, hit %d (corner/unknown %d);"
                + " every triplet kept: hit %d |%s%n",
            o.episodeId(), len, so.durationS(), post[0], post[1], post[2], post[3], every[0], b);
      }
    }
    System.out.printf(
        "postings anchored in clips %d, ending inside %d, of those hit %d; clips with < 2 hits %d,"
            + " of which >= 2 if every triplet were kept %d%n",
        postings[0], postings[1], postings[2], postings[3], postings[4]);
    for (int k = 0; k < 2; k++) {
      System.out.printf(
          "%s: landmarks in originals %d, in clips' span %d, kept %d; clips' landmarks %d%n",
          k == 1 ? "joints under MIN_LEVELS" : "joints at/above MIN_LEVELS",
          coarseAll[k],
          coarseIn[k],
          coarseKept[k],
          clipAll[k]);
    }
  }
}
