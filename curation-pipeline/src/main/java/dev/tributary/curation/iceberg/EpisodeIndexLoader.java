package dev.tributary.curation.iceberg;

import dev.tributary.curation.dedup.ExactDuplicateIndex;
import dev.tributary.curation.diversity.DiversityScorer;
import dev.tributary.curation.diversity.NoveltyIndex;
import dev.tributary.schema.CurationVerdict;
import dev.tributary.schema.VerdictStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Rebuilds the exact-duplicate index from the {@code episodes} table, and collects the verdicts of
 * recently written rows so they can be published again (their first publication may have been cut
 * short by a crash).
 */
public final class EpisodeIndexLoader {
  private EpisodeIndexLoader() {}

  /**
   * @param republishFrom partition -> offset: rows of that partition whose completing offset is at
   *     least this are returned as verdicts to publish again
   */
  public static Loaded load(Table episodes, Map<Integer, Long> republishFrom) {
    episodes.refresh();
    ExactDuplicateIndex index = new ExactDuplicateIndex();
    DiversityScorer diversity = new DiversityScorer(0, new NoveltyIndex());
    Map<String, Original> firstByKey = new HashMap<>();
    List<Original> originals = new ArrayList<>();
    List<CurationVerdict> republish = new ArrayList<>();
    if (episodes.currentSnapshot() == null) {
      return new Loaded(index, diversity, republish);
    }
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(episodes)
            .select(
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
                "novelty_score",
                "diversity_features")
            .build()) {
      for (Record row : rows) {
        String id = (String) row.getField("episode_id");
        String key = (String) row.getField("exact_key");
        String status = (String) row.getField("status");
        boolean original =
            VerdictStatus.ACCEPTED.name().equals(status)
                || VerdictStatus.ACCEPTED_WITH_FLAGS.name().equals(status);
        if (original) {
          Original o = new Original(id, key, (OffsetDateTime) row.getField("curated_at"));
          originals.add(o);
          if (key != null) {
            firstByKey.merge(key, o, Original::earlier);
          }
          float[] features = floats(row.getField("diversity_features"));
          if (features != null) {
            diversity.accept(
                (String) row.getField("robot_type"), (String) row.getField("task"), id, features);
          }
        } else {
          index.record(id, key, ExactDuplicateIndex.Status.OTHER);
        }
        Integer partition = (Integer) row.getField("source_partition");
        Long offset = (Long) row.getField("source_offset");
        Long from = partition == null ? null : republishFrom.get(partition);
        if (from != null && offset != null && offset >= from) {
          republish.add(verdictOf(row));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + episodes.name() + " failed", e);
    }
    // The earliest-curated original of each key is the reference; record it first.
    for (Original first : firstByKey.values()) {
      index.record(first.id(), first.key(), ExactDuplicateIndex.Status.ORIGINAL);
    }
    for (Original o : originals) {
      index.record(o.id(), o.key(), ExactDuplicateIndex.Status.ORIGINAL);
    }
    return new Loaded(index, diversity, republish);
  }

  @SuppressWarnings("unchecked")
  private static float[] floats(Object list) {
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

  private record Original(String id, String key, OffsetDateTime curatedAt) {
    static Original earlier(Original a, Original b) {
      int byTime = a.curatedAt.compareTo(b.curatedAt);
      if (byTime != 0) {
        return byTime < 0 ? a : b;
      }
      return a.id.compareTo(b.id) <= 0 ? a : b;
    }
  }

  @SuppressWarnings("unchecked")
  private static CurationVerdict verdictOf(Record row) {
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

  /** The rebuilt indexes and the verdicts to publish again. */
  public record Loaded(
      ExactDuplicateIndex index, DiversityScorer diversity, List<CurationVerdict> republish) {}
}
