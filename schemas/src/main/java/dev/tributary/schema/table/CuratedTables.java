package dev.tributary.schema.table;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * The curated Iceberg tables: the contract between the curation pipeline (their only writer) and
 * every reader (the catalog service, Spark, Trino, DuckDB, PyIceberg). Top-level column ids are
 * stable; Iceberg reassigns nested (list element) ids when it creates a table, so writers must
 * write files with {@code table.schema()}, never with these constants. Evolve by adding optional
 * columns.
 */
public final class CuratedTables {
  private CuratedTables() {}

  public static final Namespace NAMESPACE = Namespace.of("tributary");

  /** Snapshot-summary key prefix under which the pipeline stores consumed Kafka offsets. */
  public static final String OFFSETS_SUMMARY_PREFIX = "tributary.offsets.";

  /** Table properties every curated table is created with. */
  public static final Map<String, String> PROPERTIES =
      Map.of(
          "format-version", "2",
          "write.format.default", "parquet",
          "write.parquet.compression-codec", "zstd",
          "commit.retry.num-retries", "10",
          // a commit every few seconds writes ~40k metadata files a day otherwise
          "write.metadata.delete-after-commit.enabled", "true",
          "write.metadata.previous-versions-max", "50");

  /** One row per curated episode. */
  public static final TableIdentifier EPISODES = TableIdentifier.of(NAMESPACE, "episodes");

  public static final Schema EPISODES_SCHEMA =
      new Schema(
          required(1, "episode_id", Types.StringType.get(), "UUID chosen by the recorder"),
          required(2, "site_id", Types.StringType.get()),
          optional(3, "rig_id", Types.StringType.get()),
          optional(4, "robot_type", Types.StringType.get()),
          optional(5, "task", Types.StringType.get()),
          optional(6, "source", Types.StringType.get(), "sim, lerobot-v3, lerobot-v2.1, rig"),
          optional(7, "timestamp_source", Types.StringType.get(), "CAPTURE or SYNTHETIC"),
          required(8, "started_at", Types.TimestampType.withZone()),
          optional(9, "duration_s", Types.DoubleType.get()),
          required(10, "sample_count", Types.IntegerType.get()),
          optional(11, "joint_rate_hz", Types.FloatType.get()),
          optional(12, "joint_names", Types.ListType.ofRequired(101, Types.StringType.get())),
          optional(13, "camera_keys", Types.ListType.ofRequired(102, Types.StringType.get())),
          optional(
              14,
              "video_keys",
              Types.ListType.ofRequired(103, Types.StringType.get()),
              "object keys in the video bucket, in camera_keys order"),
          optional(15, "content_sha256", Types.StringType.get(), "as declared by the recorder"),
          optional(
              16,
              "exact_key",
              Types.StringType.get(),
              "hash of the canonically quantised joint data (exact-duplicate key)"),
          required(
              17,
              "status",
              Types.StringType.get(),
              "ACCEPTED, ACCEPTED_WITH_FLAGS, REJECTED, DUPLICATE, QUARANTINED"),
          optional(18, "reasons", Types.ListType.ofRequired(104, Types.StringType.get())),
          optional(19, "duplicate_of", Types.StringType.get()),
          optional(20, "quality_score", Types.DoubleType.get()),
          optional(21, "novelty_score", Types.DoubleType.get()),
          optional(22, "edge_committed_at", Types.TimestampType.withZone()),
          optional(23, "ingested_at", Types.TimestampType.withZone()),
          required(24, "curated_at", Types.TimestampType.withZone()),
          optional(25, "source_partition", Types.IntegerType.get()),
          optional(26, "source_offset", Types.LongType.get()),
          optional(
              27,
              "duplicate_kind",
              Types.StringType.get(),
              "EXACT, DUPLICATE, SUB_CLIP, REPLAY or SUPERSEDES (see curation-pipeline README)"),
          optional(
              28,
              "duplicate_cluster",
              Types.StringType.get(),
              "id of the cluster of near-identical episodes (its first member); null when alone"),
          optional(
              29,
              "diversity_features",
              Types.ListType.ofRequired(105, Types.FloatType.get()),
              "scene + motion + task feature vector (layout in the curation-pipeline README)"),
          optional(
              30,
              "coverage_cell",
              Types.IntegerType.get(),
              "locality-sensitive cell of diversity_features; sites' unique coverage counts cells"),
          optional(
              31,
              "trajectory_sketch",
              Types.BinaryType.get(),
              "near-duplicate sketch of the joint trajectory; the index is rebuilt from it"),
          optional(32, "frame_hashes", Types.ListType.ofRequired(106, Types.LongType.get())),
          optional(
              33,
              "action_names",
              Types.ListType.ofRequired(107, Types.StringType.get()),
              "names of the frames' action values, in order; null: the same as joint_names"),
          optional(
              34,
              "camera_sync_median_ms",
              Types.DoubleType.get(),
              "camera-to-joint sync error measured by the recorder: the worst camera's median of"
                  + " |frame capture time - nearest joint sample's|; null when not measured"),
          optional(
              35,
              "camera_sync_max_ms",
              Types.DoubleType.get(),
              "the worst camera's maximum of the same"));

  public static final PartitionSpec EPISODES_SPEC =
      PartitionSpec.builderFor(EPISODES_SCHEMA).day("started_at").build();

  /** One row per joint sample of every curated, non-duplicate episode. */
  public static final TableIdentifier FRAMES = TableIdentifier.of(NAMESPACE, "frames");

  public static final Schema FRAMES_SCHEMA =
      new Schema(
          required(1, "episode_id", Types.StringType.get()),
          required(2, "site_id", Types.StringType.get()),
          required(3, "sample_index", Types.IntegerType.get()),
          optional(4, "capture_mono_ns", Types.LongType.get(), "recorder monotonic clock"),
          required(5, "capture_time", Types.TimestampType.withZone(), "wall clock at capture"),
          required(6, "state", Types.ListType.ofRequired(101, Types.FloatType.get())),
          optional(7, "action", Types.ListType.ofRequired(102, Types.FloatType.get())));

  public static final PartitionSpec FRAMES_SPEC =
      PartitionSpec.builderFor(FRAMES_SCHEMA).day("capture_time").build();

  /**
   * One row per site, replaced on every refresh (derived from {@code episodes}; the pipeline
   * rebuilds it, so it is never the only copy of anything).
   */
  public static final TableIdentifier SITE_STATS = TableIdentifier.of(NAMESPACE, "site_stats");

  public static final Schema SITE_STATS_SCHEMA =
      new Schema(
          required(1, "site_id", Types.StringType.get()),
          required(2, "episodes", Types.LongType.get(), "every decided episode"),
          required(3, "accepted", Types.LongType.get(), "ACCEPTED and ACCEPTED_WITH_FLAGS"),
          required(4, "flagged", Types.LongType.get(), "ACCEPTED_WITH_FLAGS"),
          required(5, "rejected", Types.LongType.get()),
          required(6, "duplicates", Types.LongType.get()),
          required(7, "quarantined", Types.LongType.get()),
          required(8, "hours_recorded", Types.DoubleType.get(), "all decided episodes"),
          required(9, "accepted_hours", Types.DoubleType.get()),
          optional(10, "mean_quality", Types.DoubleType.get(), "over accepted episodes"),
          optional(11, "mean_novelty", Types.DoubleType.get(), "over accepted episodes"),
          required(12, "cells_covered", Types.IntegerType.get(), "coverage cells with an episode"),
          required(13, "unique_cells", Types.IntegerType.get(), "cells no other site has covered"),
          optional(
              14,
              "unique_coverage",
              Types.DoubleType.get(),
              "unique_cells / cells_covered: how much of what the site adds nobody else has"),
          optional(15, "vendi_score", Types.DoubleType.get(), "diversity of the site's own data"),
          required(16, "updated_at", Types.TimestampType.withZone()));

  /** One row per refresh: the corpus as a whole over time (appended). */
  public static final TableIdentifier CORPUS_STATS = TableIdentifier.of(NAMESPACE, "corpus_stats");

  public static final Schema CORPUS_STATS_SCHEMA =
      new Schema(
          required(1, "computed_at", Types.TimestampType.withZone()),
          required(2, "episodes_snapshot_id", Types.LongType.get(), "episodes snapshot counted"),
          required(3, "episodes", Types.LongType.get()),
          required(4, "accepted", Types.LongType.get()),
          required(5, "sites", Types.IntegerType.get()),
          required(6, "accepted_hours", Types.DoubleType.get()),
          required(7, "cells_covered", Types.IntegerType.get()),
          optional(
              8,
              "vendi_score",
              Types.DoubleType.get(),
              "effective number of distinct episodes among the accepted ones"));

  /** Near-duplicate clusters and their representative (replaced on every refresh). */
  public static final TableIdentifier DUPLICATE_CLUSTERS =
      TableIdentifier.of(NAMESPACE, "duplicate_clusters");

  public static final Schema DUPLICATE_CLUSTERS_SCHEMA =
      new Schema(
          required(1, "cluster_id", Types.StringType.get()),
          required(
              2,
              "representative_id",
              Types.StringType.get(),
              "the longest accepted member (ties: higher quality, then earlier)"),
          required(3, "members", Types.IntegerType.get()),
          required(4, "member_ids", Types.ListType.ofRequired(101, Types.StringType.get())),
          required(5, "updated_at", Types.TimestampType.withZone()));

  /** Episodes that never became complete, with what was missing (appended, exactly once). */
  public static final TableIdentifier QUARANTINE = TableIdentifier.of(NAMESPACE, "quarantine");

  public static final Schema QUARANTINE_SCHEMA =
      new Schema(
          required(1, "episode_id", Types.StringType.get()),
          required(2, "site_id", Types.StringType.get()),
          optional(3, "task", Types.StringType.get()),
          required(4, "reasons", Types.ListType.ofRequired(101, Types.StringType.get())),
          optional(5, "sample_count", Types.IntegerType.get(), "samples received before timeout"),
          required(6, "quarantined_at", Types.TimestampType.withZone()));

  public static final PartitionSpec QUARANTINE_SPEC =
      PartitionSpec.builderFor(QUARANTINE_SCHEMA).day("quarantined_at").build();

  /**
   * Snapshot-summary key of the derived tables: the id of the last {@code episodes} snapshot folded
   * into them, so a restart continues after it and appends nothing twice.
   */
  public static final String DERIVED_FROM_SUMMARY_KEY = "tributary.derived-from.episodes";

  /** The tables the pipeline writes for every episode. */
  public static List<TableIdentifier> all() {
    return List.of(EPISODES, FRAMES);
  }

  /** The tables derived from {@code episodes} by the pipeline's statistics job. */
  public static List<TableIdentifier> derived() {
    return List.of(SITE_STATS, CORPUS_STATS, DUPLICATE_CLUSTERS, QUARANTINE);
  }
}
