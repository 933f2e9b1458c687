package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.bench.Transforms;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, round 14's resampled copies: a short take whose other postings are many still gets the
 * peaks-and-corners postings of {@link ShortTakeLandmarks}, and a resampled copy of it is found by
 * the first pass. Modelled on round 14's {@code planar-bottom-up/episode-21}: a 1.33 s take, three
 * joints with one move each, the fourth out and partly back, its weaker return peak 0.3 s from the
 * end, where a resample (which starts the copy up to one sample late and ends it up to one sample
 * early) drops it from the copy's landmarks, and with it the take's three-moment triplets.
 */
class ShortTakeResampleTest {
  /** Per joint: move centre (s), amplitude (deg), duration (s), repeated per move. */
  private static final double[][] MOVES = {
    {0.71, -10, 0.4}, {0.76, -25, 0.4}, {0.39, 14, 0.4}, {0.37, 30, 0.4, 1.02, -12, 0.3}
  };

  private static final double DURATION_S = 1.33;

  /** A 100 Hz take of {@link #MOVES}: smooth steps, a little sensor noise. */
  private static Trajectory take() {
    SplittableRandom random = new SplittableRandom(7);
    int n = (int) Math.round(DURATION_S * 100) + 1;
    double[] times = new double[n];
    double[][] values = new double[n][MOVES.length];
    for (int i = 0; i < n; i++) {
      double t = i * 0.01;
      times[i] = t;
      for (int j = 0; j < MOVES.length; j++) {
        double v = 20 + 10 * j;
        for (int k = 0; k < MOVES[j].length; k += 3) {
          double s = Math.max(0, Math.min(1, (t - MOVES[j][k]) / MOVES[j][k + 2] + 0.5));
          v += MOVES[j][k + 1] * s * s * s * (10 - 15 * s + 6 * s * s);
        }
        values[i][j] = v + 0.002 * random.nextGaussian();
      }
    }
    return new Trajectory(values, times);
  }

  @Test
  void aShortTakeWithManyOtherPostingsStillGetsPeaksAndCornersTogether() {
    TrajectorySketch original = TrajectorySketch.of(take());
    int shortTake = ShortTakeLandmarks.index(original, (h, t) -> {});
    int all = LandmarkHashes.forIndex(original, (h, t) -> {});

    // round 14's gate stored these only for a take with fewer than 8 other postings
    assertThat(all - shortTake).as("other postings").isGreaterThanOrEqualTo(8);
    assertThat(shortTake).isPositive();
  }

  @Test
  void resampledCopiesOfAShortTakeWithManyOtherPostingsAreFoundByTheFirstPass() {
    Trajectory take = take();
    int copies = 0;
    int found = 0;
    for (int seed = 0; seed < 8; seed++) {
      for (double rateHz : new double[] {15, 25}) {
        NearDuplicateIndex index = new NearDuplicateIndex();
        index.add("original", TrajectorySketch.of(take));
        Transforms.Edited copy = Transforms.resample(take, rateHz, new SplittableRandom(seed));

        boolean first =
            index.find(TrajectorySketch.of(copy.trajectory())).isPresent()
                && index.twoMomentPasses() == 0;

        copies++;
        found += first ? 1 : 0;
      }
    }
    // without the peaks-and-corners postings 3 of the 16 were found by the first pass
    assertThat(found).as("copies found by the first pass").isEqualTo(copies);
  }
}
