package dev.tributary.media;

import java.nio.file.Path;

/**
 * Re-times a video to exactly {@code frames} frames at a constant {@code fps}: output frame k (at
 * {@code k / fps}) is the source frame nearest to that time, measured from the source's first
 * frame. A slower source repeats frames, a faster one skips, an offset or drifting clock is snapped
 * back onto the grid, and a source shorter than {@code frames} holds its last frame. This is what
 * makes a dataset's rows ({@code timestamp = frame_index / fps}) meet a video frame within
 * LeRobot's 1e-4 s tolerance whatever rate the camera delivered.
 */
public final class FrameRateConverter {
  private FrameRateConverter() {}

  /**
   * What the conversion did.
   *
   * @param sourceFrames frames decoded from the source
   * @param held output frames past the source's end (the last frame repeated)
   * @param unused source frames after the last output frame (the source was longer)
   */
  public record Result(int sourceFrames, int held, int unused) {}

  /** Decodes {@code source} (scaled to the writer's size) and writes {@code frames} frames. */
  public static Result convert(Path source, double fps, int frames, ConstantRateVideoWriter writer)
      throws MediaException {
    try (VideoFrameReader reader = VideoFrameReader.open(source, writer.width(), writer.height())) {
      if (!reader.next()) {
        throw new MediaException("the video has no decodable frame");
      }
      YuvImage current = new YuvImage(writer.width(), writer.height());
      current.copyFrom(reader.image());
      double currentTime = reader.seconds();
      int decoded = 1;
      boolean more = reader.next();
      if (more) {
        decoded++;
      }
      int held = 0;
      for (int k = 0; k < frames; k++) {
        double t = k / fps;
        while (more && Math.abs(reader.seconds() - t) <= Math.abs(currentTime - t)) {
          current.copyFrom(reader.image());
          currentTime = reader.seconds();
          more = reader.next();
          if (more) {
            decoded++;
          }
        }
        // past the source's end: beyond its last frame's nominal duration
        double interval = decoded > 1 ? currentTime / (decoded - 1) : 1 / fps;
        if (!more && t >= currentTime + interval - 1e-9) {
          held++;
        }
        writer.write(current);
      }
      int unused = more ? 1 : 0;
      while (more && reader.next()) {
        decoded++;
        unused++;
      }
      return new Result(decoded, held, unused);
    }
  }
}
