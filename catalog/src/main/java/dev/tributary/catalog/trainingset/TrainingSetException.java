package dev.tributary.catalog.trainingset;

/** A training set that cannot be built, found or rebuilt; the message is one line. */
public final class TrainingSetException extends RuntimeException {
  public TrainingSetException(String message) {
    super(message);
  }

  public TrainingSetException(String message, Throwable cause) {
    super(message, cause);
  }
}
