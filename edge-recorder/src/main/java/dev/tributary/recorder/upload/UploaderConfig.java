package dev.tributary.recorder.upload;

import java.time.Duration;

/**
 * How the uploader behaves.
 *
 * @param concurrency episodes uploaded at once
 * @param backoffBase first retry waits up to this long; each further failure doubles the ceiling
 * @param backoffCap the ceiling never exceeds this
 * @param requestTimeout per gateway call
 * @param objectUploadTimeout per video part PUT to the object store
 * @param maxBytesPerSecond cap on video upload bandwidth for the whole recorder; 0 = no cap
 * @param partConcurrency video parts of one episode uploaded at once
 * @param chunksPerRequest joint chunks of one episode sent in one request ({@code POST
 *     .../chunks}); 1 = one {@code PUT .../chunks/{sequence}} per chunk, as before batches existed
 * @param maxChunkBatchBytes a batch holds at most this many bytes of encoded chunks (a larger chunk
 *     goes alone)
 */
public record UploaderConfig(
    int concurrency,
    Duration backoffBase,
    Duration backoffCap,
    Duration requestTimeout,
    Duration objectUploadTimeout,
    long maxBytesPerSecond,
    int partConcurrency,
    int chunksPerRequest,
    long maxChunkBatchBytes) {

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
    if (partConcurrency < 1 || partConcurrency > 16) {
      throw new IllegalArgumentException(
          "part concurrency must be 1..16 parts per episode, got " + partConcurrency);
    }
    if (chunksPerRequest < 1 || chunksPerRequest > MAX_CHUNKS_PER_REQUEST) {
      throw new IllegalArgumentException(
          "chunks per request must be 1.."
              + MAX_CHUNKS_PER_REQUEST
              + " (the gateway's default batch limit), got "
              + chunksPerRequest);
    }
    if (maxChunkBatchBytes < 1024) {
      throw new IllegalArgumentException(
          "a chunk batch must allow at least 1 KiB, got " + maxChunkBatchBytes + " bytes");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("request timeout must be positive, got " + requestTimeout);
    }
  }

  /** The gateway's default {@code maxBatchChunks}: larger batches would be refused with 413. */
  public static final int MAX_CHUNKS_PER_REQUEST = 64;

  public static UploaderConfig defaults() {
    return new UploaderConfig(
        2,
        Duration.ofMillis(250),
        Duration.ofSeconds(60),
        Duration.ofSeconds(30),
        Duration.ofMinutes(10),
        0,
        2,
        32,
        1024 * 1024);
  }

  public UploaderConfig withBackoff(Duration base, Duration cap) {
    return new UploaderConfig(
        concurrency,
        base,
        cap,
        requestTimeout,
        objectUploadTimeout,
        maxBytesPerSecond,
        partConcurrency,
        chunksPerRequest,
        maxChunkBatchBytes);
  }

  public UploaderConfig withRequestTimeout(Duration timeout) {
    return new UploaderConfig(
        concurrency,
        backoffBase,
        backoffCap,
        timeout,
        objectUploadTimeout,
        maxBytesPerSecond,
        partConcurrency,
        chunksPerRequest,
        maxChunkBatchBytes);
  }

  public UploaderConfig withConcurrency(int episodes) {
    return new UploaderConfig(
        episodes,
        backoffBase,
        backoffCap,
        requestTimeout,
        objectUploadTimeout,
        maxBytesPerSecond,
        partConcurrency,
        chunksPerRequest,
        maxChunkBatchBytes);
  }

  public UploaderConfig withBandwidthCap(long bytesPerSecond) {
    return new UploaderConfig(
        concurrency,
        backoffBase,
        backoffCap,
        requestTimeout,
        objectUploadTimeout,
        bytesPerSecond,
        partConcurrency,
        chunksPerRequest,
        maxChunkBatchBytes);
  }

  public UploaderConfig withPartConcurrency(int parts) {
    return new UploaderConfig(
        concurrency,
        backoffBase,
        backoffCap,
        requestTimeout,
        objectUploadTimeout,
        maxBytesPerSecond,
        parts,
        chunksPerRequest,
        maxChunkBatchBytes);
  }

  /**
   * Chunk batches of at most {@code chunks} chunks and {@code bytes} bytes; 1 chunk = no batches.
   */
  public UploaderConfig withChunkBatches(int chunks, long bytes) {
    return new UploaderConfig(
        concurrency,
        backoffBase,
        backoffCap,
        requestTimeout,
        objectUploadTimeout,
        maxBytesPerSecond,
        partConcurrency,
        chunks,
        bytes);
  }

  /** A limiter for this config's cap, or null when uncapped. */
  public BandwidthLimiter newLimiter() {
    return maxBytesPerSecond == 0 ? null : new BandwidthLimiter(maxBytesPerSecond);
  }
}
