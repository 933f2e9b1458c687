package dev.tributary.media;

/** A video that cannot be read or written; the message is one line saying what and why. */
public class MediaException extends Exception {
  public MediaException(String message) {
    super(message);
  }
}
