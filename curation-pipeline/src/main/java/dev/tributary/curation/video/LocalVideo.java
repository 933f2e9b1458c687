package dev.tributary.curation.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A video object available as a local file for as long as this handle is open. A downloaded copy is
 * deleted on {@link #close()}; a file that already lived on this machine is left alone.
 */
public final class LocalVideo implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalVideo.class);

  private final Path file;
  private final boolean owned;

  private LocalVideo(Path file, boolean owned) {
    this.file = file;
    this.owned = owned;
  }

  /** A temporary copy, deleted on close. */
  public static LocalVideo temporary(Path file) {
    return new LocalVideo(file, true);
  }

  /** A file that belongs to someone else (a local object folder); close leaves it. */
  public static LocalVideo borrowed(Path file) {
    return new LocalVideo(file, false);
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() {
    if (owned) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.warn("deleting temporary video {} failed, it stays on disk: {}", file, e.toString());
      }
    }
  }
}
