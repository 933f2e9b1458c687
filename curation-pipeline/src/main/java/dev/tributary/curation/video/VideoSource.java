package dev.tributary.curation.video;

import dev.tributary.schema.VideoSegment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the pipeline gets an episode's video objects from: the object store in production ({@link
 * S3VideoSource}), a folder in tests. Implementations are blocking and thread-safe.
 */
public interface VideoSource {
  /**
   * The segment's object as a local file; close the handle when done (a downloaded copy is then
   * deleted).
   *
   * @throws VideoUnavailableException with a one-line reason when the object is missing, too large
   *     or different from the segment's size or SHA-256 (the episode is flagged {@code
   *     video_unreadable})
   * @throws VideoStoreUnavailableException when the store does not answer, answers 5xx / 503
   *     SlowDown, or refuses every read (no bucket, bad credentials): nothing is known about the
   *     object and the episode must be retried later, not flagged
   */
  LocalVideo fetch(VideoSegment segment) throws VideoUnavailableException;

  /**
   * Objects as files under a folder, {@code <root>/<objectKey>} (e.g. S3Proxy's {@code
   * filesystem-nio2} layout {@code <objects>/<bucket>}); nothing is copied.
   */
  static VideoSource folder(Path root) {
    Path base = root.toAbsolutePath().normalize();
    return segment -> {
      Path file = base.resolve(segment.getObjectKey()).normalize();
      if (!file.startsWith(base) || !Files.isRegularFile(file)) {
        throw new VideoUnavailableException(
            "video object " + segment.getObjectKey() + " does not exist under " + base);
      }
      return LocalVideo.borrowed(file);
    };
  }
}
