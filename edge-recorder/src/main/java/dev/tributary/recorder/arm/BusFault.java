package dev.tributary.recorder.arm;

import java.io.IOException;

/** A failed transaction on a Feetech bus, with what kind of failure it was. */
public final class BusFault extends IOException {
  /** What went wrong; {@link #UNPLUGGED} is the only one that retrying cannot cure. */
  public enum Kind {
    /** No (complete) answer in time. */
    TIMEOUT,
    /** An answer whose checksum, header or id is wrong (noise, a collision, a bad cable). */
    CORRUPT,
    /** The serial port is gone (cable pulled, adapter reset). */
    UNPLUGGED
  }

  private final Kind kind;
  private final int servoId;

  public BusFault(Kind kind, int servoId, String message) {
    super(message);
    this.kind = kind;
    this.servoId = servoId;
  }

  public Kind kind() {
    return kind;
  }

  public int servoId() {
    return servoId;
  }
}
