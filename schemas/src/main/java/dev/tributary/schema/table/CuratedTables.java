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
          "commit.retry.num-retries", "10");

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
              "ACCEPTED, ACCEPTED_WITH_FLAGS, REJECTED, DUPLICATE"),
          optional(18, "reasons", Types.ListType.ofRequired(104, Types.StringType.get())),
          optional(19, "duplicate_of", Types.StringType.get()),
          optional(20, "quality_score", Types.DoubleType.get()),
          optional(21, "novelty_score", Types.DoubleType.get()),
          optional(22, "edge_committed_at", Types.TimestampType.withZone()),
          optional(23, "ingested_at", Types.TimestampType.withZone()),
          required(24, "curated_at", Types.TimestampType.withZone()),
          optional(25, "source_partition", Types.IntegerType.get()),
          optional(26, "source_offset", Types.LongType.get()));

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

  public static List<TableIdentifier> all() {
    return List.of(EPISODES, FRAMES);
  }
}
