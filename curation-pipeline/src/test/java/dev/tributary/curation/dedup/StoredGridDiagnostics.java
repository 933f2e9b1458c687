package dev.tributary.curation.dedup;

import dev.tributary.curation.bench.DedupEvaluation;
import dev.tributary.curation.bench.RealTakes;
import dev.tributary.curation.bench.SimTakes;
import dev.tributary.curation.bench.Transforms;
import java.nio.file.Files;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Issue 16, rounds 11 and 12 read after the eighth round (diagnosis only): what the confirmation
 * would measure if a clip's coarse copy were drawn on the stored copy's own sample times (its rate,
 * the grid shifted by the true offset) instead of at the clip's own rate. For each original (first
 * half of each dataset of {@code -Dtributary.realHeldOutData=DIR}) and one exact trim (args: head
 * and tail fractions, default 0.25 0.20; a third arg, a rate in Hz, also resamples the clip by the
 * benchmark's Catmull-Rom resample, seed fixed), prints the stored copy's rate and the correlation
 * at the true offset (aligned as the index aligns) of the clip's own copy and of the copy on the
 * stored grid. The clip on the stored grid is the clip cut at the sample nearest the first stored
 * sample time inside it and at the one nearest a whole number of stored steps later, sketched with
 * as many samples as that span holds at the stored rate (rate error under 0.1 %, phase error under
 * half a source step). Not a test: run its main on the test classpath.
 */
public final class StoredGridDiagnostics {
  private StoredGridDiagnostics() {}

  public static void main(String[] args) throws Exception {
    double head = args.length > 0 ? Double.parseDouble(args[0]) : 0.25;
    double tail = args.length > 1 ? Double.parseDouble(args[1]) : 0.20;
    double resampleHz = args.length > 2 ? Double.parseDouble(args[2]) : 0;
    DedupEvaluation.Corpus c = RealTakes.loadHeldOut(Files.createTempDirectory("stored-grid"));
    System.out.println(
        "episode | length s | stored Hz | clip s | own Hz | corr own (joints) | corr on stored grid"
            + " (joints)");
    int n = 0;
    int ownBelow = 0;
    int gridBelow = 0;
    int ownBelowStrict = 0;
    int gridBelowStrict = 0;
    for (List<SimTakes.Take> site : c.sites()) {
      for (SimTakes.Take o : site.subList(0, Math.max(1, site.size() / 2))) {
        Transforms.Edited e = Transforms.trim(o.trajectory(), head, tail);
        Trajectory clip = e.trajectory();
        double off = e.trimStartS();
        if (resampleHz > 0) {
          clip = Transforms.resample(clip, resampleHz, new SplittableRandom(n + 1)).trajectory();
          off += clip.timeS(0) - e.trajectory().timeS(0);
        }
        clip = fromZero(clip, 0, clip.samples() - 1);
        CoarseTrajectory stored =
            TrajectorySketcher.coarseCopy(o.trajectory(), CoarseTrajectory.MAX_SAMPLES);
        CoarseTrajectory own = TrajectorySketcher.coarseCopy(clip, CoarseTrajectory.MAX_SAMPLES);
        double r = stored.rateHz();
        double firstStored = Math.ceil(off * r - 1e-9) / r - off;
        int a = nearest(clip, firstStored);
        int steps = (int) Math.floor((clip.durationS() - clip.timeS(a)) * r);
        int b = nearest(clip, clip.timeS(a) + steps / r);
        Trajectory cut = fromZero(clip, a, b);
        CoarseTrajectory onGrid =
            TrajectorySketcher.coarseCopy(cut, (int) Math.round(cut.durationS() * r) + 1);
        AlignedCorrelation.Alignment x = AlignedCorrelation.align(own, stored, off, -2);
        AlignedCorrelation.Alignment y =
            AlignedCorrelation.align(onGrid, stored, off + clip.timeS(a), -2);
        n++;
        ownBelow += x.correlation() < 0.9985 ? 1 : 0;
        gridBelow += y.correlation() < 0.9985 ? 1 : 0;
        ownBelowStrict += x.correlation() < 0.99986 ? 1 : 0;
        gridBelowStrict += y.correlation() < 0.99986 ? 1 : 0;
        System.out.printf(
            "%s | %.1f | %.2f | %.1f | %.2f | %.5f (%d) | %.5f (%d, %.3f Hz)%n",
            o.episodeId(),
            o.trajectory().durationS(),
            r,
            clip.durationS(),
            own.rateHz(),
            x.correlation(),
            x.joints(),
            y.correlation(),
            y.joints(),
            onGrid.rateHz());
      }
    }
    System.out.printf(
        "%d originals, trim head %.2f tail %.2f%s: own copy under 0.9985 %d, under 0.99986 %d;"
            + " on the stored grid under 0.9985 %d, under 0.99986 %d%n",
        n,
        head,
        tail,
        resampleHz > 0 ? ", resampled to " + resampleHz + " Hz" : "",
        ownBelow,
        ownBelowStrict,
        gridBelow,
        gridBelowStrict);
  }

  private static int nearest(Trajectory t, double timeS) {
    int best = 0;
    for (int i = 1; i < t.samples(); i++) {
      if (Math.abs(t.timeS(i) - timeS) < Math.abs(t.timeS(best) - timeS)) {
        best = i;
      }
    }
    return best;
  }

  private static Trajectory fromZero(Trajectory t, int from, int to) {
    int n = to - from + 1;
    double[][] values = new double[n][t.joints()];
    double[] times = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < t.joints(); j++) {
        values[i][j] = t.value(from + i, j);
      }
      times[i] = t.timeS(from + i) - t.timeS(from);
    }
    return new Trajectory(values, times);
  }
}
