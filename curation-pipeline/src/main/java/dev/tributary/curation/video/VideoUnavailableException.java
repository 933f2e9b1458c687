package dev.tributary.curation.video;

/**
 * An episode's video object cannot be read, for good: missing (404 / NoSuchKey), too large,
 * different from the segment's size or SHA-256, or refused by the store as a bad request. The
 * message is one line naming the object and the cause. The episode gets {@code
 * video_unreadable:<camera>}; the pipeline goes on. A store that is down or unreachable is not the
 * object's fault: that is a {@link VideoStoreUnavailableException}, and the episode is retried.
 */
public class VideoUnavailableException extends Exception {
  public VideoUnavailableException(String message) {
    super(message);
  }

  public VideoUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
