package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.bench.MotionFamilies;
import dev.tributary.curation.bench.SimTakes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Near duplicates are looked for only among episodes of the same joint layout. */
class JointLayoutTest {
  private static final List<String> V21 = SimTakes.SO101_NAMES;
  private static final List<String> V20 =
      List.of(
          "main_shoulder_pan",
          "main_shoulder_lift",
          "main_elbow_flex",
          "main_wrist_flex",
          "main_wrist_roll",
          "main_gripper");
  private static final List<String> CR5 =
      List.of("joint1", "joint2", "joint3", "joint4", "joint5", "joint6");

  @Test
  void lerobotNamingConventionsOfOneArmShareALayoutAndOtherRobotsDoNot() {
    assertThat(JointLayout.of(V20)).isEqualTo(JointLayout.of(V21));
    assertThat(JointLayout.of(CR5)).isNotEqualTo(JointLayout.of(V21));
    assertThat(JointLayout.of(V21.subList(0, 5))).isNotEqualTo(JointLayout.of(V21));
    assertThat(JointLayout.of(List.of())).isNotEqualTo(JointLayout.UNKNOWN);
  }

  @Test
  void aCopyIsFoundUnderItsArmsOtherNamingButNotUnderAnotherRobotsNames() {
    SimTakes.Take take = MotionFamilies.Family.LINEAR_BLEND.take("layout-site", 1);
    NearDuplicateIndex index = new NearDuplicateIndex();
    index.add("original", TrajectorySketch.of(take.trajectory(), V21));

    assertThat(index.find(TrajectorySketch.of(take.trajectory(), V20)))
        .hasValueSatisfying(m -> assertThat(m.originalEpisodeId()).isEqualTo("original"));
    assertThat(index.find(TrajectorySketch.of(take.trajectory(), CR5))).isEmpty();
    // A trajectory without names (layout unknown) is still compared by joint count.
    assertThat(index.find(TrajectorySketch.of(take.trajectory()))).isPresent();
  }

  @Test
  void aVersionOneSketchIsReadWithAnUnknownLayout() {
    SimTakes.Take take = MotionFamilies.Family.QUANTISED.take("layout-site", 2);
    TrajectorySketch sketch = TrajectorySketch.of(take.trajectory(), V21);
    byte[] v3 = sketch.toBytes();
    // Version 3 appends the corners (u16 count, 6 bytes each) after version 2's layout.
    byte[] v2 = Arrays.copyOf(v3, v3.length - 2 - 6 * sketch.cornerCount());
    v2[0] = 2;
    byte[] v1 = Arrays.copyOf(v2, v2.length - 4);
    v1[0] = 1;

    TrajectorySketch old = TrajectorySketch.fromBytes(v1);

    assertThat(old.layout()).isEqualTo(JointLayout.UNKNOWN);
    assertThat(old.landmarks()).isEqualTo(sketch.landmarks());
    assertThat(TrajectorySketch.fromBytes(v2).layout()).isEqualTo(JointLayout.of(V21));
    assertThat(TrajectorySketch.fromBytes(v2).cornerCount()).isZero();
    assertThat(TrajectorySketch.fromBytes(v3).layout()).isEqualTo(JointLayout.of(V21));
    assertThat(ByteBuffer.wrap(v2).order(ByteOrder.LITTLE_ENDIAN).getInt(v2.length - 4))
        .isEqualTo(JointLayout.of(V21));
  }
}
