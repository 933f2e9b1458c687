package dev.tributary.curation.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.Parquet;

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

  private DataFile writeFile(Table table, PartitionKey partition, List<Record> rows) {
    String name = filePrefix + "-" + UUID.randomUUID() + ".parquet";
    OutputFile out =
        table
            .io()
            .newOutputFile(table.locationProvider().newDataLocation(table.spec(), partition, name));
    try {
      Parquet.DataWriteBuilder builder =
          Parquet.writeData(out)
              .forTable(table)
              .createWriterFunc(GenericParquetWriter::create)
              .withSpec(table.spec())
              .withPartition(partition)
              .overwrite();
      for (String column : WITHOUT_DICTIONARY) {
        if (table.schema().findField(column) != null) {
          builder.set(
              TableProperties.PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX + column, "false");
        }
      }
      DataWriter<Record> writer = builder.build();
      try (writer) {
        for (Record row : rows) {
          writer.write(row);
        }
      }
      return writer.toDataFile();
    } catch (IOException e) {
      throw new UncheckedIOException("writing a data file of " + table.name() + " failed", e);
    }
  }
}
