package dev.tributary.curation.video;

/**
 * The object store could not be asked for an episode's video right now: it is down, unreachable,
 * timing out, throttling (503 SlowDown), answering 5xx, or misconfigured (missing bucket, refused
 * credentials). It says nothing about the object, so the episode must not be decided: the curation
 * loop holds it and retries with backoff (module README, <em>Object store outages</em>). A problem
 * of the object itself (missing, too large, corrupt) is a {@link VideoUnavailableException}
 * instead.
 *
 * <p>Unchecked so that it passes through the quality checks and the decider unchanged; both leave
 * their state untouched when it is thrown, so the same episode can be decided again later.
 */
public final class VideoStoreUnavailableException extends RuntimeException {
  private final boolean misconfiguration;
  private final String whatToCheck;

  private VideoStoreUnavailableException(
      String message, String whatToCheck, boolean misconfiguration, Throwable cause) {
    super(message, cause);
    this.whatToCheck = whatToCheck;
    this.misconfiguration = misconfiguration;
  }

  /** The store is down, unreachable, slow or overloaded: it should come back by itself. */
  public static VideoStoreUnavailableException outage(
      String message, String whatToCheck, Throwable cause) {
    return new VideoStoreUnavailableException(message, whatToCheck, false, cause);
  }

  /**
   * The store answers but refuses every read (no such bucket, bad credentials): an operator must
   * fix the configuration. Still not the episodes' fault, so they are held like in an outage.
   */
  public static VideoStoreUnavailableException misconfiguration(
      String message, String whatToCheck, Throwable cause) {
    return new VideoStoreUnavailableException(message, whatToCheck, true, cause);
  }

  /** Whether an operator has to fix the configuration (else the store should recover). */
  public boolean isMisconfiguration() {
    return misconfiguration;
  }

  /** One sentence naming what an operator should look at. */
  public String whatToCheck() {
    return whatToCheck;
  }
}
