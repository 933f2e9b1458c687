package dev.tributary.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Back-pressure and memory bounds of the gateway. Separate from {@link GatewayConfig} so the
 * launcher's configuration stays small; {@link #defaults()} suits one machine with ~100 sites.
 *
 * @param siteRequestsPerSecond sustained requests per second per site (token bucket refill rate)
 * @param siteBurst requests a site may send at once (token bucket size)
 * @param maxInFlightProduceBytes bytes handed to the producer and not yet acknowledged; above it
 *     the gateway answers 503 instead of queueing (keep well below the producer's buffer.memory)
 * @param maxInFlightRequests requests being processed at once; above it 503
 * @param requestTimeout answer 503 when a request takes longer (video checks use {@link
 *     #videoCheckTimeout})
 * @param videoCheckTimeout time allowed to hash a stored video
 * @param trackedEpisodes episodes whose owner and received parts are remembered (LRU; together they
 *     hold at most 64 chunk hashes per tracked episode, see {@code EpisodeLedger})
 * @param trackedVerdicts curation verdicts remembered for status queries (LRU)
 * @param videoCheckThreads worker threads that talk to the object store
 * @param maxBatchBytes largest body of a chunk batch ({@code POST /v1/episodes/{id}/chunks}), after
 *     decompression; each chunk in it is also limited to {@code GatewayConfig.maxChunkBytes}
 * @param maxBatchChunks chunks allowed in one batch; each takes a token of the site's rate limit,
 *     so it must not exceed {@code siteBurst}
 */
public record GatewayLimits(
    double siteRequestsPerSecond,
    int siteBurst,
    long maxInFlightProduceBytes,
    int maxInFlightRequests,
    Duration requestTimeout,
    Duration videoCheckTimeout,
    int trackedEpisodes,
    int trackedVerdicts,
    int videoCheckThreads,
    int maxBatchBytes,
    int maxBatchChunks) {

  public static GatewayLimits defaults() {
    return new GatewayLimits(
        200,
        400,
        16L * 1024 * 1024,
        2048,
        Duration.ofSeconds(30),
        Duration.ofMinutes(5),
        100_000,
        100_000,
        4,
        4 * 1024 * 1024,
        64);
  }

  public GatewayLimits withSiteRate(double requestsPerSecond, int burst) {
    return new GatewayLimits(
        requestsPerSecond,
        burst,
        maxInFlightProduceBytes,
        maxInFlightRequests,
        requestTimeout,
        videoCheckTimeout,
        trackedEpisodes,
        trackedVerdicts,
        videoCheckThreads,
        maxBatchBytes,
        maxBatchChunks);
  }

  public GatewayLimits withMaxInFlightProduceBytes(long bytes) {
    return new GatewayLimits(
        siteRequestsPerSecond,
        siteBurst,
        bytes,
        maxInFlightRequests,
        requestTimeout,
        videoCheckTimeout,
        trackedEpisodes,
        trackedVerdicts,
        videoCheckThreads,
        maxBatchBytes,
        maxBatchChunks);
  }

  public GatewayLimits withMaxInFlightRequests(int requests) {
    return new GatewayLimits(
        siteRequestsPerSecond,
        siteBurst,
        maxInFlightProduceBytes,
        requests,
        requestTimeout,
        videoCheckTimeout,
        trackedEpisodes,
        trackedVerdicts,
        videoCheckThreads,
        maxBatchBytes,
        maxBatchChunks);
  }

  public GatewayLimits withRequestTimeout(Duration timeout) {
    return new GatewayLimits(
        siteRequestsPerSecond,
        siteBurst,
        maxInFlightProduceBytes,
        maxInFlightRequests,
        timeout,
        videoCheckTimeout,
        trackedEpisodes,
        trackedVerdicts,
        videoCheckThreads,
        maxBatchBytes,
        maxBatchChunks);
  }

  public GatewayLimits withVideoCheckTimeout(Duration timeout) {
    return new GatewayLimits(
        siteRequestsPerSecond,
        siteBurst,
        maxInFlightProduceBytes,
        maxInFlightRequests,
        requestTimeout,
        timeout,
        trackedEpisodes,
        trackedVerdicts,
        videoCheckThreads,
        maxBatchBytes,
        maxBatchChunks);
  }

  public GatewayLimits withTrackedEpisodes(int episodes) {
    return new GatewayLimits(
        siteRequestsPerSecond,
        siteBurst,
        maxInFlightProduceBytes,
        maxInFlightRequests,
        requestTimeout,
        videoCheckTimeout,
        episodes,
        trackedVerdicts,
        videoCheckThreads,
        maxBatchBytes,
        maxBatchChunks);
  }

  /** Chunk batches: at most {@code bytes} per body and {@code chunks} chunks per request. */
  public GatewayLimits withBatchLimits(int bytes, int chunks) {
    return new GatewayLimits(
        siteRequestsPerSecond,
        siteBurst,
        maxInFlightProduceBytes,
        maxInFlightRequests,
        requestTimeout,
        videoCheckTimeout,
        trackedEpisodes,
        trackedVerdicts,
        videoCheckThreads,
        bytes,
        chunks);
  }

  /** Every problem, each with its fix; empty when valid. */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (!(siteRequestsPerSecond > 0) || siteBurst < 1) {
      out.add(
          "site rate limit must be > 0 requests/s with a burst >= 1 (default 200/s, burst 400)");
    }
    if (maxInFlightProduceBytes < 64 * 1024) {
      out.add("maxInFlightProduceBytes must be >= 64 KiB (default 16 MiB)");
    }
    if (maxInFlightRequests < 1) {
      out.add("maxInFlightRequests must be >= 1 (default 2048)");
    }
    if (requestTimeout == null || requestTimeout.toMillis() < 100) {
      out.add("requestTimeout must be >= 100 ms (default 30 s)");
    }
    if (videoCheckTimeout == null || videoCheckTimeout.toMillis() < 10) {
      out.add("videoCheckTimeout must be >= 10 ms (default 5 min)");
    }
    if (trackedEpisodes < 1 || trackedVerdicts < 1 || videoCheckThreads < 1) {
      out.add("trackedEpisodes, trackedVerdicts and videoCheckThreads must be >= 1");
    }
    if (maxBatchBytes < 1024 || maxBatchBytes > 64 * 1024 * 1024) {
      out.add("maxBatchBytes " + maxBatchBytes + " is outside 1 KiB .. 64 MiB: default is 4 MiB");
    }
    if (maxBatchChunks < 1 || maxBatchChunks > siteBurst) {
      out.add(
          "maxBatchChunks "
              + maxBatchChunks
              + " must be 1 .. siteBurst ("
              + siteBurst
              + "): each chunk of a batch takes a rate-limit token, so a larger batch could never"
              + " pass; lower it (withBatchLimits) or raise the burst (default 64)");
    }
    return out;
  }

  public GatewayLimits validate() {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new IllegalStateException("invalid gateway limits: " + String.join("; ", problems));
    }
    return this;
  }
}
