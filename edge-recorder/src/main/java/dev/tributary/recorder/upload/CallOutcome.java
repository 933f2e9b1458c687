package dev.tributary.recorder.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** How one HTTP call ended, classified for the retry policy. */
public sealed interface CallOutcome {

  /** 2xx: the step is acknowledged; {@code etag} is the answer's ETag header, if any. */
  record Accepted(int status, JsonNode body, String etag) implements CallOutcome {
    public Accepted(int status, JsonNode body) {
      this(status, body, null);
    }
  }

  /**
   * Worth retrying: network error or timeout ({@code status} 0), 5xx, 408, 409, 429; {@code
   * retryAfter} is the server's {@code Retry-After} when it sent one, else null.
   */
  record Retry(int status, String error, String message, Duration retryAfter)
      implements CallOutcome {
    public Retry(String reason, Duration retryAfter) {
      this(0, "network", reason, retryAfter);
    }

    public String reason() {
      return status == 0 ? message : status + " " + error + ": " + message;
    }
  }

  /** The site token was refused (401/403): no episode is at fault; wait for a new token. */
  record Unauthorized(int status, String error, String message) implements CallOutcome {}

  /** Any other 4xx: the request itself is wrong and re-sending it cannot help. */
  record Rejected(int status, String error, String message) implements CallOutcome {
    public String reason() {
      return status + " " + error + ": " + message;
    }
  }
}
