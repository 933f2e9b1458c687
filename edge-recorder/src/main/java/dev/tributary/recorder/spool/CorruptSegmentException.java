package dev.tributary.recorder.spool;

import java.io.IOException;

/**
 * A segment holds a damaged record that is not at its end: bit rot or outside tampering, not a
 * crash. Never truncated automatically, since that would drop records that may be acknowledged.
 */
public final class CorruptSegmentException extends IOException {
  public CorruptSegmentException(String message) {
    super(message);
  }
}
