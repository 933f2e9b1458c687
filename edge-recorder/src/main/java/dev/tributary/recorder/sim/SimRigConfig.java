package dev.tributary.recorder.sim;

import java.time.Duration;

/**
 * A simulated SO-101 rig.
 *
 * @param realtime pace the recording in wall-clock time (true) or produce it as fast as possible
 *     with nominal timestamps (false)
 * @param chunkDuration joint samples per spooled chunk, as a duration (1 s by default)
 */
public record SimRigConfig(
    String siteId,
    String rigId,
    int cameras,
    int width,
    int height,
    int videoFps,
    int jointHz,
    boolean realtime,
    Duration chunkDuration) {

  public SimRigConfig {
    CameraView.first(cameras);
    if (cameras > 0 && (width < 16 || height < 16 || width % 2 != 0 || height % 2 != 0)) {
      throw new IllegalArgumentException(
          "camera size must be even and at least 16x16, got " + width + "x" + height);
    }
    if (cameras > 0 && (videoFps < 1 || videoFps > 120)) {
      throw new IllegalArgumentException("video fps must be 1..120, got " + videoFps);
    }
    if (jointHz < 1 || jointHz > 1000) {
      throw new IllegalArgumentException("joint rate must be 1..1000 Hz, got " + jointHz);
    }
    if (chunkDuration == null || chunkDuration.isNegative() || chunkDuration.isZero()) {
      chunkDuration = Duration.ofSeconds(1);
    }
  }
}
