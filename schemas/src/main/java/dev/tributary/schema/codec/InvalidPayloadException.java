package dev.tributary.schema.codec;

/**
 * A payload that is not a valid Tributary Avro record; the message says what is wrong and how to
 * fix it.
 */
public final class InvalidPayloadException extends Exception {
  private final String reasonCode;

  public InvalidPayloadException(String reasonCode, String message, Throwable cause) {
    super(message, cause);
    this.reasonCode = reasonCode;
  }

  public InvalidPayloadException(String reasonCode, String message) {
    this(reasonCode, message, null);
  }

  /** Stable machine-readable reason, e.g. {@code unknown_schema_fingerprint}. */
  public String reasonCode() {
    return reasonCode;
  }
}
