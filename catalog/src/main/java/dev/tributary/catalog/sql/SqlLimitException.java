package dev.tributary.catalog.sql;

/** A statement stopped by one of the service's SQL limits; {@link #code()} names which. */
public final class SqlLimitException extends RuntimeException {
  /** The limit, as the HTTP error code names it. */
  public enum Limit {
    STATEMENT_TIMEOUT("statement_timeout"),
    MEMORY_LIMIT("memory_limit"),
    RESULT_TOO_LARGE("result_too_large");

    private final String code;

    Limit(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private final Limit limit;

  public SqlLimitException(Limit limit, String message, Throwable cause) {
    super(SqlException.oneLine(message), cause);
    this.limit = limit;
  }

  public Limit limit() {
    return limit;
  }

  public String code() {
    return limit.code();
  }
}
