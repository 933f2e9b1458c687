package dev.tributary.recorder.sim;

/** The recording was stopped on request before the episode was complete; nothing was kept. */
public final class RecordingStoppedException extends Exception {
  public RecordingStoppedException(String message) {
    super(message);
  }
}
