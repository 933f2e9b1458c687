package dev.tributary.catalog.testing;

import dev.tributary.schema.table.CuratedTables;
import dev.tributary.schema.table.LakeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;

/**
 * A throw-away lake for tests: SQLite catalog and file warehouse in a temp folder, the curated
 * tables created exactly as {@link CuratedTables} declares them, and rows appended the way the
 * pipeline does (Parquet data files, one append commit per call).
 */
public final class TestLake implements AutoCloseable {

  private final LakeConfig config;
  private final Catalog catalog;

  private TestLake(LakeConfig config, Catalog catalog) {
    this.config = config;
    this.catalog = catalog;
  }

  /** Opens (and creates) the lake under {@code dataDir}; the curated tables are not created. */
  public static TestLake open(Path dataDir) {
    LakeConfig config = LakeConfig.embedded(dataDir);
    try {
      Files.createDirectories(dataDir.resolve("catalog"));
      Files.createDirectories(dataDir.resolve("warehouse"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Catalog catalog =
        CatalogUtil.buildIcebergCatalog(
            config.catalogName(),
            config.toCatalogProperties(),
            new org.apache.hadoop.conf.Configuration());
    return new TestLake(config, catalog);
  }

  /** Opens the lake and creates the namespace and both curated tables. */
  public static TestLake withCuratedTables(Path dataDir) {
    TestLake lake = open(dataDir);
    lake.createCuratedTables();
    return lake;
  }

  public void createCuratedTables() {
    ((SupportsNamespaces) catalog).createNamespace(CuratedTables.NAMESPACE);
    catalog
        .buildTable(CuratedTables.EPISODES, CuratedTables.EPISODES_SCHEMA)
        .withPartitionSpec(CuratedTables.EPISODES_SPEC)
        .withProperties(CuratedTables.PROPERTIES)
        .create();
    catalog
        .buildTable(CuratedTables.FRAMES, CuratedTables.FRAMES_SCHEMA)
        .withPartitionSpec(CuratedTables.FRAMES_SPEC)
        .withProperties(CuratedTables.PROPERTIES)
        .create();
  }

  public LakeConfig config() {
    return config;
  }

  public Catalog catalog() {
    return catalog;
  }

  /** Appends the episodes in one commit (one data file per started_at day). */
  public void appendEpisodes(List<EpisodeRow> rows) {
    Table table = catalog.loadTable(CuratedTables.EPISODES);
    List<Record> records = new ArrayList<>();
    for (EpisodeRow row : rows) {
      records.add(row.toRecord());
    }
    append(table, records);
  }

  /** Appends the episodes in one commit, each row changed by {@code edit} first. */
  public void appendEpisodes(List<EpisodeRow> rows, java.util.function.Consumer<Record> edit) {
    Table table = catalog.loadTable(CuratedTables.EPISODES);
    List<Record> records = new ArrayList<>();
    for (EpisodeRow row : rows) {
      Record record = row.toRecord();
      edit.accept(record);
      records.add(record);
    }
    append(table, records);
  }

  /** Appends {@code samples} joint samples of one episode to the frames table, in one commit. */
  public void appendFrames(String episodeId, String siteId, OffsetDateTime start, int samples) {
    Table table = catalog.loadTable(CuratedTables.FRAMES);
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      GenericRecord r = GenericRecord.create(CuratedTables.FRAMES_SCHEMA);
      r.setField("episode_id", episodeId);
      r.setField("site_id", siteId);
      r.setField("sample_index", i);
      r.setField("capture_mono_ns", i * 33_333_333L);
      r.setField("capture_time", start.plusNanos(i * 33_333_333L));
      r.setField("state", List.of(i * 0.5f, -i * 0.25f));
      r.setField("action", List.of(i * 0.5f + 0.1f, -i * 0.25f));
      records.add(r);
    }
    append(table, records);
  }

  /** Appends generic records to a table as Parquet files, one per partition, in one commit. */
  public static void append(Table table, List<Record> records) {
    InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
    Map<PartitionKey, List<Record>> byPartition = new LinkedHashMap<>();
    for (Record record : records) {
      PartitionKey key = new PartitionKey(table.spec(), table.schema());
      key.partition(wrapper.wrap(record));
      byPartition.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
    }
    var append = table.newAppend();
    for (Map.Entry<PartitionKey, List<Record>> part : byPartition.entrySet()) {
      String location =
          table
              .locationProvider()
              .newDataLocation(table.spec(), part.getKey(), UUID.randomUUID() + ".parquet");
      try {
        DataWriter<Record> writer =
            Parquet.writeData(table.io().newOutputFile(location))
                .schema(table.schema())
                .createWriterFunc(GenericParquetWriter::create)
                .withSpec(table.spec())
                .withPartition(part.getKey())
                .overwrite()
                .build();
        try (writer) {
          part.getValue().forEach(writer::write);
        }
        append.appendFile(writer.toDataFile());
      } catch (IOException e) {
        throw new UncheckedIOException("writing test data file " + location, e);
      }
    }
    append.commit();
  }

  @Override
  public void close() throws IOException {
    if (catalog instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException(e);
      }
    }
  }

  /** One row of {@code tributary.episodes} with the columns tests care about. */
  public record EpisodeRow(
      String episodeId,
      String siteId,
      String status,
      double durationS,
      int sampleCount,
      OffsetDateTime startedAt,
      String task,
      List<String> reasons) {

    public static EpisodeRow of(String siteId, String status, double durationS, int samples) {
      return new EpisodeRow(
          UUID.randomUUID().toString(),
          siteId,
          status,
          durationS,
          samples,
          OffsetDateTime.of(2026, 11, 21, 10, 0, 0, 0, ZoneOffset.UTC),
          "pick the red cube",
          status.equals("ACCEPTED") ? List.of() : List.of("reason-of-" + status.toLowerCase()));
    }

    public EpisodeRow reasons(String... newReasons) {
      return new EpisodeRow(
          episodeId, siteId, status, durationS, sampleCount, startedAt, task, List.of(newReasons));
    }

    public EpisodeRow startedAt(OffsetDateTime when) {
      return new EpisodeRow(episodeId, siteId, status, durationS, sampleCount, when, task, reasons);
    }

    Record toRecord() {
      GenericRecord r = GenericRecord.create(CuratedTables.EPISODES_SCHEMA);
      r.setField("episode_id", episodeId);
      r.setField("site_id", siteId);
      r.setField("rig_id", siteId + "-rig-1");
      r.setField("robot_type", "so101_follower");
      r.setField("task", task);
      r.setField("source", "sim");
      r.setField("timestamp_source", "CAPTURE");
      r.setField("started_at", startedAt);
      r.setField("duration_s", durationS);
      r.setField("sample_count", sampleCount);
      r.setField("joint_rate_hz", 30.0f);
      r.setField("joint_names", List.of("shoulder_pan.pos", "gripper.pos"));
      r.setField("camera_keys", List.of("front"));
      r.setField("video_keys", List.of(siteId + "/" + episodeId + "/front.mp4"));
      r.setField("status", status);
      r.setField("reasons", reasons);
      r.setField("duplicate_of", status.equals("DUPLICATE") ? UUID.randomUUID().toString() : null);
      r.setField("quality_score", 0.9);
      r.setField("curated_at", startedAt.plusSeconds((long) durationS + 5));
      return r;
    }
  }
}
