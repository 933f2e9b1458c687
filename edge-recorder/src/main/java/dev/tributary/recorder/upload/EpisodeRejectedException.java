package dev.tributary.recorder.upload;

/** The gateway refused part of an episode permanently; re-sending it unchanged cannot succeed. */
final class EpisodeRejectedException extends Exception {
  EpisodeRejectedException(String reason) {
    super(reason);
  }
}
