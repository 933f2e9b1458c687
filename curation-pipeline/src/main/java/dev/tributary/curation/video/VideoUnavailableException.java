package dev.tributary.curation.video;

/**
 * An episode's video object cannot be read (missing, too large, corrupt, store unreachable): the
 * message is one line naming the object and the cause. The episode gets {@code
 * video_unreadable:<camera>}; the pipeline goes on.
 */
public class VideoUnavailableException extends Exception {
  public VideoUnavailableException(String message) {
    super(message);
  }

  public VideoUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
