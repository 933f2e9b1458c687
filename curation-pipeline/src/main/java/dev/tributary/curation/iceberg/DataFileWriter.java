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
    for (Record row : rows) {
      key.partition(wrapper.wrap(row));
      byPartition.computeIfAbsent(key.copy(), k -> new ArrayList<>()).add(row);
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
      DataWriter<Record> writer =
          Parquet.writeData(out)
              .forTable(table)
              .createWriterFunc(GenericParquetWriter::create)
              .withSpec(table.spec())
              .withPartition(partition)
              .overwrite()
              .build();
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
