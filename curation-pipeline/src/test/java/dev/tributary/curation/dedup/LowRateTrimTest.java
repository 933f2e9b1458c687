package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.curation.bench.Transforms;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, eighteenth round: a 2 s clip cut from a 6 s take of a 4-joint robot recorded at 10 Hz,
 * whose joints move together in 0.6-1.2 s bells (one or two moments of motion in the clip). Neither
 * lookup pass gives its original two votes at one offset; the retry at one vote ({@link
 * NearDuplicateIndex#oneVoteRetry}) aligns the candidates of one vote and the confirmation decides;
 * it keeps a match in other units only when no other stored take fits the clip as well (issue 16,
 * nineteenth round: {@link OneVoteRivals}).
 */
class LowRateTrimTest {
  private static final List<String> NAMES = List.of("j0", "j1", "j2", "j3");

  /** 10 Hz, 4 joints moving together: bells of 0.6-1.2 s, 0.1-0.4 s apart, from 0.3 s on. */
  static Trajectory take(long seed, double seconds) {
    return take(seed, seconds, 4);
  }

  /** As above, with this many joints. */
  static Trajectory take(long seed, double seconds, int joints) {
    SplittableRandom r = new SplittableRandom(seed);
    int moves = (int) (seconds / 1.2);
    double[][] amplitude = new double[moves][joints];
    double[] start = new double[moves];
    double[] length = new double[moves];
    double t0 = 0.3;
    for (int m = 0; m < moves; m++) {
      start[m] = t0;
      length[m] = 0.6 + 0.6 * r.nextDouble();
      t0 += length[m] + 0.1 + 0.3 * r.nextDouble();
      for (int j = 0; j < joints; j++) {
        amplitude[m][j] = (r.nextDouble() - 0.5) * 40;
      }
    }
    int n = (int) Math.round(seconds * 10);
    double[] times = new double[n];
    double[][] values = new double[n][joints];
    for (int i = 0; i < n; i++) {
      times[i] = i / 10.0;
      for (int j = 0; j < joints; j++) {
        double x = 10 * j;
        for (int m = 0; m < moves; m++) {
          x += amplitude[m][j] * smoothStep((times[i] - start[m]) / length[m]);
        }
        values[i][j] = x;
      }
    }
    return new Trajectory(values, times);
  }

  private static double smoothStep(double x) {
    double s = Math.max(0, Math.min(1, x));
    return s * s * s * (10 - 15 * s + 6 * s * s);
  }

  private static NearDuplicateIndex indexOfSix() {
    NearDuplicateIndex index = new NearDuplicateIndex();
    for (long k = 0; k < 6; k++) {
      index.add("take-" + k, TrajectorySketch.of(take(200 + k, 6), NAMES));
    }
    return index;
  }

  /** The index's matches for this trajectory as a new episode (no frames). */
  private static List<NearDuplicateMatch> lookUp(NearDuplicateIndex index, Trajectory t) {
    return index.findAll(TrajectorySketch.of(t, NAMES), FrameConfirmation.NONE);
  }

  /**
   * A ~2 s clip from 0.6 s into the 6 s take of this seed. Since the nineteenth round most such
   * clips are found by the first lookup through {@link FewJointStretchLandmarks} ({@link
   * FewJointStretchTest}); of seed 200's clips this one still gets no vote there, so the retry is
   * what finds it.
   */
  private static Transforms.Edited twoSecondClip(long seed) {
    return Transforms.trim(take(seed, 6), 0.1, 1 - 0.1 - 2.05 / 5.9);
  }

  @Test
  void aTwoSecondClipOfAFewJointLowRateTakeIsFoundOnOneVote() {
    NearDuplicateIndex index = indexOfSix();
    Transforms.Edited clip = twoSecondClip(200);

    List<NearDuplicateMatch> found = lookUp(index, clip.trajectory());

    assertThat(clip.trajectory().durationS()).isBetween(1.9, 2.1);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).originalEpisodeId()).isEqualTo("take-0");
    // The lookup found nothing, the retry found it (without the retry: no match).
    assertThat(index.oneVoteRetries()).isEqualTo(1);
    assertThat(found.get(0).correlation()).isGreaterThan(0.9999);
    assertThat(found.get(0).offsetS()).isCloseTo(clip.trimStartS(), within(0.06));
  }

  @Test
  void theRetryKeepsAMatchInOtherUnitsWithoutARival() {
    NearDuplicateIndex index = indexOfSix();
    Transforms.Edited clip = twoSecondClip(200);
    Trajectory inRadians = Transforms.radians(clip.trajectory()).trajectory();

    List<NearDuplicateMatch> found = lookUp(index, inRadians);

    // The same clip as above, converted: no other stored take fits it, so its source is clear
    // (the eighteenth round's retry dropped every one-vote match in other units).
    assertThat(index.oneVoteRetries()).isEqualTo(1);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).originalEpisodeId()).isEqualTo("take-0");
    assertThat(found.get(0).sameUnits()).isFalse();
    assertThat(found.get(0).correlation()).isGreaterThan(0.99986);
  }

  @Test
  void theRetryKeepsNoMatchInOtherUnitsWhenAScriptedReRunFitsAsWell() {
    NearDuplicateIndex index = indexOfSix();
    // A scripted re-run: another recording of the very same motion, indexed next to it.
    index.add("take-0-rerun", TrajectorySketch.of(take(200, 6), NAMES));
    Transforms.Edited clip = twoSecondClip(200);
    Trajectory inRadians = Transforms.radians(clip.trajectory()).trajectory();

    List<NearDuplicateMatch> found = lookUp(index, inRadians);

    // Converted, on one vote, the clip fits both takes: which one it came from is not known.
    assertThat(index.oneVoteRetries()).isEqualTo(1);
    assertThat(found).isEmpty();
  }

  @Test
  void aClipInTheSameUnitsIsKeptDespiteAScriptedReRun() {
    NearDuplicateIndex index = indexOfSix();
    index.add("take-0-rerun", TrajectorySketch.of(take(200, 6), NAMES));
    Transforms.Edited clip = twoSecondClip(200);

    List<NearDuplicateMatch> found = lookUp(index, clip.trajectory());

    // The same numbers: found as in the eighteenth round (the rival check is for other units only).
    assertThat(found).isNotEmpty();
    assertThat(found.get(0).sameUnits()).isTrue();
  }

  @Test
  void aClipOfAnotherTakeStaysUnmatchedAfterTheRetry() {
    NearDuplicateIndex index = indexOfSix();
    Transforms.Edited clip = twoSecondClip(299);

    List<NearDuplicateMatch> found = lookUp(index, clip.trajectory());

    assertThat(index.oneVoteRetries()).isEqualTo(1);
    assertThat(found).isEmpty();
  }

  @Test
  void aLookupOverTheTwoMomentBoundNeverRetries() {
    NearDuplicateIndex index = indexOfSix();

    lookUp(index, take(299, 12));

    assertThat(index.oneVoteRetries()).isZero();
  }
}
