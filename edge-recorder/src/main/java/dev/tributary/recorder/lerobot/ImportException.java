package dev.tributary.recorder.lerobot;

/** The folder or episode cannot be imported; the message is one line a participant can act on. */
public class ImportException extends Exception {
  public ImportException(String message) {
    super(oneLine(message));
  }

  public ImportException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  /** The first line of a message (library messages often carry stack-like detail). */
  static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }
}
