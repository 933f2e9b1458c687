package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.bench.Transforms;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, seventh round: a robot that re-runs one scripted skill repeats its trajectory to within
 * a few times its sensor noise, so a new run correlates with an earlier one as well as a copy does;
 * what it does not share is the earlier run's samples.
 */
class ReRunTest {
  private static final double NOISE = 2e-5;

  /**
   * A run of one scripted six-joint motion (the same bells every run), 20 s at 50 Hz, with its own
   * execution (a slow deviation of about ten noise deviations) and sensor noise; on an irregular
   * clock (a ROS header's stamps, steps of 4-36 ms) or a regular one.
   */
  static Trajectory run(long seed, boolean irregularClock) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 1000;
    double[] times = new double[n];
    double[][] values = new double[n][6];
    double phase = random.nextDouble() * 2 * Math.PI;
    for (int i = 0; i < n; i++) {
      times[i] = i * 0.02 + (irregularClock && i > 0 ? 0.016 * (random.nextDouble() - 0.5) : 0);
    }
    for (int i = 0; i < n; i++) {
      double t = times[i];
      for (int j = 0; j < 6; j++) {
        double bells = 0;
        for (int k = 0; k < 4; k++) {
          double centre = 2 + 4.5 * k + 0.3 * j;
          bells += (k % 2 == 0 ? 1 : -0.7) * (0.2 + 0.05 * j) * Math.exp(-sq((t - centre) / 0.9));
        }
        double execution = 10 * NOISE * Math.sin(0.3 * t + phase + j);
        values[i][j] = 0.3 * j + bells + execution + NOISE * random.nextGaussian();
      }
    }
    return new Trajectory(values, times);
  }

  private static double sq(double x) {
    return x * x;
  }

  private static NearDuplicateIndex indexOf(Trajectory... takes) {
    NearDuplicateIndex index = new NearDuplicateIndex(NearDuplicateConfig.defaults());
    for (int i = 0; i < takes.length; i++) {
      index.add("take-" + i, TrajectorySketch.of(takes[i]));
    }
    return index;
  }

  @Test
  void anotherRunOfTheSkillCorrelatesLikeACopyButIsNotOne() {
    Trajectory first = run(1, true);
    Trajectory second = run(2, true);
    CoarseTrajectory a = TrajectorySketch.of(first).coarse();
    CoarseTrajectory b = TrajectorySketch.of(second).coarse();
    // what the coarse copies see: the two runs agree as well as a copy does
    assertThat(AlignedCorrelation.align(b, a, 0, -2).correlation()).isGreaterThan(0.9985);

    NearDuplicateIndex index = indexOf(first);

    assertThat(index.find(TrajectorySketch.of(second))).isEmpty();
    // the copies that keep (or float16-round) the first run's samples are still found
    assertThat(index.find(TrajectorySketch.of(first))).isPresent();
    assertThat(index.find(TrajectorySketch.of(Transforms.trim(first, 0.2, 0.15).trajectory())))
        .isPresent();
    assertThat(index.find(TrajectorySketch.of(Transforms.float16(first).trajectory()))).isPresent();
    assertThat(
            index.find(
                TrajectorySketch.of(
                    Transforms.resample(first, 30, new SplittableRandom(5)).trajectory())))
        .isPresent();
  }

  @Test
  void aCopyOfOneRunIsReportedAsThatRunOnlyNotAsEveryRunOfTheSkill() {
    Trajectory first = run(1, false);
    Trajectory second = run(2, false);
    NearDuplicateIndex index = indexOf(first, second);

    List<NearDuplicateMatch> copyOfFirst =
        index.findAll(TrajectorySketch.of(first), FrameConfirmation.NONE);
    List<NearDuplicateMatch> trimOfSecond =
        index.findAll(
            TrajectorySketch.of(Transforms.trim(second, 0.25, 0.1).trajectory()),
            FrameConfirmation.NONE);

    assertThat(copyOfFirst)
        .extracting(NearDuplicateMatch::originalEpisodeId)
        .containsExactly("take-0");
    assertThat(trimOfSecond)
        .extracting(NearDuplicateMatch::originalEpisodeId)
        .containsExactly("take-1");
  }

  @Test
  void sampleWindowsSurviveTheCoarseCopysBlob() {
    CoarseTrajectory c = TrajectorySketch.of(run(3, true)).coarse();
    CoarseTrajectory read = new CoarseTrajectory(c.blob());

    assertThat(read.windows()).isNotNull();
    assertThat(read.windows().shared(c.windows())).isEqualTo(SampleWindows.K);
    assertThat(SampleWindows.half(1.0001)).isEqualTo(1.0);
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-6, 5));
      double step = Math.scalb(1.0, Math.max(-14, Math.getExponent(v)) - 10);
      assertThat(SampleWindows.half(v)).as("%s", v).isEqualTo(Math.rint(v / step) * step);
    }
  }
}
