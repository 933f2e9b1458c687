package dev.tributary.gateway.status;

import dev.tributary.gateway.error.Rejection;
import dev.tributary.gateway.validation.JointShape;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What this gateway instance has accepted per episode: the owning site, and a 64-bit content hash
 * per part (manifest, chunk N, video of a camera, commit). It lets the gateway answer a re-send of
 * an accepted part with the same 202 without a second event, refuse a different body under the same
 * identity with 409, and refuse another site's token with 403.
 *
 * <p>Bounded twice, least recently used episodes first: by episode count, and by the chunk-hash
 * slots all episodes hold together (chunk hashes are a dense {@code long[]} by sequence, growing by
 * half with accepted chunks, 8 bytes a slot), so long episodes cannot fill the heap before the
 * episode count is reached (a 10-minute benchmark of 300-chunk episodes did, before this bound). In
 * memory only: after a restart, after eviction, or for parts accepted by another instance, the
 * checks fall back to the pipeline, which drops duplicates by (episodeId, kind, sequence|camera).
 */
public final class EpisodeLedger {
  /** Chunk sequences above this are not remembered (conflict detection stops there). */
  static final int MAX_TRACKED_SEQUENCE = 1 << 16;

  /** Chunk-hash slots per tracked episode on average, when the slot bound is not given. */
  static final int SLOTS_PER_EPISODE = 64;

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
    JointShape joints = JointShape.UNKNOWN;
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

    /** Stores the part; answers how many chunk-hash slots the episode grew by. */
    int put(Part part, long hash) {
      int slotsBefore = chunks.length;
      switch (part.kind()) {
        case MANIFEST -> manifest = hash;
        case COMMIT -> commit = hash;
        case CHUNK -> {
          int sequence = part.sequence();
          // Memory follows accepted chunks: a far-out sequence from a near-empty episode is not
          // remembered (the pipeline still drops its duplicates).
          if (sequence >= MAX_TRACKED_SEQUENCE || sequence >= 2 * chunkCount + 64) {
            return 0;
          }
          if (sequence >= chunks.length) {
            int grown = Math.max(64, sequence + 1 + ((sequence + 1) >> 1));
            chunks = Arrays.copyOf(chunks, Math.min(MAX_TRACKED_SEQUENCE, grown));
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
      return chunks.length - slotsBefore;
    }
  }

  /** A snapshot for status answers. */
  public record Progress(
      String siteId, boolean manifest, int chunks, int videos, boolean committed) {}

  /** The manifest facts later parts are checked against. */
  public record ManifestFacts(JointShape joints, Set<String> cameras) {}

  private final LinkedHashMap<String, Episode> episodes;
  private final long maxSlots;
  private long slots;

  /** At most {@code capacity} episodes and {@value #SLOTS_PER_EPISODE} chunk slots per episode. */
  public EpisodeLedger(int capacity) {
    this(capacity, (long) SLOTS_PER_EPISODE * capacity);
  }

  /**
   * @param capacity episodes remembered at most
   * @param maxSlots chunk-hash slots (8 bytes each) all remembered episodes hold together at most
   */
  public EpisodeLedger(int capacity, long maxSlots) {
    this.maxSlots = maxSlots;
    this.episodes =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Episode> eldest) {
            if (size() <= capacity) {
              return false;
            }
            slots -= eldest.getValue().chunks.length;
            return true;
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
      slots += episode.put(part, hash);
      evictOverSlots();
    }
  }

  /** Forgets least recently used episodes until the chunk slots fit (never the newest one). */
  private void evictOverSlots() {
    Iterator<Episode> eldestFirst = episodes.values().iterator();
    while (slots > maxSlots && episodes.size() > 1) {
      slots -= eldestFirst.next().chunks.length;
      eldestFirst.remove();
    }
  }

  /** Chunk-hash slots held by all remembered episodes (for tests and diagnostics). */
  public synchronized long chunkSlots() {
    return slots;
  }

  /** Remembers the manifest's joint columns and cameras, to check later parts against. */
  public synchronized void recordManifest(
      String episodeId, String siteId, long hash, JointShape joints, Set<String> cameras) {
    record(episodeId, siteId, Part.manifest(), hash);
    Episode episode = episodes.get(episodeId);
    if (episode != null && episode.siteId.equals(siteId)) {
      episode.joints = joints;
      episode.cameras = Set.copyOf(cameras);
    }
  }

  /** The manifest facts when this instance accepted the manifest, else null. */
  public synchronized ManifestFacts manifest(String episodeId) {
    Episode episode = episodes.get(episodeId);
    return episode == null || episode.cameras == null
        ? null
        : new ManifestFacts(episode.joints, episode.cameras);
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
