package dev.tributary.recorder.lerobot;

/** The folder cannot be imported; the message is one line a participant can act on. */
public final class ImportException extends Exception {
  public ImportException(String message) {
    super(message);
  }

  public ImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
