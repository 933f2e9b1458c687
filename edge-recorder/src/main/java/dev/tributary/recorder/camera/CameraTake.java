package dev.tributary.recorder.camera;

/**
 * One camera's part of an episode: the finished MP4 (at the path {@link CameraRig#begin} was given)
 * and the capture time of each of its frames on the recorder's monotonic clock.
 */
public record CameraTake(CameraSource source, long[] captureNanos) {
  public int frames() {
    return captureNanos.length;
  }
}
