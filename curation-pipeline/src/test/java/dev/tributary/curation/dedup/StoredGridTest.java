package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.bench.Transforms;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, ninth round: a long take (like round 12's haptic robot, a patient tracing a trail loop
 * after loop) is stored at 128 samples, about 1 Hz for two minutes, under the motion's own rate; a
 * clip of it is drawn at its own, higher rate. Confirmed on the stored copy's sample times ({@link
 * StoredGrid}), the clip is found; another take of the same trail is not.
 */
class StoredGridTest {
  private static final NearDuplicateConfig CONFIG = NearDuplicateConfig.defaults();

  /**
   * A 30 Hz take of {@code seconds} of a trail traced loop after loop (about 0.35 loops a second,
   * with the first two harmonics of the loop): five joints, each its own mix of the loop's phase.
   * The trail's shape is fixed by {@code trail}; {@code take} varies the speed along it, as another
   * pass by a person does.
   */
  static Trajectory trailTake(long trail, long take, double seconds) {
    return trailTake(trail, take, seconds, 1);
  }

  /** {@link #trailTake}, with the pace's variation scaled by {@code unevenness}. */
  static Trajectory trailTake(long trail, long take, double seconds, double unevenness) {
    SplittableRandom shape = new SplittableRandom(trail);
    double[][] amp = new double[5][3];
    double[][] phase = new double[5][3];
    for (int j = 0; j < 5; j++) {
      for (int h = 0; h < 3; h++) {
        amp[j][h] = (0.2 + shape.nextDouble()) / (1 + h);
        phase[j][h] = 2 * Math.PI * shape.nextDouble();
      }
    }
    SplittableRandom pace = new SplittableRandom(take);
    double[] wobbleHz = {0.013 + 0.01 * pace.nextDouble(), 0.031 + 0.02 * pace.nextDouble()};
    double[] wobblePhase = {2 * Math.PI * pace.nextDouble(), 2 * Math.PI * pace.nextDouble()};
    int n = (int) (seconds * 30) + 1;
    double[] times = new double[n];
    double[][] values = new double[n][5];
    double loop = 0;
    for (int i = 0; i < n; i++) {
      double t = i / 30.0;
      times[i] = t;
      double speed =
          0.35
              * (1
                  + unevenness * 0.25 * Math.sin(2 * Math.PI * wobbleHz[0] * t + wobblePhase[0])
                  + unevenness * 0.15 * Math.sin(2 * Math.PI * wobbleHz[1] * t + wobblePhase[1]));
      loop += 2 * Math.PI * speed / 30;
      for (int j = 0; j < 5; j++) {
        double v = 0;
        for (int h = 0; h < 3; h++) {
          v += amp[j][h] * Math.cos((h + 1) * loop + phase[j][h]);
        }
        values[i][j] = v;
      }
    }
    return new Trajectory(values, times);
  }

  @Test
  void aClipOfALongTakeStoredCoarseIsConfirmedOnTheStoredSampleTimes() {
    Trajectory original = trailTake(1, 1, 120);
    Transforms.Edited clip = Transforms.trim(original, 0.25, 0.20);
    TrajectorySketch stored = TrajectorySketch.of(original);
    TrajectorySketch query = TrajectorySketch.of(clip.trajectory());
    double offset = clip.trimStartS();

    assertThat(stored.coarse().rateHz()).isLessThan(1.1);
    assertThat(query.coarse().rateHz()).isGreaterThan(1.8);
    // Each copy at its own rate and times: interpolated between samples that do not resolve the
    // loop, the clip falls under the threshold at its true offset (the path before this round).
    AlignedCorrelation.Alignment own =
        AlignedCorrelation.align(query.coarse(), stored.coarse(), offset, -2);
    assertThat(own.correlation()).isLessThan(CONFIG.minCorrelation());
    // Re-drawn on the stored samples' times, it is the stored copy to the rounding.
    AlignedCorrelation.Alignment onGrid =
        StoredGrid.align(query.fine(), query.coarse(), stored.coarse(), offset, -2, -2);
    System.out.println(
        "own copy " + own.correlation() + ", on the stored grid " + onGrid.correlation());
    assertThat(onGrid.correlation()).isGreaterThan(0.9999);
    assertThat(onGrid.sameUnits()).isTrue();
    assertThat(onGrid.offsetS()).isCloseTo(offset, org.assertj.core.data.Offset.offset(0.05));
    assertThat(onGrid.overlapS())
        .isCloseTo(query.coarse().spanS(), org.assertj.core.data.Offset.offset(0.05));

    NearDuplicateIndex index = new NearDuplicateIndex(CONFIG);
    index.add("original", stored);
    List<NearDuplicateMatch> found = index.findAll(query, FrameConfirmation.NONE);
    assertThat(found).extracting(NearDuplicateMatch::originalEpisodeId).containsExactly("original");
    assertThat(found.get(0).kind()).isEqualTo(NearDuplicateMatch.Kind.SUB_CLIP);
  }

  @Test
  void aLongTakeFoundAfterItsClipIsConfirmedOnTheClipsSampleTimes() {
    Trajectory original = trailTake(2, 1, 120);
    Transforms.Edited clip = Transforms.trim(original, 0.20, 0.25);
    TrajectorySketch storedClip = TrajectorySketch.of(clip.trajectory());
    TrajectorySketch query = TrajectorySketch.of(original);

    AlignedCorrelation.Alignment own =
        AlignedCorrelation.align(query.coarse(), storedClip.coarse(), -clip.trimStartS(), -2);
    assertThat(own.correlation()).isLessThan(CONFIG.minCorrelation());

    NearDuplicateIndex index = new NearDuplicateIndex(CONFIG);
    index.add("clip", storedClip);
    List<NearDuplicateMatch> found = index.findAll(query, FrameConfirmation.NONE);
    assertThat(found).extracting(NearDuplicateMatch::originalEpisodeId).containsExactly("clip");
    assertThat(found.get(0).offsetS())
        .isCloseTo(-clip.trimStartS(), org.assertj.core.data.Offset.offset(0.05));
  }

  @Test
  void anotherTakeOfTheSameTrailIsNotPaired() {
    TrajectorySketch stored = TrajectorySketch.of(trailTake(3, 1, 120, 0.1));
    // A steadier pass than the stored one: its pace varies by a tenth as much, so the two differ
    // only by how the pace drifts along the loops.
    Trajectory other = trailTake(3, 2, 120, 0.1);
    TrajectorySketch query = TrajectorySketch.of(Transforms.trim(other, 0.25, 0.20).trajectory());

    NearDuplicateIndex index = new NearDuplicateIndex(CONFIG);
    index.add("first take", stored);
    assertThat(index.findAll(query, FrameConfirmation.NONE)).isEmpty();
    // Not for want of candidates: the trail's loops give the other take votes to align, and on
    // the stored samples' times it stays under the threshold at every voted offset.
    assertThat(index.alignments()).isPositive();
    double best = -1;
    for (NearDuplicateIndex.Candidate c : index.tally(query, 1, false)) {
      best =
          Math.max(
              best,
              StoredGrid.align(query.fine(), query.coarse(), stored.coarse(), c.offsetS(), -2, -2)
                  .correlation());
    }
    System.out.println("another take of the trail, best on the stored grid: " + best);
    assertThat(best).isLessThan(CONFIG.minCorrelation());
  }

  @Test
  void aSketchReadBackFromBytesHasNoSmoothedJointsAndIsComparedAsBefore() {
    TrajectorySketch sketch = TrajectorySketch.of(trailTake(4, 1, 60));
    TrajectorySketch read = TrajectorySketch.fromBytes(sketch.toBytes());

    assertThat(sketch.fine()).isNotNull();
    assertThat(read.fine()).isNull();
    assertThat(StoredGrid.applies(read.fine(), read.coarse(), sketch.coarse())).isFalse();
  }
}
