package dev.tributary.curation.dedup;

import dev.tributary.curation.bench.DedupEvaluation;
import dev.tributary.curation.bench.MotionFamilies;
import dev.tributary.curation.bench.RealTakes;
import dev.tributary.curation.bench.SimTakes;
import dev.tributary.curation.bench.Transforms;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Issue 16, ninth round: per dataset (a site of the real corpora, or a synthetic family), the share
 * of each moving joint's variance that its {@link CoarseTrajectory#redrawVar} is (what {@link
 * AlignedCorrelation#REDRAW_MARGIN} credits a joint whose overlap is the whole take), over the
 * takes as recorded and over 15 Hz Catmull-Rom resamples of them (the benchmark's lowest resample
 * rate). Prints the median and the largest share per dataset, and how many moving joints have a
 * share over 1e-4. Real data from {@code -Dtributary.realData} and {@code
 * -Dtributary.realHeldOutData}; synthetic families on the tune split (args: family names, or none).
 */
public final class RedrawDiagnostics {
  private RedrawDiagnostics() {}

  public static void main(String[] args) throws Exception {
    List<DedupEvaluation.Corpus> corpora = new ArrayList<>();
    var temp = Files.createTempDirectory("redraw-diag");
    DedupEvaluation.Corpus real = RealTakes.load(temp);
    if (real != null) {
      corpora.add(real);
    }
    DedupEvaluation.Corpus held = RealTakes.loadHeldOut(temp);
    if (held != null) {
      corpora.add(held);
    }
    List<MotionFamilies.Family> families = new ArrayList<>();
    for (String a : args) {
      families.add(MotionFamilies.Family.valueOf(a));
    }
    corpora.addAll(DedupEvaluation.generate(new DedupEvaluation.Split("tune", 12, 8, 8), families));
    for (DedupEvaluation.Corpus c : corpora) {
      for (List<SimTakes.Take> site : c.sites()) {
        if (site.isEmpty()) {
          continue;
        }
        String name = c.family() + " " + site.get(0).siteId();
        report(name, site, false);
        report(name + " @15Hz", site, true);
        if (c.family().equals("REAL") || c.family().equals("REAL_HELDOUT")) {
          continue;
        }
      }
    }
  }

  private static void report(String name, List<SimTakes.Take> takes, boolean resample) {
    List<Double> shares = new ArrayList<>();
    double rate = 0;
    for (SimTakes.Take take : takes) {
      Trajectory t = take.trajectory();
      if (resample) {
        t = Transforms.resample(t, 15, new SplittableRandom(take.seed())).trajectory();
      }
      rate = t.rateHz();
      CoarseTrajectory c = TrajectorySketch.of(t).coarse();
      for (int j = 0; j < c.joints(); j++) {
        if (c.motionRatio(j) < AlignedCorrelation.MIN_MOTION_RATIO || c.samples() < 4) {
          continue;
        }
        double s = 0, ss = 0;
        for (int i = 0; i < c.samples(); i++) {
          s += c.code(j, i);
          ss += c.code(j, i) * (double) c.code(j, i);
        }
        double var = ss / c.samples() - (s / c.samples()) * (s / c.samples());
        if (var > 4) {
          shares.add(c.redrawVar(j) / var);
        }
      }
    }
    double[] a = shares.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (a.length == 0) {
      return;
    }
    long over = Arrays.stream(a).filter(x -> x > 1e-4).count();
    System.out.printf(
        Locale.ROOT,
        "%-60s %6.1f Hz  joints %4d  median %.2e  p90 %.2e  max %.2e  over 1e-4: %d%n",
        name,
        rate,
        a.length,
        a[a.length / 2],
        a[(int) (0.9 * (a.length - 1))],
        a[a.length - 1],
        over);
  }
}
