package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.curation.bench.Transforms;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, third round: copies of long, many-joint real takes are confirmed although some of their
 * joints barely move (a still joint flipping between two encoder values, a hand reporting
 * thousandths over a range of 30, joints whose travel is a few float16 steps at their magnitude).
 * The take below has the shape of the benchmark's real G1 and Reachy takes; before, a float16 round
 * trip of it was not confirmed (those joints correlated far below the threshold with their own
 * copies), and a trimmed copy was judged to be in other units.
 */
class RealTakeConfirmationTest {
  private static final int RATE_HZ = 30;

  /** 40 s, 20 joints: 12 arm joints moving through waypoints, 5 hand joints, 3 nearly still. */
  static Trajectory longRealLikeTake(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 40 * RATE_HZ;
    int joints = 20;
    double[][] values = new double[n][joints];
    double[] times = new double[n];
    for (int i = 0; i < n; i++) {
      times[i] = i / (double) RATE_HZ;
    }
    for (int j = 0; j < joints; j++) {
      double base = 0.8 + 1.2 * r.nextDouble();
      double amplitude =
          j < 12 ? 0.2 + 0.5 * r.nextDouble() : j < 17 ? 0.03 : j < 19 ? 0.012 : 0.0016;
      double[] path = waypointPath(r, n, j < 17 ? 14 : 4);
      for (int i = 0; i < n; i++) {
        double v = base + amplitude * path[i];
        if (j >= 12 && j < 17) {
          v = Math.round(v * 1000) / 1000.0; // a hand reporting thousandths
        } else if (j == 19) {
          v = base + (r.nextDouble() < 0.03 ? 0.0016 : 0); // a still joint flipping one step
        }
        values[i][j] = (float) v;
      }
    }
    return new Trajectory(values, times);
  }

  /** Minimum-jerk moves between random waypoints in [0, 1], with holds between them. */
  private static double[] waypointPath(SplittableRandom r, int n, int moves) {
    double[] out = new double[n];
    double from = r.nextDouble();
    int segment = n / moves;
    for (int m = 0; m < moves; m++) {
      double to = r.nextDouble();
      int start = m * segment;
      int hold = (int) (segment * (0.2 + 0.4 * r.nextDouble()));
      for (int i = start; i < Math.min(n, start + segment); i++) {
        double s = Math.max(0, Math.min(1, (i - start - hold) / (double) (segment - hold)));
        out[i] = from + (to - from) * s * s * s * (10 - 15 * s + 6 * s * s);
      }
      from = to;
    }
    for (int i = moves * segment; i < n; i++) {
      out[i] = from;
    }
    return out;
  }

  private static NearDuplicateIndex indexOf(Trajectory... takes) {
    NearDuplicateIndex index = new NearDuplicateIndex();
    for (int k = 0; k < takes.length; k++) {
      index.add("take-" + k, TrajectorySketch.of(takes[k]));
    }
    return index;
  }

  @Test
  void aFloat16RoundTripOfALongManyJointTakeIsADuplicate() {
    for (long seed = 1; seed <= 3; seed++) {
      Trajectory original = longRealLikeTake(seed);
      NearDuplicateIndex index = indexOf(original, longRealLikeTake(seed + 100));

      List<NearDuplicateMatch> matches =
          index.findAll(
              TrajectorySketch.of(Transforms.float16(original).trajectory()),
              FrameConfirmation.NONE);

      assertThat(matches).as("seed %d", seed).hasSize(1);
      assertThat(matches.get(0).originalEpisodeId()).isEqualTo("take-0");
      assertThat(matches.get(0).kind()).isEqualTo(NearDuplicateMatch.Kind.DUPLICATE);
    }
  }

  @Test
  void aTrimmedCopyOfJointsThatMoveLittleAroundALargeValueKeepsItsUnits() {
    Trajectory original = longRealLikeTake(7);
    NearDuplicateIndex index = indexOf(original);
    for (long seed = 1; seed <= 4; seed++) {
      Transforms.Edited trimmed = Transforms.trim(original, new SplittableRandom(seed));

      List<NearDuplicateMatch> matches =
          index.findAll(TrajectorySketch.of(trimmed.trajectory()), FrameConfirmation.NONE);

      assertThat(matches).as(trimmed.log()).hasSize(1);
      assertThat(matches.get(0).sameUnits()).as(trimmed.log()).isTrue();
      assertThat(matches.get(0).offsetS()).isCloseTo(trimmed.trimStartS(), within(0.05));
    }
  }

  @Test
  void aTakeWhoseJointsAllSpanFewEncoderStepsStillMatchesItsCopies() {
    // Every joint quantised to 1/60 of its range (a coarse encoder and short moves): below
    // MIN_LEVELS everywhere, so confirmation compares the moving joints as before the levels.
    Trajectory t = dev.tributary.curation.bench.SimTakes.record("porto", 4, 12, 30).trajectory();
    double[][] values = new double[t.samples()][t.joints()];
    double[] times = new double[t.samples()];
    for (int j = 0; j < t.joints(); j++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < t.samples(); i++) {
        lo = Math.min(lo, t.value(i, j));
        hi = Math.max(hi, t.value(i, j));
      }
      double step = (hi - lo) / 60;
      for (int i = 0; i < t.samples(); i++) {
        values[i][j] = lo + step * Math.round((t.value(i, j) - lo) / step);
        times[i] = t.timeS(i);
      }
    }
    Trajectory coarse = new Trajectory(values, times);
    NearDuplicateIndex index = indexOf(coarse);
    assertThat(TrajectorySketch.of(coarse).coarse().levels(0))
        .isLessThan(AlignedCorrelation.MIN_LEVELS);

    List<NearDuplicateMatch> copy =
        index.findAll(
            TrajectorySketch.of(Transforms.rename(coarse).trajectory()), FrameConfirmation.NONE);

    assertThat(copy).hasSize(1);
    assertThat(copy.get(0).kind()).isEqualTo(NearDuplicateMatch.Kind.DUPLICATE);
  }

  @Test
  void levelsCountQuantisationStepsAndAContinuousJointScoresTheCap() {
    CoarseTrajectory coarse = TrajectorySketch.of(longRealLikeTake(3)).coarse();

    assertThat(coarse.levels(0)).isEqualTo(255); // float32 arm joint
    assertThat(coarse.levels(12)).isBetween(20, 31); // thousandths over at most 0.03
    assertThat(coarse.levels(19)).isEqualTo(1); // two encoder values
    assertThat(coarse.levels(19)).isLessThan(AlignedCorrelation.MIN_LEVELS);
  }

  @Test
  void aVersion3SketchWithoutLevelsIsStillReadAndComparesEveryJoint() {
    TrajectorySketch sketch = TrajectorySketch.of(longRealLikeTake(5));
    byte[] v3 = withoutLevels(sketch.toBytes(), sketch.joints());

    TrajectorySketch read = TrajectorySketch.fromBytes(v3);

    assertThat(read.landmarks()).isEqualTo(sketch.landmarks());
    assertThat(read.coarse().samples()).isEqualTo(sketch.coarse().samples());
    assertThat(read.coarse().levels(19)).isEqualTo(CoarseTrajectory.UNKNOWN_LEVELS);
    assertThat(read.coarse().code(4, 10)).isEqualTo(sketch.coarse().code(4, 10));
    assertThat(read.coarse().motionRatio(4)).isEqualTo(sketch.coarse().motionRatio(4));
  }

  /** The bytes a version 3 build wrote: no levels byte per joint in the coarse blob. */
  private static byte[] withoutLevels(byte[] v4, int joints) {
    ByteBuffer in = ByteBuffer.wrap(v4).order(ByteOrder.LITTLE_ENDIAN);
    int landmarks = Short.toUnsignedInt(in.getShort(10));
    int at = 12 + 6 * landmarks;
    int length = in.getInt(at);
    byte[] blob = new byte[length];
    System.arraycopy(v4, at + 4, blob, 0, length);
    // a version-3 blob ends with its codes: no levels, and no sample windows (seventh round)
    int samples =
        Short.toUnsignedInt(ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).getShort(4));
    int oldLength = 7 + 9 * joints + joints * samples;
    ByteBuffer old = ByteBuffer.allocate(oldLength).order(ByteOrder.LITTLE_ENDIAN);
    old.put(blob, 0, 7);
    for (int j = 0; j < joints; j++) {
      old.put(blob, 7 + 10 * j, 9);
    }
    old.put(blob, 7 + 10 * joints, joints * samples);
    ByteBuffer out =
        ByteBuffer.allocate(v4.length - length + oldLength)
            .order(ByteOrder.LITTLE_ENDIAN)
            .put(v4, 0, at);
    out.putInt(oldLength).put(old.array());
    out.put(v4, at + 4 + length, v4.length - at - 4 - length);
    byte[] bytes = out.array();
    bytes[0] = 3;
    return bytes;
  }
}
