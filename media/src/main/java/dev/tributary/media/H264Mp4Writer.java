package dev.tributary.media;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Encodes YUV 4:2:0 frames to H.264 (FFmpeg's {@code libopenh264}, constant frame rate, no B
 * frames, one encoder thread, a keyframe every 2 s) in an MP4 with the index at the front ({@code
 * +faststart}), which browsers and ffmpeg play: the simulated rigs' cameras. A {@link
 * ConstantRateVideoWriter} with those settings, answering in {@link IOException}s. Not thread-safe;
 * one instance per camera and episode.
 */
public final class H264Mp4Writer implements AutoCloseable {
  private final ConstantRateVideoWriter out;

  public H264Mp4Writer(Path file, int width, int height, int fps) throws IOException {
    try {
      out = new ConstantRateVideoWriter(file, VideoCodec.H264, width, height, fps, 1, fps * 2);
    } catch (MediaException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Encodes one frame; planes are tightly packed (Y: width x height, U and V: half each way). */
  public void write(YuvImage image) throws IOException {
    try {
      out.write(image);
    } catch (MediaException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * Encodes one frame at a frame index (in 1/fps units); skipping indexes leaves a gap in the
   * timestamps, as a camera that dropped frames would.
   */
  public void write(YuvImage image, long frameIndex) throws IOException {
    try {
      out.write(image, frameIndex);
    } catch (MediaException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Flushes the encoder, writes the MP4 index and closes the file; returns the frame count. */
  public int finish() throws IOException {
    try {
      return out.finish();
    } catch (MediaException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  public int framesWritten() {
    return out.framesWritten();
  }

  /** Releases native resources; an unfinished file is left incomplete (the caller deletes it). */
  @Override
  public void close() {
    out.close();
  }
}
