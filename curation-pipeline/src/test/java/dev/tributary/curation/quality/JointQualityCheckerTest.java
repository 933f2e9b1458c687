package dev.tributary.curation.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.TimestampSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class JointQualityCheckerTest {
  private final JointQualityChecker checker = new JointQualityChecker(QualityThresholds.defaults());
  private final SyntheticEpisode clean =
      SyntheticEpisode.builder().seed(11).samples(600).rateHz(30).build();

  private static AssembledEpisode assembled(EpisodeManifest m, List<JointChunk> chunks) {
    return new AssembledEpisode(
        m.getEpisodeId(), m.getSiteId(), 0, 0, 1, m, chunks, List.of(), null, 0, List.of());
  }

  /** The same joints under another manifest (same joints, other task or timestamp source). */
  private static AssembledEpisode withManifest(EpisodeManifest m, AssembledEpisode e) {
    return new AssembledEpisode(
        m.getEpisodeId(), m.getSiteId(), 0, 0, 1, m, e.joints(), List.of(), null, 0, List.of());
  }

  private AssembledEpisode withSamples(UnaryOperator<float[][]> state, UnaryOperator<long[]> mono) {
    int n = clean.sampleCount();
    int joints = clean.manifest.getJoints().size();
    float[][] s = new float[joints][n];
    long[] t = new long[n];
    int at = 0;
    for (JointChunk c : clean.chunks) {
      for (int i = 0; i < c.getCaptureMonoNanos().size(); i++) {
        t[at + i] = c.getCaptureMonoNanos().get(i);
        for (int j = 0; j < joints; j++) {
          s[j][at + i] = c.getState().get(j).get(i);
        }
      }
      at += c.getCaptureMonoNanos().size();
    }
    s = state.apply(s);
    t = mono.apply(t);
    List<Long> monoList = new ArrayList<>();
    List<Long> wall = new ArrayList<>();
    for (long v : t) {
      monoList.add(v);
      wall.add(v / 1000);
    }
    List<List<Float>> columns = new ArrayList<>();
    for (float[] column : s) {
      List<Float> l = new ArrayList<>();
      for (float v : column) {
        l.add(v);
      }
      columns.add(l);
    }
    JointChunk one =
        JointChunk.newBuilder()
            .setEpisodeId(clean.episodeId())
            .setSequence(0)
            .setFirstSampleIndex(0)
            .setCaptureMonoNanos(monoList)
            .setCaptureWallMicros(wall)
            .setState(columns)
            .setAction(List.of())
            .build();
    return assembled(clean.manifest, List.of(one));
  }

  private QualityReport check(AssembledEpisode e) {
    return checker.check(e);
  }

  @Test
  void aCleanEpisodeHasNoFlagAndFullScore() {
    QualityReport r = check(assembled(clean.manifest, clean.chunks));

    assertThat(r.flags()).isEmpty();
    assertThat(r.rejections()).isEmpty();
    assertThat(r.score()).isEqualTo(1.0);
  }

  @Test
  void irregularCaptureIntervalsAreFlaggedAsJitter() {
    Random random = new Random(1);
    QualityReport r =
        check(
            withSamples(
                s -> s,
                t -> {
                  long[] out = t.clone();
                  for (int i = 1; i < out.length; i++) {
                    out[i] = t[i] + (long) (random.nextGaussian() * 6_000_000); // 6 ms of 33
                  }
                  for (int i = 1; i < out.length; i++) {
                    out[i] = Math.max(out[i], out[i - 1] + 1_000_000);
                  }
                  return out;
                }));

    assertThat(r.flags()).contains("timestamp_jitter");
  }

  @Test
  void gapsInTheCaptureTimesAreFlaggedAsDroppedSamples() {
    QualityReport r =
        check(
            withSamples(
                s -> s,
                t -> {
                  long[] out = t.clone();
                  long shift = 0;
                  for (int i = 1; i < out.length; i++) {
                    if (i % 25 == 0) {
                      shift += 2 * 33_333_000L; // two samples lost every 25
                    }
                    out[i] = t[i] + shift;
                  }
                  return out;
                }));

    assertThat(r.flags()).contains("dropped_samples");
    assertThat(r.flags()).doesNotContain("timestamp_jitter");
  }

  @Test
  void anEpisodeThatLostMostSamplesIsRejected() {
    QualityReport r =
        check(
            withSamples(
                s -> s,
                t -> {
                  long[] out = t.clone();
                  for (int i = 1; i < out.length; i++) {
                    out[i] = t[0] + i * 3 * 33_333_000L; // two of three samples lost
                  }
                  return out;
                }));

    assertThat(r.rejections()).contains("dropped_samples");
    assertThat(r.score()).isZero();
  }

  @Test
  void syntheticTimestampsAreNeitherFlaggedNorMeasured() {
    EpisodeManifest m =
        EpisodeManifest.newBuilder(clean.manifest)
            .setTimestampSource(TimestampSource.SYNTHETIC)
            .build();
    AssembledEpisode lostSamples =
        withSamples(
            s -> s,
            t -> {
              long[] out = t.clone();
              for (int i = 1; i < out.length; i++) {
                out[i] = t[0] + i * 3 * 33_333_000L; // would be rejected as dropped samples
              }
              return out;
            });

    QualityReport r = check(withManifest(m, lostSamples));

    assertThat(r.flags()).isEmpty();
    assertThat(r.rejections()).isEmpty();
    assertThat(r.score()).isEqualTo(1.0);
  }

  @Test
  void aJointPinnedAtItsLimitIsFlaggedAsSaturated() {
    QualityReport r =
        check(
            withSamples(
                s -> {
                  for (int i = 100; i < 200; i++) {
                    s[2][i] = 180f;
                  }
                  return s;
                },
                t -> t));

    assertThat(r.flags()).contains("joint_saturation:elbow_flex.pos");
  }

  @Test
  void aJointReadingAConstantWhileTheOthersMoveIsFlaggedAsSaturated() {
    QualityReport r =
        check(
            withSamples(
                s -> {
                  for (int i = 150; i < 330; i++) { // 6 s pinned mid-range, as the simulator does
                    s[2][i] = s[2][150];
                  }
                  return s;
                },
                t -> t));

    assertThat(r.flags()).contains("joint_saturation:elbow_flex.pos");
    assertThat(r.flags()).noneMatch(f -> f.startsWith("joint_saturation:shoulder"));
  }

  @Test
  void anIdleQuarterOfAShortEpisodeIsFlagged() {
    SyntheticEpisode shortOne = SyntheticEpisode.builder().seed(12).samples(150).build(); // 5 s
    List<JointChunk> frozen = new ArrayList<>();
    int at = 0;
    float[] hold = new float[6];
    float[] holdAction = new float[6];
    for (JointChunk c : shortOne.chunks) {
      // The arm and its command stop together, as in the simulator's idle fault (a reading that
      // stays while its command moves on is a pinned joint).
      List<List<Float>> state = new ArrayList<>();
      List<List<Float>> action = new ArrayList<>();
      for (int j = 0; j < 6; j++) {
        List<Float> column = new ArrayList<>(c.getState().get(j));
        List<Float> command = new ArrayList<>(c.getAction().get(j));
        for (int i = 0; i < column.size(); i++) {
          int sample = at + i;
          if (sample == 60) {
            hold[j] = column.get(i);
            holdAction[j] = command.get(i);
          }
          if (sample >= 60 && sample < 98) { // 1.25 s of 5
            column.set(i, hold[j]);
            command.set(i, holdAction[j]);
          }
        }
        state.add(column);
        action.add(command);
      }
      frozen.add(JointChunk.newBuilder(c).setState(state).setAction(action).build());
      at += c.getCaptureMonoNanos().size();
    }

    assertThat(check(assembled(shortOne.manifest, frozen)).flags()).containsExactly("idle_stretch");
  }

  @Test
  void aLongStillStretchIsFlaggedAsIdle() {
    QualityReport r =
        check(
            withSamples(
                s -> {
                  for (float[] joint : s) {
                    for (int i = 200; i < 350; i++) { // 5 s at 30 Hz
                      joint[i] = joint[200];
                    }
                  }
                  return s;
                },
                t -> t));

    assertThat(r.flags()).contains("idle_stretch");
    assertThat(r.rejections()).isEmpty();
  }

  @Test
  void anEpisodeWithoutMotionIsRejected() {
    QualityReport r =
        check(
            withSamples(
                s -> {
                  for (float[] joint : s) {
                    java.util.Arrays.fill(joint, 12.5f);
                  }
                  return s;
                },
                t -> t));

    assertThat(r.rejections()).contains("no_motion");
  }

  @Test
  void aSingleSampleSpikeIsFlaggedAsAnImplausibleJump() {
    QualityReport r =
        check(
            withSamples(
                s -> {
                  s[0][300] += 90f; // 90 deg in 33 ms
                  return s;
                },
                t -> t));

    assertThat(r.flags()).contains("implausible_jump:shoulder_pan.pos");
  }

  @Test
  void aPlaceholderTaskTextIsFlagged() {
    EpisodeManifest m = EpisodeManifest.newBuilder(clean.manifest).setTask("  TODO ").build();

    assertThat(check(assembled(m, clean.chunks)).flags()).containsExactly("placeholder_task");
  }

  @Test
  void anEpisodeShorterThanASecondIsRejected() {
    SyntheticEpisode tiny = SyntheticEpisode.builder().seed(3).samples(20).rateHz(30).build();

    assertThat(check(assembled(tiny.manifest, tiny.chunks)).rejections()).contains("too_short");
  }

  @Test
  void eachFlagLowersTheScore() {
    EpisodeManifest m = EpisodeManifest.newBuilder(clean.manifest).setTask("test").build();
    AssembledEpisode jumpy =
        withSamples(
            s -> {
              s[0][300] += 90f;
              return s;
            },
            t -> t);

    assertThat(check(withManifest(m, jumpy)).score())
        .isEqualTo(1 - 2 * JointQualityChecker.FLAG_PENALTY);
  }
}
