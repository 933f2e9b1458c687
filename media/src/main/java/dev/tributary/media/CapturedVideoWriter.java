package dev.tributary.media;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Encodes camera frames to H.264 in an MP4 with the simulator's settings ({@link H264Mp4Writer}:
 * OpenH264, no B frames, a keyframe every 2 s, {@code +faststart}), each frame presented at its own
 * capture time: presentation time = capture time − the first frame's capture time, on a 90 kHz
 * clock (11 µs steps). So the video keeps the real gaps and jitter of the camera, which the
 * curation's dropped-frame check and anyone pairing frames with joint samples read back from the
 * container. Not thread-safe; one instance per camera and episode.
 */
public final class CapturedVideoWriter implements AutoCloseable {
  /** MPEG's 90 kHz clock: a common MP4 time scale, fine enough for capture times. */
  public static final int TICKS_PER_SECOND = 90_000;

  private final ConstantRateVideoWriter out;
  private long firstCaptureNanos;
  private long lastTick = -1;

  /**
   * @param fps the camera's nominal rate (rate control and the frames' nominal duration)
   */
  public CapturedVideoWriter(Path file, int width, int height, int fps) throws IOException {
    try {
      out =
          new ConstantRateVideoWriter(
              file, VideoCodec.H264, width, height, fps, 1, fps * 2, TICKS_PER_SECOND);
    } catch (MediaException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * Encodes a frame captured at {@code captureNanos} (any monotonic clock in nanoseconds; the first
   * frame's time is the video's zero). A frame not after the previous one is moved one tick later.
   */
  public void write(YuvImage image, long captureNanos) throws IOException {
    if (lastTick < 0) {
      firstCaptureNanos = captureNanos;
    }
    long tick =
        Math.max(
            lastTick + 1,
            Math.round((captureNanos - firstCaptureNanos) * (TICKS_PER_SECOND / 1e9)));
    try {
      out.write(image, tick);
    } catch (MediaException e) {
      throw new IOException(e.getMessage(), e);
    }
    lastTick = tick;
  }

  /** Flushes the encoder, writes the MP4 index and closes the file; returns the frame count. */
  public int finish() throws IOException {
    try {
      return out.finish();
    } catch (MediaException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Releases native resources; an unfinished file is left incomplete (the caller deletes it). */
  @Override
  public void close() {
    out.close();
  }
}
