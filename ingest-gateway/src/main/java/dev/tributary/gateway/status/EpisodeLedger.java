package dev.tributary.gateway.status;

import dev.tributary.gateway.error.Rejection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What this gateway instance has accepted per episode: the owning site, and a content hash per part
 * (manifest, chunk N, video of a camera, commit). It lets the gateway answer a re-send of an
 * accepted part with the same 202, refuse a different body under the same identity with 409, and
 * refuse another site's token with 403.
 *
 * <p>Bounded (least recently used episodes are forgotten) and in memory only: after a restart, or
 * for parts accepted by another instance, the checks fall back to the pipeline, which drops
 * duplicates by (episodeId, kind, sequence|camera).
 */
public final class EpisodeLedger {
  /** Parts remembered per episode; beyond this, conflict detection stops for that episode. */
  static final int MAX_PARTS_PER_EPISODE = 100_000;

  /** What is known about one episode. Mutable; guarded by the ledger's lock. */
  private static final class Episode {
    final String siteId;
    final Map<String, String> partHashes = new HashMap<>();
    int jointCount = -1;
    Set<String> cameras;
    int chunks;
    int videos;
    boolean committed;

    Episode(String siteId) {
      this.siteId = siteId;
    }
  }

  /** A snapshot for status answers. */
  public record Progress(
      String siteId, boolean manifest, int chunks, int videos, boolean committed) {}

  /** The manifest facts later parts are checked against. */
  public record ManifestFacts(int jointCount, Set<String> cameras) {}

  private final Map<String, Episode> episodes;

  public EpisodeLedger(int capacity) {
    this.episodes =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Episode> eldest) {
            return size() > capacity;
          }
        };
  }

  public static String manifestPart() {
    return "manifest";
  }

  public static String chunkPart(int sequence) {
    return "chunk:" + sequence;
  }

  public static String videoPart(String cameraKey) {
    return "video:" + cameraKey;
  }

  public static String commitPart() {
    return "commit";
  }

  /**
   * Checks a part before it is published.
   *
   * @throws Rejection 403 when the episode belongs to another site, 409 when the same part was
   *     accepted with different content
   */
  public synchronized void check(String episodeId, String siteId, String part, String hash) {
    Episode episode = episodes.get(episodeId);
    if (episode == null) {
      return;
    }
    if (!episode.siteId.equals(siteId)) {
      throw Rejection.forbidden(
          "episode_of_other_site",
          "episode " + episodeId + " belongs to another site: use that site's token");
    }
    String held = episode.partHashes.get(part);
    if (held != null && !held.equals(hash)) {
      throw Rejection.conflict(
          "conflicting_resend",
          part
              + " of episode "
              + episodeId
              + " was already accepted with different content: re-send the same bytes, or record"
              + " a new episode (new id) for new data");
    }
  }

  /** True when exactly this part (same content) was already acknowledged by Kafka. */
  public synchronized boolean isAccepted(String episodeId, String part, String hash) {
    Episode episode = episodes.get(episodeId);
    return episode != null && hash.equals(episode.partHashes.get(part));
  }

  /** Remembers an acknowledged part. */
  public synchronized void record(String episodeId, String siteId, String part, String hash) {
    Episode episode = episodes.computeIfAbsent(episodeId, id -> new Episode(siteId));
    if (!episode.siteId.equals(siteId) || episode.partHashes.size() >= MAX_PARTS_PER_EPISODE) {
      return;
    }
    if (episode.partHashes.put(part, hash) == null) {
      if (part.startsWith("chunk:")) {
        episode.chunks++;
      } else if (part.startsWith("video:")) {
        episode.videos++;
      } else if (part.equals(commitPart())) {
        episode.committed = true;
      }
    }
  }

  /** Remembers the manifest's joint count and cameras, to check later parts against. */
  public synchronized void recordManifest(
      String episodeId, String siteId, String hash, int jointCount, Set<String> cameras) {
    record(episodeId, siteId, manifestPart(), hash);
    Episode episode = episodes.get(episodeId);
    if (episode != null && episode.siteId.equals(siteId)) {
      episode.jointCount = jointCount;
      episode.cameras = Set.copyOf(cameras);
    }
  }

  /** The manifest facts when this instance accepted the manifest, else null. */
  public synchronized ManifestFacts manifest(String episodeId) {
    Episode episode = episodes.get(episodeId);
    return episode == null || episode.cameras == null
        ? null
        : new ManifestFacts(episode.jointCount, episode.cameras);
  }

  /** Progress of a known episode, else null. */
  public synchronized Progress progress(String episodeId) {
    Episode e = episodes.get(episodeId);
    return e == null
        ? null
        : new Progress(e.siteId, e.cameras != null, e.chunks, e.videos, e.committed);
  }

  public synchronized int size() {
    return episodes.size();
  }
}
