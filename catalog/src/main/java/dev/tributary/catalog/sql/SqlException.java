package dev.tributary.catalog.sql;

/** A query the corpus cannot answer; the message is one line that says why and what to do. */
public final class SqlException extends RuntimeException {
  public SqlException(String message) {
    super(oneLine(message));
  }

  public SqlException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  /** First line of a (possibly multi-line, engine-made) message. */
  public static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "unknown error";
    }
    String trimmed = message.strip();
    int nl = trimmed.indexOf('\n');
    return nl < 0 ? trimmed : trimmed.substring(0, nl).strip();
  }
}
