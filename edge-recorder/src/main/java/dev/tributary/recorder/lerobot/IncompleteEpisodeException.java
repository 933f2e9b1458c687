package dev.tributary.recorder.lerobot;

/**
 * An episode whose files are not (yet) all there or readable: missing or footer-less Parquet, fewer
 * rows than its length, a video that is missing or ends before the episode. A one-shot import
 * reports it as a failure; the watcher waits and tries again.
 */
public final class IncompleteEpisodeException extends ImportException {
  public IncompleteEpisodeException(String message) {
    super(message);
  }
}
