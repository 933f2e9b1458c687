package dev.tributary.catalog.export;

/** An export that cannot be done; the message is one line that says why and what to do. */
public final class ExportException extends RuntimeException {
  public ExportException(String message) {
    super(message);
  }

  public ExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
