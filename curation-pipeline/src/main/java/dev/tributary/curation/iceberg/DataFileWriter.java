package dev.tributary.curation.iceberg;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.assembly.JointMatrix;
import dev.tributary.schema.table.CuratedTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.parquet.ParquetValueWriter;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows into new Parquet data files of a table, one file per partition value. The files are
 * not part of the table until committed; after a crash they stay as orphans, harmless to readers
 * and removed by Iceberg's orphan-file clean-up.
 */
public final class DataFileWriter {
  /**
   * Columns written without a Parquet dictionary when a table has them: per-sample measurements and
   * clocks, nearly every value distinct. Parquet would build a dictionary for each page and then
   * fall back to plain encoding (a fifth of the curation thread's time went into hashing floats for
   * dictionaries it threw away). Only the encoding changes, not the values.
   */
  static final List<String> WITHOUT_DICTIONARY =
      List.of("capture_mono_ns", "capture_time", "state.element", "action.element");

  /** {@code frames}' columns whatever ids the catalog gave them. */
  private static final Schema FRAMES_LAYOUT =
      TypeUtil.assignIncreasingFreshIds(CuratedTables.FRAMES_SCHEMA);

  private final String filePrefix;

  public DataFileWriter(String instanceId) {
    this.filePrefix = instanceId.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  public List<DataFile> write(Table table, List<Record> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    PartitionKey key = new PartitionKey(table.spec(), table.schema());
    InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
    Map<PartitionKey, List<Record>> byPartition = new LinkedHashMap<>();
    List<Record> last = null;
    PartitionKey lastKey = null;
    for (Record row : rows) {
      key.partition(wrapper.wrap(row));
      // Consecutive rows mostly share a partition (an episode's frames, a day): compared with the
      // previous row's key, and copied and looked up only when it changes.
      if (last == null || !lastKey.equals(key)) {
        lastKey = key.copy();
        last = byPartition.computeIfAbsent(lastKey, k -> new ArrayList<>());
      }
      last.add(row);
    }
    List<DataFile> files = new ArrayList<>();
    for (Map.Entry<PartitionKey, List<Record>> group : byPartition.entrySet()) {
      files.add(writeFile(table, group.getKey(), group.getValue()));
    }
    return files;
  }

  /**
   * The {@code frames} rows of these episodes (one per joint sample, in order), written from their
   * joint columns by {@link FrameColumnsWriter}: the same files as {@link #write} given {@code
   * CuratedRows.frames} of each episode, without building the rows.
   */
  public List<DataFile> writeFrames(Table table, List<AssembledEpisode> episodes) {
    if (!writesFromColumns(table)) {
      // a schema this writer does not know (evolved since): the generic rows
      List<Record> rows = new ArrayList<>();
      episodes.forEach(e -> rows.addAll(CuratedRows.frames(e)));
      return write(table, rows);
    }
    PartitionKey key = new PartitionKey(table.spec(), table.schema());
    SampleTimes sample = new SampleTimes(table.schema());
    boolean byDay = partitionedByCaptureDay(table.spec());
    Map<PartitionKey, List<Samples>> byPartition = new LinkedHashMap<>();
    for (AssembledEpisode e : episodes) {
      sample.episode = e.joints();
      long[] wall = e.joints().wallMicros();
      Samples open = null;
      PartitionKey openKey = null;
      long openDay = -1;
      for (int i = 0; i < e.joints().samples(); i++) {
        // Partitioned by the UTC day of capture_time: a sample of the open run's day is in its
        // partition (the day, not the transform's result, is compared: exact for times >= 1970;
        // earlier ones take the general path). Saves a boxed time and a java.time conversion per
        // sample.
        if (byDay && open != null && wall[i] >= 0 && wall[i] / MICROS_PER_DAY == openDay) {
          open.to = i + 1;
          continue;
        }
        sample.index = i;
        key.partition(sample);
        // An episode's samples mostly share a partition (a day): a run of samples per partition.
        if (open == null || !openKey.equals(key)) {
          openKey = key.copy();
          open = new Samples(e, i);
          byPartition.computeIfAbsent(openKey, k -> new ArrayList<>()).add(open);
        }
        openDay = wall[i] >= 0 ? wall[i] / MICROS_PER_DAY : -1;
        open.to = i + 1;
      }
    }
    List<DataFile> files = new ArrayList<>();
    for (Map.Entry<PartitionKey, List<Samples>> group : byPartition.entrySet()) {
      files.add(
          writeFile(
              table,
              group.getKey(),
              FrameColumnsWriter::create,
              writer -> {
                FrameColumnsWriter.Row row = new FrameColumnsWriter.Row();
                for (Samples run : group.getValue()) {
                  AssembledEpisode e = run.episode;
                  row.episode(e.episodeId(), e.siteId(), e.joints());
                  for (int i = run.from; i < run.to; i++) {
                    row.sample(i);
                    writer.write(row);
                  }
                }
              }));
    }
    return files;
  }

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  /** Whether the spec's one field is the day of {@code capture_time} ({@code frames}' own spec). */
  static boolean partitionedByCaptureDay(PartitionSpec spec) {
    if (spec.fields().size() != 1) {
      return false;
    }
    PartitionField field = spec.fields().get(0);
    Types.NestedField source = spec.schema().findField(field.sourceId());
    return source != null
        && source.name().equals("capture_time")
        && source.type().equals(Types.TimestampType.withZone())
        && field.transform().toString().equals("day");
  }

  /**
   * Whether {@link #writeFrames} writes this table from the joint columns (it has their layout).
   */
  static boolean writesFromColumns(Table table) {
    return TypeUtil.assignIncreasingFreshIds(table.schema()).sameSchema(FRAMES_LAYOUT);
  }

  /** Consecutive samples of one episode in one partition. */
  private static final class Samples {
    final AssembledEpisode episode;
    final int from;
    int to;

    Samples(AssembledEpisode episode, int from) {
      this.episode = episode;
      this.from = from;
    }
  }

  /**
   * A {@code frames} row as the partition spec sees it (Iceberg's internal values): the capture
   * times of one sample; the spec partitions by day of {@code capture_time}.
   */
  private static final class SampleTimes implements StructLike {
    private final int captureTime;
    private final int captureMonoNs;
    private JointMatrix episode;
    private int index;

    SampleTimes(Schema schema) {
      List<Types.NestedField> columns = schema.columns();
      int time = -1;
      int mono = -1;
      for (int p = 0; p < columns.size(); p++) {
        time = columns.get(p).name().equals("capture_time") ? p : time;
        mono = columns.get(p).name().equals("capture_mono_ns") ? p : mono;
      }
      this.captureTime = time;
      this.captureMonoNs = mono;
    }

    @Override
    public int size() {
      return Math.max(captureTime, captureMonoNs) + 1;
    }

    @Override
    public <T> T get(int pos, Class<T> javaClass) {
      if (pos == captureTime) {
        return javaClass.cast(episode.wallMicros()[index]);
      }
      if (pos == captureMonoNs) {
        return javaClass.cast(episode.monoNanos()[index]);
      }
      throw new UnsupportedOperationException("frames are partitioned by their capture times");
    }

    @Override
    public <T> void set(int pos, T value) {
      throw new UnsupportedOperationException("read-only");
    }
  }

  private DataFile writeFile(Table table, PartitionKey partition, List<Record> rows) {
    return writeFile(
        table,
        partition,
        GenericParquetWriter::create,
        writer -> {
          for (Record row : rows) {
            writer.write(row);
          }
        });
  }

  private <T> DataFile writeFile(
      Table table,
      PartitionKey partition,
      BiFunction<Schema, MessageType, ParquetValueWriter<?>> writerFunc,
      Consumer<DataWriter<T>> rows) {
    String name = filePrefix + "-" + UUID.randomUUID() + ".parquet";
    OutputFile out =
        table
            .io()
            .newOutputFile(table.locationProvider().newDataLocation(table.spec(), partition, name));
    try {
      Parquet.DataWriteBuilder builder =
          Parquet.writeData(out)
              .forTable(table)
              .createWriterFunc(writerFunc)
              .withSpec(table.spec())
              .withPartition(partition)
              .overwrite();
      for (String column : WITHOUT_DICTIONARY) {
        if (table.schema().findField(column) != null) {
          builder.set(
              TableProperties.PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX + column, "false");
        }
      }
      DataWriter<T> writer = builder.build();
      try (writer) {
        rows.accept(writer);
      }
      return writer.toDataFile();
    } catch (IOException e) {
      throw new UncheckedIOException("writing a data file of " + table.name() + " failed", e);
    }
  }
}
