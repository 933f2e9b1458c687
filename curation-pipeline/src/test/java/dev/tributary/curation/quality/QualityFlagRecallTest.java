package dev.tributary.curation.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.schema.JointChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Recall of each flag on faults shaped like the simulated rig's ({@code SimFaults}): Gaussian
 * capture-time jitter, elbow_flex pinned for 30-60 % of the episode, the arm frozen for a quarter
 * of it, lost samples; and no flag at all on the same episodes without faults. Episodes of 4-30 s
 * at 30 or 50 Hz.
 */
class QualityFlagRecallTest {
  private static final int EPISODES = 100;
  private final JointQualityChecker checker = new JointQualityChecker(QualityThresholds.defaults());

  /**
   * Joint arrays of one generated episode, to inject faults into.
   *
   * @param action the commanded trajectory, or null to check the episode without an action
   */
  private record Arrays2(long[] mono, float[][] state, float[][] action, SyntheticEpisode source) {
    Arrays2(long[] mono, float[][] state, SyntheticEpisode source) {
      this(mono, state, null, source);
    }

    Arrays2 withCommand() {
      float[][] command = new float[state.length][];
      for (int j = 0; j < state.length; j++) {
        command[j] = new float[state[j].length];
        for (int i = 0; i < state[j].length; i++) {
          command[j][i] = state[j][Math.min(i + 1, state[j].length - 1)]; // one sample ahead
        }
      }
      return new Arrays2(mono, state, command, source);
    }
  }

  private static Arrays2 generate(long seed) {
    Random r = new Random(seed);
    float rate = r.nextBoolean() ? 30f : 50f;
    int samples = Math.round(rate * (4 + r.nextFloat() * 26));
    SyntheticEpisode e =
        SyntheticEpisode.builder().seed(seed).samples(samples).rateHz(rate).build();
    long[] mono = new long[samples];
    float[][] state = new float[6][samples];
    int at = 0;
    for (JointChunk c : e.chunks) {
      for (int i = 0; i < c.getCaptureMonoNanos().size(); i++) {
        mono[at + i] = c.getCaptureMonoNanos().get(i);
        for (int j = 0; j < 6; j++) {
          state[j][at + i] = c.getState().get(j).get(i);
        }
      }
      at += c.getCaptureMonoNanos().size();
    }
    return new Arrays2(mono, state, e);
  }

  private QualityReport check(Arrays2 a) {
    int n = a.mono.length;
    List<Long> mono = new ArrayList<>(n);
    List<Long> wall = new ArrayList<>(n);
    for (long t : a.mono) {
      mono.add(t);
      wall.add(t / 1000);
    }
    List<List<Float>> columns = columns(a.state);
    List<List<Float>> action = a.action == null ? List.of() : columns(a.action);
    JointChunk chunk =
        JointChunk.newBuilder()
            .setEpisodeId(a.source.episodeId())
            .setSequence(0)
            .setFirstSampleIndex(0)
            .setCaptureMonoNanos(mono)
            .setCaptureWallMicros(wall)
            .setState(columns)
            .setAction(action)
            .build();
    return checker.check(
        new AssembledEpisode(
            a.source.episodeId(),
            a.source.siteId(),
            0,
            0,
            1,
            a.source.manifest,
            List.of(chunk),
            List.of(),
            null,
            0,
            List.of()));
  }

  private static List<List<Float>> columns(float[][] values) {
    List<List<Float>> columns = new ArrayList<>();
    for (float[] joint : values) {
      List<Float> column = new ArrayList<>(joint.length);
      for (float v : joint) {
        column.add(v);
      }
      columns.add(column);
    }
    return columns;
  }

  private double recall(
      java.util.function.Function<Arrays2, Arrays2> fault, Predicate<QualityReport> caught) {
    int hits = 0;
    for (long seed = 1; seed <= EPISODES; seed++) {
      if (caught.test(check(fault.apply(generate(seed))))) {
        hits++;
      }
    }
    double recall = hits / (double) EPISODES;
    // Read by BENCHMARKS.md's "Quality flags on real recordings" (surefire's -output.txt).
    System.out.printf("recall %s: %.2f%n", currentTest, recall);
    return recall;
  }

  private String currentTest = "";

  @org.junit.jupiter.api.BeforeEach
  void name(org.junit.jupiter.api.TestInfo info) {
    currentTest = info.getDisplayName();
  }

  @Test
  void cleanEpisodesGetNoFlag() {
    for (long seed = 1; seed <= 2 * EPISODES; seed++) {
      QualityReport r = check(generate(seed));
      assertThat(r.flags()).as("seed %d", seed).isEmpty();
      assertThat(r.rejections()).as("seed %d", seed).isEmpty();
    }
  }

  @Test
  void threeMillisecondsOfCaptureJitterAreFlaggedInAtLeast95PercentOfEpisodes() {
    double recall =
        recall(
            a -> {
              Random r = new Random(a.mono.length);
              long[] t = a.mono.clone();
              for (int i = 0; i < t.length; i++) {
                t[i] = a.mono[i] + Math.round(r.nextGaussian() * 3_000_000);
                if (i > 0) {
                  t[i] = Math.max(t[i], t[i - 1] + 1);
                }
              }
              return new Arrays2(t, a.state, a.source);
            },
            r -> r.flags().contains("timestamp_jitter"));

    assertThat(recall).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void aJointPinnedForThirtyPercentOfTheEpisodeIsFlaggedInAtLeast95PercentOfEpisodes() {
    double recall =
        recall(
            a -> {
              int n = a.mono.length;
              for (int i = (int) (0.3 * n); i < (int) (0.6 * n); i++) {
                a.state[2][i] = a.state[2][(int) (0.3 * n)];
              }
              return a;
            },
            r -> r.flags().contains("joint_saturation:elbow_flex.pos"));

    assertThat(recall).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void aJointPinnedWhileItsCommandMovesOnIsFlaggedInAtLeast95PercentOfEpisodes() {
    double recall =
        recall(
            a -> {
              Arrays2 commanded = a.withCommand(); // the command keeps the unpinned trajectory
              int n = a.mono.length;
              for (int i = (int) (0.3 * n); i < (int) (0.6 * n); i++) {
                commanded.state[2][i] = commanded.state[2][(int) (0.3 * n)];
              }
              return commanded;
            },
            r -> r.flags().contains("joint_saturation:elbow_flex.pos"));

    assertThat(recall).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void cleanEpisodesWithTheirCommandGetNoFlag() {
    for (long seed = 1; seed <= 2 * EPISODES; seed++) {
      QualityReport r = check(generate(seed).withCommand());
      assertThat(r.flags()).as("seed %d", seed).isEmpty();
      assertThat(r.rejections()).as("seed %d", seed).isEmpty();
    }
  }

  @Test
  void aSingleSampleSpikeIsFlaggedAsAnImplausibleJumpInAtLeast95PercentOfEpisodes() {
    double recall =
        recall(
            a -> {
              Random r = new Random(a.mono.length * 31L);
              int joint = r.nextInt(6);
              int at = 1 + r.nextInt(a.mono.length - 2);
              a.state[joint][at] += (r.nextBoolean() ? 1 : -1) * (60 + 60 * r.nextFloat());
              return a;
            },
            r -> r.flags().stream().anyMatch(f -> f.startsWith("implausible_jump:")));

    assertThat(recall).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void anArmFrozenForAQuarterOfTheEpisodeIsFlaggedInAtLeast95PercentOfEpisodes() {
    double recall =
        recall(
            a -> {
              int n = a.mono.length;
              int from = (int) (0.4 * n);
              int idle = n / 4;
              float[][] s = new float[6][n];
              for (int j = 0; j < 6; j++) {
                for (int i = 0; i < n; i++) {
                  int src = i < from ? i : (i < from + idle ? from : i - idle);
                  s[j][i] = a.state[j][src];
                }
              }
              return new Arrays2(a.mono, s, a.source);
            },
            r -> r.flags().contains("idle_stretch"));

    assertThat(recall).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void fivePercentOfSamplesLostAreFlaggedInAtLeast95PercentOfEpisodes() {
    double recall =
        recall(
            a -> {
              Random r = new Random(a.mono.length);
              List<Integer> kept = new ArrayList<>();
              for (int i = 0; i < a.mono.length; i++) {
                if (i == 0 || r.nextDouble() >= 0.05) {
                  kept.add(i);
                }
              }
              long[] t = new long[kept.size()];
              float[][] s = new float[6][kept.size()];
              for (int k = 0; k < kept.size(); k++) {
                t[k] = a.mono[kept.get(k)];
                for (int j = 0; j < 6; j++) {
                  s[j][k] = a.state[j][kept.get(k)];
                }
              }
              return new Arrays2(t, s, a.source);
            },
            r -> r.flags().contains("dropped_samples"));

    assertThat(recall).isGreaterThanOrEqualTo(0.95);
  }
}
