package dev.tributary.catalog.thumbnail;

/** A video that cannot give a thumbnail; the message is one line. */
public final class ThumbnailException extends Exception {
  public ThumbnailException(String message) {
    super(message.replace('\n', ' ').replace('\r', ' '));
  }
}
