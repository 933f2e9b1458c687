package dev.tributary.curation.verdict;

import dev.tributary.curation.dedup.ExactDuplicateIndex;
import dev.tributary.curation.dedup.NearDuplicateConfig;
import dev.tributary.curation.dedup.NearDuplicateIndex;
import dev.tributary.curation.diversity.DiversityScorer;
import dev.tributary.curation.diversity.NoveltyIndex;
import dev.tributary.curation.diversity.SceneFeatures;
import dev.tributary.curation.quality.LengthOutliers;
import dev.tributary.curation.state.StateReader;
import dev.tributary.curation.state.StateWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * What the decider remembers across episodes: decided ids and exact keys, the near-duplicate index
 * (with each indexed episode's frame hashes, for confirmation, and the first member of each
 * duplicate cluster), the novelty index and the per-site length statistics. Everything here is
 * derived from the {@code episodes} table and rebuilt from it on start-up (see {@code
 * iceberg.EpisodeIndexLoader}), so a restart decides the same way. It changes only through {@link
 * #record} (the accessors are for reading, and for the loader that fills a fresh memory), so a
 * decision and a row caught up from the table are remembered the same way. {@link #writeTo} and
 * {@link #readFrom} save and load all of it (each component saves its own arrays), so that a start
 * need not rebuild it from the whole table ({@code iceberg.MemorySnapshots}). Single-threaded.
 */
public final class CurationMemory {
  private final ExactDuplicateIndex exact;
  private final NearDuplicateIndex near;
  private final DiversityScorer diversity;
  private final LengthOutliers lengths;
  private final Map<String, long[]> frameHashes = new HashMap<>();
  // episode -> the first member of its duplicate cluster; only episodes that are in a cluster
  private final Map<String, String> clusterRoots = new HashMap<>();

  public CurationMemory(
      ExactDuplicateIndex exact,
      NearDuplicateIndex near,
      DiversityScorer diversity,
      LengthOutliers lengths) {
    this.exact = exact;
    this.near = near;
    this.diversity = diversity;
    this.lengths = lengths;
  }

  /** Empty memory with default settings (scene block sized for {@link SceneFeatures}). */
  public static CurationMemory empty() {
    return new CurationMemory(
        new ExactDuplicateIndex(),
        new NearDuplicateIndex(),
        new DiversityScorer(SceneFeatures.LENGTH, new NoveltyIndex()),
        new LengthOutliers());
  }

  /**
   * Remembers a decided episode: its id (later events of it are skipped), its exact key when it is
   * an original, its novelty vector and duration when accepted, its duplicate cluster, and its
   * sketch and frame hashes for near-duplicate lookups.
   */
  public void record(MemoryEntry e) {
    exact.record(
        e.episodeId(),
        e.exactKey(),
        e.original() ? ExactDuplicateIndex.Status.ORIGINAL : ExactDuplicateIndex.Status.OTHER);
    MemoryEntry.Accepted a = e.accepted();
    if (a != null && a.diversityFeatures() != null) {
      diversity.accept(a.robotType(), a.task(), e.episodeId(), a.diversityFeatures());
    }
    if (a != null && a.durationS() != null) {
      lengths.record(a.siteId(), a.task(), a.durationS());
    }
    if (e.clusterId() != null) {
      joinCluster(e.episodeId(), e.clusterId());
    }
    MemoryEntry.NearDuplicate n = e.near();
    if (n != null) {
      near.add(e.episodeId(), n.sketch(), n.quality(), n.duplicateOf(), n.siteId());
      frameHashes(e.episodeId(), n.frameHashes());
    }
  }

  public ExactDuplicateIndex exact() {
    return exact;
  }

  public NearDuplicateIndex near() {
    return near;
  }

  public DiversityScorer diversity() {
    return diversity;
  }

  public LengthOutliers lengths() {
    return lengths;
  }

  /** Remembers an indexed episode's packed frame hashes (see {@code frame_hashes}). */
  public void frameHashes(String episodeId, long[] packed) {
    if (packed != null && packed.length > 1) {
      frameHashes.put(episodeId, packed);
    }
  }

  long[] frameHashes(String episodeId) {
    return frameHashes.get(episodeId);
  }

  /** The id of the duplicate cluster the episode is in: its first member (itself when alone). */
  public String clusterOf(String episodeId) {
    return clusterRoots.getOrDefault(episodeId, episodeId);
  }

  /** Records that an episode joined the cluster named by its first member. */
  public void joinCluster(String episodeId, String clusterId) {
    clusterRoots.put(episodeId, clusterId);
    clusterRoots.putIfAbsent(clusterId, clusterId);
  }

  private static final int STATE_TAG = 0x4D454D4F; // "MEMO"
  private static final int STATE_VERSION = 1;

  /** Saves every component, then the frame hashes and the cluster roots. */
  public void writeTo(StateWriter out) {
    out.begin(STATE_TAG, STATE_VERSION);
    exact.writeTo(out);
    near.writeTo(out);
    diversity.writeTo(out);
    lengths.writeTo(out);
    out.writeInt(frameHashes.size());
    for (Map.Entry<String, long[]> e : frameHashes.entrySet()) {
      out.writeString(e.getKey());
      out.writeLongs(e.getValue(), e.getValue().length);
    }
    out.writeInt(clusterRoots.size());
    for (Map.Entry<String, String> e : clusterRoots.entrySet()) {
      out.writeString(e.getKey());
      out.writeString(e.getValue());
    }
  }

  /**
   * What {@link #writeTo} saved (the near-duplicate index with default settings, as {@link
   * #empty()}).
   *
   * @throws dev.tributary.curation.state.StateFormatException when it cannot be read back
   */
  public static CurationMemory readFrom(StateReader in) {
    in.begin(STATE_TAG, "curation memory", STATE_VERSION);
    CurationMemory memory =
        new CurationMemory(
            ExactDuplicateIndex.readFrom(in),
            NearDuplicateIndex.readFrom(in, NearDuplicateConfig.defaults()),
            DiversityScorer.readFrom(in),
            LengthOutliers.readFrom(in));
    int hashed = in.length(in.readInt(), 8);
    for (int i = 0; i < hashed; i++) {
      String id = in.readString();
      memory.frameHashes.put(id, in.readLongs());
    }
    int clustered = in.length(in.readInt(), 8);
    for (int i = 0; i < clustered; i++) {
      String id = in.readString();
      memory.clusterRoots.put(id, in.readString());
    }
    return memory;
  }

  public int episodesWithFrameHashes() {
    return frameHashes.size();
  }
}
