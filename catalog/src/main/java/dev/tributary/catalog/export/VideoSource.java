package dev.tributary.catalog.export;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds an episode's video object (a key from {@code episodes.video_keys}) as a local file, for the
 * export to concatenate.
 */
@FunctionalInterface
public interface VideoSource {
  /** The file, or {@code null} when the object is not available. */
  Path locate(String videoKey);

  /**
   * The embedded object store: S3Proxy's {@code filesystem-nio2} keeps object {@code key} of bucket
   * {@code b} at {@code <objects>/<b>/<key>} (the launcher's {@code <data>/objects}).
   */
  static VideoSource localObjects(Path objectsDir, String bucket) {
    return key -> {
      Path file = objectsDir.resolve(bucket).resolve(key).normalize();
      return file.startsWith(objectsDir.resolve(bucket)) && Files.isRegularFile(file) ? file : null;
    };
  }
}
