package dev.tributary.curation.state;

/**
 * A saved state that cannot be read back: unknown component or version, a length beyond what the
 * stream holds, a checksum that does not match, a truncated stream. The reader falls back to
 * rebuilding the state from its source; the message says why.
 */
public final class StateFormatException extends RuntimeException {
  public StateFormatException(String message) {
    super(message);
  }

  public StateFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
