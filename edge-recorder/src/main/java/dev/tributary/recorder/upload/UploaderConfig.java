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
 * @param maxBytesPerSecond cap on video upload bandwidth for the whole recorder; 0 = no cap
 */
public record UploaderConfig(
    int concurrency,
    Duration backoffBase,
    Duration backoffCap,
    Duration requestTimeout,
    Duration objectUploadTimeout,
    long maxBytesPerSecond) {

  public UploaderConfig {
    if (concurrency < 1 || concurrency > 64) {
      throw new IllegalArgumentException(
          "upload concurrency must be 1..64 episodes, got " + concurrency);
    }
    new Backoff(backoffBase, backoffCap, java.util.random.RandomGenerator.getDefault());
    if (maxBytesPerSecond < 0) {
      throw new IllegalArgumentException(
          "bandwidth cap must be >= 0 bytes/s (0 = none), got " + maxBytesPerSecond);
    }
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
        Duration.ofMinutes(10),
        0);
  }

  public UploaderConfig withBackoff(Duration base, Duration cap) {
    return new UploaderConfig(
        concurrency, base, cap, requestTimeout, objectUploadTimeout, maxBytesPerSecond);
  }

  public UploaderConfig withRequestTimeout(Duration timeout) {
    return new UploaderConfig(
        concurrency, backoffBase, backoffCap, timeout, objectUploadTimeout, maxBytesPerSecond);
  }

  public UploaderConfig withConcurrency(int episodes) {
    return new UploaderConfig(
        episodes, backoffBase, backoffCap, requestTimeout, objectUploadTimeout, maxBytesPerSecond);
  }

  public UploaderConfig withBandwidthCap(long bytesPerSecond) {
    return new UploaderConfig(
        concurrency, backoffBase, backoffCap, requestTimeout, objectUploadTimeout, bytesPerSecond);
  }

  /** A limiter for this config's cap, or null when uncapped. */
  public BandwidthLimiter newLimiter() {
    return maxBytesPerSecond == 0 ? null : new BandwidthLimiter(maxBytesPerSecond);
  }
}
