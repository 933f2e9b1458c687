package dev.tributary.gateway.error;

/**
 * A request the gateway refuses, with the HTTP status, a stable reason code and a message telling
 * the sender what was wrong and how to fix it. Thrown by the plain logic classes; the HTTP layer
 * turns it into {@code {"error": reason, "message": message}}. No stack trace: it is an answer, not
 * a bug.
 */
public final class Rejection extends RuntimeException {
  private final int status;
  private final String reason;
  private final int retryAfterSeconds;

  private Rejection(int status, String reason, String message, int retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.reason = reason;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static Rejection of(int status, String reason, String message) {
    return new Rejection(status, reason, message, 0);
  }

  /** 400: the body cannot be parsed. */
  public static Rejection malformed(String reason, String message) {
    return of(400, reason, message);
  }

  /** 401: missing, unknown or revoked credentials. */
  public static Rejection unauthorized(String reason, String message) {
    return of(401, reason, message);
  }

  /** 403: valid credentials for someone else's data. */
  public static Rejection forbidden(String reason, String message) {
    return of(403, reason, message);
  }

  public static Rejection notFound(String reason, String message) {
    return of(404, reason, message);
  }

  /** 409: a re-send that differs from what was already accepted. */
  public static Rejection conflict(String reason, String message) {
    return of(409, reason, message);
  }

  /** 422: parseable but invalid content. */
  public static Rejection invalid(String reason, String message) {
    return of(422, reason, message);
  }

  /** 429 or 503: try again later; the sender must wait {@code retryAfterSeconds}. */
  public static Rejection retryLater(
      int status, String reason, String message, int retryAfterSeconds) {
    return new Rejection(status, reason, message, Math.max(1, retryAfterSeconds));
  }

  /**
   * The same answer (status, reason, Retry-After) with {@code context} in front of the message,
   * e.g. which chunk of a batch it is about.
   */
  public Rejection in(String context) {
    return new Rejection(status, reason, context + ": " + getMessage(), retryAfterSeconds);
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  /** Seconds for the {@code Retry-After} header; 0 when the answer has none. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
