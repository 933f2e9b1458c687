package dev.tributary.curation.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointSpec;
import dev.tributary.schema.TimestampSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Episodes shaped like a real SO-101 take imported from LeRobot: calibrated ranges ({@code
 * range_m100_100}, gripper {@code range_0_100}), readings clamped at +-100, a gripper at its stops,
 * 4096-step encoders that read exactly the same value while a joint holds, a follower 3 samples
 * behind its leader, synthetic timestamps.
 */
class CalibratedArmQualityTest {
  private static final int RATE = 30;
  private static final int N = 20 * RATE;
  private static final List<String> BODY =
      List.of("shoulder_pan.pos", "shoulder_lift.pos", "elbow_flex.pos", "wrist_flex.pos");

  private final JointQualityChecker checker = new JointQualityChecker(QualityThresholds.defaults());

  /** Action (leader) keyframes per joint, linearly interpolated: {sample, value, ...}. */
  private static final double[][] KEYS = {
    {0, -10, 120, -10, 200, -30, 300, -20, 360, -20, 450, 0, 599, -10}, // pan
    {0, -100, 120, -100, 200, -40, 300, -50, 360, -50, 450, -80, 599, -100}, // lift rests clamped
    {0, 100, 120, 100, 200, 40, 300, 50, 360, 50, 450, 80, 599, 100}, // elbow rests clamped
    {0, 60, 120, 60, 200, 20, 300, 30, 360, 30, 450, 50, 599, 60}, // wrist_flex
    {0, -50, 599, -50}, // wrist_roll: never commanded to move
    {0, 0, 130, 0, 160, 100, 230, 100, 250, 30, 300, 30, 360, 30, 470, 100, 599, 100} // gripper
  };

  /** The take: samples 300-360 are a 2 s pause where leader and follower both hold still. */
  private static float[][][] take() {
    float[][] action = new float[KEYS.length][N];
    float[][] state = new float[KEYS.length][N];
    for (int j = 0; j < KEYS.length; j++) {
      for (int i = 0; i < N; i++) {
        action[j][i] = (float) interpolate(KEYS[j], i);
      }
    }
    for (int j = 0; j < KEYS.length; j++) {
      for (int i = 0; i < N; i++) {
        state[j][i] = encoder(action[j][Math.max(0, i - 3)], j == 5);
      }
    }
    return new float[][][] {state, action};
  }

  /** A 4096-step encoder over a ~200-unit calibrated span, clamped the way LeRobot clamps. */
  private static float encoder(double value, boolean gripper) {
    double lo = gripper ? 0 : -100;
    if (value <= lo || value >= 100) {
      return (float) (value <= lo ? lo : 100); // at or beyond the calibrated limit
    }
    double step = 200.0 / 2275; // ~0.088 units per step
    return (float) (Math.round(value / step) * step);
  }

  private static double interpolate(double[] keys, int i) {
    for (int k = 0; k + 2 < keys.length; k += 2) {
      if (i <= keys[k + 2]) {
        double f = (i - keys[k]) / (keys[k + 2] - keys[k]);
        return keys[k + 1] + f * (keys[k + 3] - keys[k + 1]);
      }
    }
    return keys[keys.length - 1];
  }

  private AssembledEpisode episode(Consumer<float[][][]> edit) {
    float[][][] take = take();
    edit.accept(take);
    List<JointSpec> joints = new ArrayList<>();
    BODY.forEach(n -> joints.add(new JointSpec(n, UnitRange.RANGE_M100_100)));
    joints.add(new JointSpec("wrist_roll.pos", UnitRange.RANGE_M100_100));
    joints.add(new JointSpec("gripper.pos", UnitRange.RANGE_0_100));
    List<Long> mono = new ArrayList<>();
    List<Long> wall = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      mono.add(i * 1_000_000_000L / RATE);
      wall.add(1_790_000_000_000_000L + i * 1_000_000L / RATE);
    }
    JointChunk chunk =
        JointChunk.newBuilder()
            .setEpisodeId("so101-like")
            .setSequence(0)
            .setFirstSampleIndex(0)
            .setCaptureMonoNanos(mono)
            .setCaptureWallMicros(wall)
            .setState(columns(take[0]))
            .setAction(columns(take[1]))
            .build();
    EpisodeManifest m =
        EpisodeManifest.newBuilder()
            .setEpisodeId("so101-like")
            .setSiteId("site")
            .setRigId("rig")
            .setRobotType("so101_follower")
            .setJoints(joints)
            .setCameras(List.of())
            .setTask("pick the orange cube and place it in the box")
            .setRecorderVersion("test")
            .setStartedAtMicros(1_790_000_000_000_000L)
            .setTimestampSource(TimestampSource.SYNTHETIC)
            .setJointRateHz(RATE)
            .setSource("lerobot-v3")
            .build();
    return new AssembledEpisode(
        "so101-like", "site", 0, 0, 1, m, List.of(chunk), List.of(), null, 0, List.of());
  }

  private static List<List<Float>> columns(float[][] values) {
    List<List<Float>> out = new ArrayList<>();
    for (float[] joint : values) {
      List<Float> column = new ArrayList<>(joint.length);
      for (float v : joint) {
        column.add(v);
      }
      out.add(column);
    }
    return out;
  }

  @Test
  void aRealisticTakeWithClampedRestsGripperStopsAndHeldEncodersGetsNoFlag() {
    AssembledEpisode e = episode(take -> {});
    float[][] state = take()[0];
    // What the checks have to tolerate is really there:
    assertThat(state[1][0]).isEqualTo(-100f);
    assertThat(state[2][0]).isEqualTo(100f);
    assertThat(state[5][0]).isEqualTo(0f);
    assertThat(state[5][200]).isEqualTo(100f);
    for (int i = 303; i < 363; i++) { // the pause: 60 frames of identical readings
      for (float[] joint : state) {
        assertThat(joint[i]).isEqualTo(joint[303]);
      }
    }

    QualityReport r = checker.check(e);

    assertThat(r.flags()).isEmpty();
    assertThat(r.rejections()).isEmpty();
  }

  @Test
  void aReadingClampedAtItsLimitWhileItsCommandMovesAwayIsFlagged() {
    QualityReport r =
        checker.check(
            episode(
                take -> {
                  float released = take[0][2][220];
                  for (int i = 0; i < 220; i++) { // the elbow stays at +100 for 6.7 s
                    take[0][2][i] = i < 200 ? 100f : 100f + (released - 100f) * (i - 200) / 20f;
                  }
                }));

    assertThat(r.flags()).containsExactly("joint_saturation:elbow_flex.pos");
  }

  @Test
  void aGripperClosedOnAnObjectWhileItsCommandSqueezesFurtherIsNotFlagged() {
    QualityReport r =
        checker.check(
            episode(
                take -> {
                  for (int i = 260; i < 380; i++) { // the command closes to 0, the object stops it
                    take[1][5][i] = (float) Math.max(0, 30 - (i - 245) * 2.0);
                    take[0][5][i] = 30f;
                  }
                }));

    assertThat(r.flags()).isEmpty();
  }

  @Test
  void aGripperReadingThatStaysWhileItsCommandOpensAndClosesIsFlagged() {
    QualityReport r =
        checker.check(
            episode(
                take -> {
                  for (int i = 100; i < 260; i++) { // stuck through the whole grasp
                    take[0][5][i] = 30f;
                  }
                }));

    assertThat(r.flags()).containsExactly("joint_saturation:gripper.pos");
  }
}
