package dev.tributary.recorder.upload;

import java.time.Duration;

/**
 * How the uploader behaves.
 *
 * @param concurrency episodes uploaded at once
 * @param backoffBase first retry waits up to this long; each further failure doubles the ceiling
 * @param backoffCap the ceiling never exceeds this
 * @param requestTimeout per gateway call
 * @param objectUploadTimeout per video PUT to the object store
 */
public record UploaderConfig(
    int concurrency,
    Duration backoffBase,
    Duration backoffCap,
    Duration requestTimeout,
    Duration objectUploadTimeout) {

  public UploaderConfig {
    if (concurrency < 1 || concurrency > 64) {
      throw new IllegalArgumentException(
          "upload concurrency must be 1..64 episodes, got " + concurrency);
    }
    new Backoff(backoffBase, backoffCap, java.util.random.RandomGenerator.getDefault());
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("request timeout must be positive, got " + requestTimeout);
    }
  }

  public static UploaderConfig defaults() {
    return new UploaderConfig(
        2,
        Duration.ofMillis(250),
        Duration.ofSeconds(60),
        Duration.ofSeconds(30),
        Duration.ofMinutes(10));
  }

  public UploaderConfig withBackoff(Duration base, Duration cap) {
    return new UploaderConfig(concurrency, base, cap, requestTimeout, objectUploadTimeout);
  }

  public UploaderConfig withRequestTimeout(Duration timeout) {
    return new UploaderConfig(concurrency, backoffBase, backoffCap, timeout, objectUploadTimeout);
  }

  public UploaderConfig withConcurrency(int episodes) {
    return new UploaderConfig(
        episodes, backoffBase, backoffCap, requestTimeout, objectUploadTimeout);
  }
}
