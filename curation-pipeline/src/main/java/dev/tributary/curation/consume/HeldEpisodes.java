package dev.tributary.curation.consume;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.config.PipelineConfig;
import dev.tributary.curation.video.VideoStoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Complete episodes that could not be decided because the video store did not answer: at most one
 * per partition (the loop pauses the partition right after it), with the retry schedule of the
 * current outage and the clock the assembler's timeouts run on. An outage starts with the first
 * held episode and ends when none is held any more. It is logged once when it starts (WARN, or
 * ERROR for a misconfigured store) and once when it ends; retries only at debug level. Plain logic
 * on the consumer thread; time is passed in.
 */
final class HeldEpisodes {
  private static final Logger LOG = LoggerFactory.getLogger(HeldEpisodes.class);

  private final PipelineConfig.StoreRetry retry;
  private final PipelineMetrics metrics;
  private final TreeMap<Integer, AssembledEpisode> held = new TreeMap<>();
  private long outageSince = -1;
  private int failedRetries;
  private long retryAt;
  private long retriesThisOutage;
  private boolean misconfigurationLogged;
  private long frozenMillis;

  HeldEpisodes(PipelineConfig.StoreRetry retry, PipelineMetrics metrics) {
    this.retry = retry;
    this.metrics = metrics;
  }

  /** Holds {@code e}, whose decision failed on the store; the caller pauses its partition. */
  void hold(AssembledEpisode e, VideoStoreUnavailableException why, long nowMillis) {
    if (held.containsKey(e.partition())) {
      throw new IllegalStateException(
          "partition " + e.partition() + " already holds " + held.get(e.partition()).episodeId());
    }
    held.put(e.partition(), e);
    if (outageSince < 0) {
      outageSince = nowMillis;
      failedRetries = 0;
      retriesThisOutage = 0;
      misconfigurationLogged = false;
      retryAt = nowMillis + retry.delayAfter(0).toMillis();
      String line =
          "object store unavailable: {}. Episode {} (site {}, partition {}) is held undecided and"
              + " its partition paused; other partitions go on until they need a video too. No"
              + " episode is marked video_unreadable for this; held ones are retried after {} ms,"
              + " doubling up to {} ms, until the store answers. Check: {}";
      Object[] args = {
        why.getMessage(),
        e.episodeId(),
        e.siteId(),
        e.partition(),
        retry.firstDelay().toMillis(),
        retry.maxDelay().toMillis(),
        why.whatToCheck()
      };
      if (why.isMisconfiguration()) {
        misconfigurationLogged = true;
        LOG.error(line, args);
      } else {
        LOG.warn(line, args);
      }
    } else {
      logIfNewlyMisconfigured(why);
      LOG.info(
          "object store still unavailable: episode {} (partition {}) is held too and its partition"
              + " paused ({} held)",
          e.episodeId(),
          e.partition(),
          held.size());
    }
    publish();
  }

  boolean isHeld(int partition) {
    return held.containsKey(partition);
  }

  Optional<AssembledEpisode> of(int partition) {
    return Optional.ofNullable(held.get(partition));
  }

  int size() {
    return held.size();
  }

  /** Whether a retry is due: something is held and the current delay has passed. */
  boolean retryDue(long nowMillis) {
    return !held.isEmpty() && nowMillis >= retryAt;
  }

  /** The held episodes in the order a retry tries them (by partition). */
  List<AssembledEpisode> inRetryOrder() {
    return new ArrayList<>(held.values());
  }

  /** A retry is being attempted (counted once per episode tried). */
  void retrying() {
    retriesThisOutage++;
    metrics.storeRetried();
  }

  /** The retry failed on the store again: the next one waits twice as long (at most the max). */
  void retryFailed(VideoStoreUnavailableException why, long nowMillis) {
    failedRetries++;
    long delay = retry.delayAfter(failedRetries).toMillis();
    retryAt = nowMillis + delay;
    logIfNewlyMisconfigured(why);
    LOG.debug(
        "object store still unavailable after {} retries ({}); next retry in {} ms",
        retriesThisOutage,
        why.getMessage(),
        delay);
  }

  /** The held episode of {@code partition} was decided at last; the caller resumes it. */
  void decided(int partition, long nowMillis) {
    if (held.remove(partition) != null && held.isEmpty()) {
      LOG.info(
          "object store answers again after {} ms and {} retries: held episodes decided, every"
              + " partition resumed",
          nowMillis - outageSince,
          retriesThisOutage);
      endOutage(nowMillis);
    }
    publish();
  }

  /** Forgets the held episode of a revoked or lost partition (its next owner re-reads it). */
  boolean drop(int partition, long nowMillis) {
    AssembledEpisode dropped = held.remove(partition);
    if (dropped != null) {
      LOG.info(
          "held episode {} of partition {} released undecided with its partition",
          dropped.episodeId(),
          partition);
      if (held.isEmpty()) {
        endOutage(nowMillis);
      }
    }
    publish();
    return dropped != null;
  }

  /**
   * The time the assembler's timeouts run on: monotonic time minus every moment an episode was
   * held. A paused partition does not deliver the rest of its incomplete episodes, so their
   * assembly timeout must not run out during an outage; as the assembler has one clock for all
   * partitions, the timeouts of every partition are extended by the outage.
   */
  long assemblyClock(long nowMillis) {
    return nowMillis - frozenMillis - (outageSince < 0 ? 0 : nowMillis - outageSince);
  }

  private void endOutage(long nowMillis) {
    frozenMillis += nowMillis - outageSince;
    outageSince = -1;
  }

  private void logIfNewlyMisconfigured(VideoStoreUnavailableException why) {
    if (why.isMisconfiguration() && !misconfigurationLogged) {
      misconfigurationLogged = true;
      LOG.error(
          "object store misconfigured: {}; held episodes wait until it is fixed. Check: {}",
          why.getMessage(),
          why.whatToCheck());
    }
  }

  private void publish() {
    metrics.storeUnavailable(!held.isEmpty(), held.size());
  }
}
