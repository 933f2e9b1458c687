package dev.tributary.curation.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.quality.CameraQualityChecker;
import dev.tributary.curation.quality.CameraThresholds;
import dev.tributary.media.ConstantRateVideoWriter;
import dev.tributary.media.VideoCodec;
import dev.tributary.media.VideoFrameReader;
import dev.tributary.recorder.sim.SimFaults;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The camera checks on what {@code lerobot-record} writes: the simulator's faulty and clean
 * episodes re-encoded as AV1 with a keyframe every 2 frames, where each sample moves onto the
 * nearest keyframe ({@code media.SampleGrid}), must raise the same camera flags as the H.264
 * originals (2 s GOPs, samples where they were): a frozen, dark or blurry camera stays flagged, a
 * clean one stays unflagged. One camera, 160x120 at 15 fps, 5-7 s.
 */
class ShortGopCameraFlagsTest {
  private static final int PER_FAULT = 6;

  @TempDir Path dir;

  private final CameraQualityChecker checker =
      new CameraQualityChecker(CameraThresholds.defaults());

  /** Decodes and encodes again as LeRobot does: AV1, a keyframe every 2 frames. */
  private static Path asLeRobotAv1(Path src, Path dst) throws Exception {
    try (VideoFrameReader r = VideoFrameReader.open(src, 160, 120);
        ConstantRateVideoWriter w =
            new ConstantRateVideoWriter(
                dst, VideoCodec.AV1, 160, 120, 15, 1, ConstantRateVideoWriter.GOP)) {
      while (r.next()) {
        w.write(r.image());
      }
      w.finish();
    }
    return dst;
  }

  @Test
  void av1CopiesWithTwoFrameGopsGetTheCameraFlagsOfTheirOriginals() throws Exception {
    SimulatedVideos sim = new SimulatedVideos(dir);
    int flagged = 0;
    long seed = 7000;
    for (String fault : List.of("frozen", "dark", "blur", "")) {
      for (int i = 0; i < PER_FAULT; i++, seed++) {
        SimulatedVideos.Recorded r =
            sim.record("site-" + i, seed, SimFaults.parse(fault), 5 + i % 3, 1, 160, 120, 15);
        Path original = r.files().values().iterator().next();
        Path copy = asLeRobotAv1(original, dir.resolve(seed + "-av1.mp4"));

        List<String> fromOriginal =
            checker.check(
                r.episode(),
                new VideoSampler(segment -> LocalVideo.borrowed(original), 8, 128)
                    .sample(r.episode()));
        List<String> fromCopy =
            checker.check(
                r.episode(),
                new VideoSampler(segment -> LocalVideo.borrowed(copy), 8, 128).sample(r.episode()));

        assertThat(fromCopy).as("fault '%s', seed %d", fault, seed).isEqualTo(fromOriginal);
        if (fault.isEmpty()) {
          assertThat(fromCopy).isEmpty();
        } else {
          String expected =
              switch (fault) {
                case "frozen" -> "camera_frozen:";
                case "dark" -> "camera_dark:";
                default -> "camera_blurry:";
              };
          assertThat(fromCopy).anyMatch(f -> f.startsWith(expected));
          flagged++;
        }
      }
    }
    assertThat(flagged).isEqualTo(3 * PER_FAULT);
  }
}
