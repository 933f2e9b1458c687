package dev.tributary.curation.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.video.SimulatedVideos;
import dev.tributary.recorder.sim.SimFaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The joint checks on episodes recorded end to end by {@code edge-recorder}'s {@code SimulatedRig}
 * (its motion, tremor, sensor noise and capture clock, spooled and chunked like a real upload),
 * with the rig's own joint faults: capture-time jitter, elbow_flex pinned at its limit, the arm
 * standing still for a quarter of the episode. Recall of each flag >= 0.95, and no flag at all on
 * clean episodes. (The camera faults are covered the same way by {@code CameraFlagRecallTest};
 * {@link QualityFlagRecallTest} covers lost samples, which the rig does not produce for joints.)
 */
class SimulatedRigJointFlagTest {
  private static final int EPISODES = 40;
  private final JointQualityChecker checker = new JointQualityChecker(QualityThresholds.defaults());

  @TempDir Path dir;

  private List<QualityReport> recordAndCheck(String faults, long seedBase) throws Exception {
    SimulatedVideos rig = new SimulatedVideos(dir.resolve(faults.isEmpty() ? "clean" : faults));
    List<QualityReport> reports = new ArrayList<>();
    for (int i = 0; i < EPISODES; i++) {
      double seconds = 5 + (i % 8); // 5-12 s
      SimulatedVideos.Recorded r =
          rig.record(
              "site-" + (i % 20), seedBase + i, SimFaults.parse(faults), seconds, 0, 0, 0, 0);
      reports.add(checker.check(r.episode()));
    }
    return reports;
  }

  private static double recall(List<QualityReport> reports, Predicate<String> flag) {
    double recall =
        reports.stream().filter(r -> r.flags().stream().anyMatch(flag)).count()
            / (double) reports.size();
    // Read by BENCHMARKS.md's "Quality flags on real recordings" (surefire's -output.txt).
    System.out.printf(
        "recall %s: %.3f%n",
        StackWalker.getInstance()
            .walk(f -> f.skip(1).findFirst().map(StackWalker.StackFrame::getMethodName).orElse("")),
        recall);
    return recall;
  }

  @Test
  void cleanRigEpisodesGetNoFlag() throws Exception {
    for (QualityReport r : recordAndCheck("", 1_000)) {
      assertThat(r.flags()).isEmpty();
      assertThat(r.rejections()).isEmpty();
    }
  }

  @Test
  void captureJitterIsFlagged() throws Exception {
    assertThat(recall(recordAndCheck("jitter=3ms", 2_000), "timestamp_jitter"::equals))
        .isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void aPinnedElbowIsFlaggedAsSaturation() throws Exception {
    assertThat(recall(recordAndCheck("saturation", 3_000), f -> f.startsWith("joint_saturation:")))
        .isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void anArmStandingStillIsFlaggedAsIdle() throws Exception {
    assertThat(recall(recordAndCheck("idle", 4_000), "idle_stretch"::equals))
        .isGreaterThanOrEqualTo(0.95);
  }
}
