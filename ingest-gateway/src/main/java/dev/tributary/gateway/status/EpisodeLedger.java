package dev.tributary.gateway.status;

import dev.tributary.gateway.error.Rejection;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What this gateway instance has accepted per episode: the owning site, and a 64-bit content hash
 * per part (manifest, chunk N, video of a camera, commit). It lets the gateway answer a re-send of
 * an accepted part with the same 202 without a second event, refuse a different body under the same
 * identity with 409, and refuse another site's token with 403.
 *
 * <p>Bounded (least recently used episodes are forgotten; chunk hashes are a dense {@code long[]}
 * by sequence, growing only with accepted chunks, ~16 bytes per chunk) and in memory only: after a
 * restart, or for parts accepted by another instance, the checks fall back to the pipeline, which
 * drops duplicates by (episodeId, kind, sequence|camera).
 */
public final class EpisodeLedger {
  /** Chunk sequences above this are not remembered (conflict detection stops there). */
  static final int MAX_TRACKED_SEQUENCE = 1 << 16;

  /** One part of an episode. */
  public record Part(Kind kind, int sequence, String camera) {
    public enum Kind {
      MANIFEST,
      CHUNK,
      VIDEO,
      COMMIT
    }

    public static Part manifest() {
      return new Part(Kind.MANIFEST, -1, null);
    }

    public static Part chunk(int sequence) {
      return new Part(Kind.CHUNK, sequence, null);
    }

    public static Part video(String camera) {
      return new Part(Kind.VIDEO, -1, camera);
    }

    public static Part commit() {
      return new Part(Kind.COMMIT, -1, null);
    }

    @Override
    public String toString() {
      return switch (kind) {
        case MANIFEST -> "manifest";
        case CHUNK -> "chunk " + sequence;
        case VIDEO -> "video of camera " + camera;
        case COMMIT -> "commit";
      };
    }
  }

  /** What is known about one episode. Mutable; guarded by the ledger's lock. 0 = not accepted. */
  private static final class Episode {
    final String siteId;
    long manifest;
    long commit;
    long[] chunks = new long[0];
    int chunkCount;
    Map<String, Long> videos;
    int jointCount = -1;
    Set<String> cameras;

    Episode(String siteId) {
      this.siteId = siteId;
    }

    long get(Part part) {
      return switch (part.kind()) {
        case MANIFEST -> manifest;
        case COMMIT -> commit;
        case CHUNK -> part.sequence() < chunks.length ? chunks[part.sequence()] : 0;
        case VIDEO -> videos == null ? 0 : videos.getOrDefault(part.camera(), 0L);
      };
    }

    void put(Part part, long hash) {
      switch (part.kind()) {
        case MANIFEST -> manifest = hash;
        case COMMIT -> commit = hash;
        case CHUNK -> {
          int sequence = part.sequence();
          // Memory follows accepted chunks: a far-out sequence from a near-empty episode is not
          // remembered (the pipeline still drops its duplicates).
          if (sequence >= MAX_TRACKED_SEQUENCE || sequence >= 2 * chunkCount + 64) {
            return;
          }
          if (sequence >= chunks.length) {
            chunks =
                Arrays.copyOf(
                    chunks, Math.min(MAX_TRACKED_SEQUENCE, Math.max(64, 2 * (sequence + 1))));
          }
          if (chunks[sequence] == 0) {
            chunkCount++;
          }
          chunks[sequence] = hash;
        }
        case VIDEO -> {
          if (videos == null) {
            videos = new HashMap<>(4);
          }
          videos.put(part.camera(), hash);
        }
      }
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

  /**
   * Checks a part before it is published.
   *
   * @param hash the part's content hash, never 0
   * @throws Rejection 403 when the episode belongs to another site, 409 when the same part was
   *     accepted with different content
   */
  public synchronized void check(String episodeId, String siteId, Part part, long hash) {
    Episode episode = episodes.get(episodeId);
    if (episode == null) {
      return;
    }
    if (!episode.siteId.equals(siteId)) {
      throw Rejection.forbidden(
          "episode_of_other_site",
          "episode " + episodeId + " belongs to another site: use that site's token");
    }
    long held = episode.get(part);
    if (held != 0 && held != hash) {
      throw Rejection.conflict(
          "conflicting_resend",
          "the "
              + part
              + " of episode "
              + episodeId
              + " was already accepted with different content: re-send the same bytes, or record"
              + " a new episode (new id) for new data");
    }
  }

  /** True when exactly this part (same content) was already acknowledged by Kafka. */
  public synchronized boolean isAccepted(String episodeId, Part part, long hash) {
    Episode episode = episodes.get(episodeId);
    return episode != null && episode.get(part) == hash;
  }

  /** Remembers an acknowledged part. */
  public synchronized void record(String episodeId, String siteId, Part part, long hash) {
    Episode episode = episodes.computeIfAbsent(episodeId, id -> new Episode(siteId));
    if (episode.siteId.equals(siteId)) {
      episode.put(part, hash);
    }
  }

  /** Remembers the manifest's joint count and cameras, to check later parts against. */
  public synchronized void recordManifest(
      String episodeId, String siteId, long hash, int jointCount, Set<String> cameras) {
    record(episodeId, siteId, Part.manifest(), hash);
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
        : new Progress(
            e.siteId,
            e.manifest != 0,
            e.chunkCount,
            e.videos == null ? 0 : e.videos.size(),
            e.commit != 0);
  }

  public synchronized int size() {
    return episodes.size();
  }
}
