package dev.tributary.recorder.spool;

/** A new recording was refused because the spool is above its quota or the disk is nearly full. */
public final class SpoolFullException extends Exception {
  public SpoolFullException(String message) {
    super(message);
  }
}
