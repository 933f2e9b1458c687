package dev.tributary.curation.iceberg;

import dev.tributary.curation.dedup.TrajectorySketch;
import dev.tributary.curation.verdict.CurationMemory;
import dev.tributary.curation.verdict.MemoryEntry;
import dev.tributary.schema.CurationVerdict;
import dev.tributary.schema.VerdictStatus;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;

/**
 * The {@code episodes} columns the decider's memory is rebuilt from, read back into what they stood
 * for: near-duplicate entries, verdicts to publish again, plain arrays.
 */
final class EpisodeRows {
  private EpisodeRows() {}

  /** Accepted episodes (flagged or not) are the originals later copies point to. */
  static boolean isOriginal(String status) {
    return VerdictStatus.ACCEPTED.name().equals(status)
        || VerdictStatus.ACCEPTED_WITH_FLAGS.name().equals(status);
  }

  /**
   * What one row decided elsewhere adds to a memory: the same {@link MemoryEntry} the deciding
   * instance recorded (its links as far as the row keeps them: {@code duplicate_of}).
   */
  static MemoryEntry entry(Record row) {
    String id = (String) row.getField("episode_id");
    boolean original = isOriginal((String) row.getField("status"));
    Sketched sketch = Sketched.of(id, row);
    return new MemoryEntry(
        id,
        (String) row.getField("exact_key"),
        original,
        (String) row.getField("duplicate_cluster"),
        sketch == null ? null : sketch.entry(),
        original
            ? new MemoryEntry.Accepted(
                (String) row.getField("robot_type"),
                (String) row.getField("site_id"),
                (String) row.getField("task"),
                floats(row.getField("diversity_features")),
                (Double) row.getField("duration_s"))
            : null);
  }

  /** The columns the memory and the re-published verdicts are built from. */
  static final String[] COLUMNS = {
    "episode_id",
    "site_id",
    "exact_key",
    "status",
    "reasons",
    "duplicate_of",
    "quality_score",
    "curated_at",
    "source_partition",
    "source_offset",
    "robot_type",
    "task",
    "duration_s",
    "novelty_score",
    "diversity_features",
    "trajectory_sketch",
    "frame_hashes",
    "duplicate_cluster"
  };

  static long offsetOf(Record row) {
    Long offset = (Long) row.getField("source_offset");
    return offset == null ? 0 : offset;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static long[] longs(Object list) {
    if (list == null) {
      return null;
    }
    List<Long> values = (List<Long>) list;
    long[] out = new long[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  record Sketched(
      String id,
      OffsetDateTime curatedAt,
      long offset,
      byte[] sketch,
      double quality,
      String duplicateOf,
      long[] frameHashes,
      String siteId) {

    /** The row's sketch and what goes with it, or null when it has none. */
    static Sketched of(String id, Record row) {
      ByteBuffer sketch = (ByteBuffer) row.getField("trajectory_sketch");
      if (sketch == null) {
        return null;
      }
      Double quality = (Double) row.getField("quality_score");
      return new Sketched(
          id,
          (OffsetDateTime) row.getField("curated_at"),
          offsetOf(row),
          bytes(sketch),
          quality == null ? 0 : quality,
          (String) row.getField("duplicate_of"),
          longs(row.getField("frame_hashes")),
          (String) row.getField("site_id"));
    }

    MemoryEntry.NearDuplicate entry() {
      return new MemoryEntry.NearDuplicate(
          TrajectorySketch.fromBytes(sketch),
          quality,
          duplicateOf == null ? List.of() : List.of(duplicateOf),
          frameHashes,
          siteId);
    }

    void addTo(CurationMemory memory) {
      MemoryEntry.NearDuplicate near = entry();
      memory.near().add(id, near.sketch(), near.quality(), near.duplicateOf(), near.siteId());
      memory.frameHashes(id, near.frameHashes());
    }
  }

  @SuppressWarnings("unchecked")
  static float[] floats(Object list) {
    if (list == null) {
      return null;
    }
    List<Float> values = (List<Float>) list;
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static CurationVerdict verdictOf(Record row) {
    List<String> reasons = (List<String>) row.getField("reasons");
    Double quality = (Double) row.getField("quality_score");
    Map<String, Double> scores = new HashMap<>();
    if (quality != null) {
      scores.put("quality", quality);
    }
    Double novelty = (Double) row.getField("novelty_score");
    if (novelty != null) {
      scores.put("novelty", novelty);
    }
    OffsetDateTime curated = (OffsetDateTime) row.getField("curated_at");
    return CurationVerdict.newBuilder()
        .setEpisodeId((String) row.getField("episode_id"))
        .setSiteId((String) row.getField("site_id"))
        .setStatus(VerdictStatus.valueOf((String) row.getField("status")))
        .setReasons(reasons == null ? List.of() : List.copyOf(reasons))
        .setDuplicateOf((String) row.getField("duplicate_of"))
        .setScores(scores)
        .setDecidedAtMicros(curated.toEpochSecond() * 1_000_000L + curated.getNano() / 1_000L)
        .build();
  }
}
