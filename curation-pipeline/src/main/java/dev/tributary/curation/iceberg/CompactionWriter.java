package dev.tributary.curation.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.Parquet;

/**
 * Streams the rows of one partition into new Parquet data files that roll over at a target size.
 * Written like {@link DataFileWriter} (same Parquet settings and file naming), but row by row:
 * {@code DataFileWriter} takes a list of rows, and a 128 MiB compacted file holds millions of rows,
 * far too many to buffer as Java objects on the consumer thread.
 */
final class CompactionWriter implements AutoCloseable {
  private static final int SIZE_CHECK_EVERY_ROWS = 1000;

  private final Table table;
  private final StructLike partition;
  private final String filePrefix;
  private final long targetBytes;
  private final List<DataFile> written = new ArrayList<>();
  private DataWriter<Record> current;
  private OutputFile currentFile;
  private long rowsInCurrent;

  CompactionWriter(Table table, StructLike partition, String instanceId, long targetBytes) {
    this.table = table;
    this.partition = partition;
    this.filePrefix = instanceId.replaceAll("[^A-Za-z0-9._-]", "_") + "-compacted";
    this.targetBytes = targetBytes;
  }

  void write(Record row) {
    if (current == null) {
      open();
    }
    current.write(row);
    rowsInCurrent++;
    if (rowsInCurrent % SIZE_CHECK_EVERY_ROWS == 0 && current.length() >= targetBytes) {
      closeCurrent();
    }
  }

  /** Closes the last file and returns every file written. */
  List<DataFile> finish() {
    closeCurrent();
    return List.copyOf(written);
  }

  /** Every file written so far, including an unfinished one (to delete after a failure). */
  List<String> locations() {
    List<String> out = new ArrayList<>(written.stream().map(DataFile::location).toList());
    if (currentFile != null) {
      out.add(currentFile.location());
    }
    return out;
  }

  private void open() {
    String name = filePrefix + "-" + UUID.randomUUID() + ".parquet";
    currentFile =
        table
            .io()
            .newOutputFile(table.locationProvider().newDataLocation(table.spec(), partition, name));
    try {
      current =
          Parquet.writeData(currentFile)
              .forTable(table)
              .createWriterFunc(GenericParquetWriter::create)
              .withSpec(table.spec())
              .withPartition(partition)
              .overwrite()
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException("opening a compacted data file of " + table.name(), e);
    }
    rowsInCurrent = 0;
  }

  private void closeCurrent() {
    if (current == null) {
      return;
    }
    try {
      current.close();
    } catch (IOException e) {
      throw new UncheckedIOException("writing a compacted data file of " + table.name(), e);
    }
    written.add(current.toDataFile());
    current = null;
    currentFile = null;
  }

  @Override
  public void close() {
    if (current != null) {
      try {
        current.close();
      } catch (IOException | RuntimeException ignored) {
        // already failing; the caller deletes what was written
      }
      current = null;
    }
  }
}
