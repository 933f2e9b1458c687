package dev.tributary.curation.assembly;

import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.VideoSegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Collects the ingest events of each episode until it is complete (manifest, commit, chunks {@code
 * 0..chunkCount-1}, one video reference per manifest camera), in any order and with duplicates.
 * Pure logic: no Kafka, no Iceberg, time passed in, single-threaded.
 */
public final class EpisodeAssembler {
  private final long timeoutMillis;
  private final int maxBuffered;
  // Insertion order = order of first event, so the oldest episodes are first.
  private final Map<String, PartialEpisode> pending = new LinkedHashMap<>();

  public EpisodeAssembler(Duration timeout, int maxBufferedEpisodes) {
    this.timeoutMillis = timeout.toMillis();
    this.maxBuffered = maxBufferedEpisodes;
  }

  /**
   * Adds one event.
   *
   * @return the episode, if this event completed it (it is then forgotten here)
   */
  public Optional<AssembledEpisode> accept(
      IngestEvent event, int partition, long offset, long nowMillis) {
    String id = event.getEpisodeId();
    PartialEpisode p =
        pending.computeIfAbsent(id, k -> new PartialEpisode(k, partition, offset, nowMillis));
    p.siteIds.add(event.getSiteId());
    p.lastReceivedAtMicros = Math.max(p.lastReceivedAtMicros, event.getReceivedAtMicros());
    p.firstReceivedAtMicros =
        p.firstReceivedAtMicros == 0
            ? event.getReceivedAtMicros()
            : Math.min(p.firstReceivedAtMicros, event.getReceivedAtMicros());
    Object payload = event.getPayload();
    if (payload instanceof EpisodeManifest m) {
      checkId(p, m.getEpisodeId(), "manifest");
      p.addManifest(m);
    } else if (payload instanceof JointChunk c) {
      checkId(p, c.getEpisodeId(), "chunk");
      p.addChunk(c);
    } else if (payload instanceof VideoSegment v) {
      checkId(p, v.getEpisodeId(), "video");
      p.addVideo(v);
    } else if (payload instanceof EpisodeCommit c) {
      checkId(p, c.getEpisodeId(), "commit");
      p.addCommit(c);
    } else {
      p.problems.add("unknown_payload:" + (payload == null ? "null" : payload.getClass()));
    }
    if (!p.complete()) {
      return Optional.empty();
    }
    pending.remove(id);
    return Optional.of(EpisodeValidator.validate(p, offset));
  }

  /**
   * Quarantines episodes older than the timeout, then the oldest ones while more than the maximum
   * are buffered.
   */
  public List<QuarantinedEpisode> expire(long nowMillis) {
    List<QuarantinedEpisode> out = new ArrayList<>();
    Iterator<PartialEpisode> it = pending.values().iterator();
    while (it.hasNext()) {
      PartialEpisode p = it.next();
      boolean timedOut = nowMillis - p.firstSeenMillis >= timeoutMillis;
      boolean overflow = pending.size() > maxBuffered;
      if (!timedOut && !overflow) {
        break; // ordered by first event: the rest are younger
      }
      List<String> reasons = new ArrayList<>();
      reasons.add(timedOut ? "assembly_timeout" : "buffer_full");
      reasons.addAll(p.missing());
      reasons.addAll(p.problems);
      out.add(
          new QuarantinedEpisode(
              p.episodeId,
              p.firstSiteId(),
              p.partition,
              p.firstOffset,
              reasons,
              p.manifest,
              p.samplesReceived(),
              p.firstReceivedAtMicros,
              p.lastReceivedAtMicros));
      it.remove();
    }
    return out;
  }

  /** The earliest offset of any episode still incomplete in this partition. */
  public OptionalLong lowestPendingOffset(int partition) {
    long min = Long.MAX_VALUE;
    for (PartialEpisode p : pending.values()) {
      if (p.partition == partition) {
        min = Math.min(min, p.firstOffset);
      }
    }
    return min == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(min);
  }

  /** Forgets every incomplete episode of a partition this instance no longer owns. */
  public int dropPartition(int partition) {
    int before = pending.size();
    pending.values().removeIf(p -> p.partition == partition);
    return before - pending.size();
  }

  public int bufferedEpisodes() {
    return pending.size();
  }

  private static void checkId(PartialEpisode p, String payloadId, String kind) {
    if (!p.episodeId.equals(payloadId)) {
      p.problems.add("episode_id_mismatch:" + kind);
    }
  }
}
