package dev.tributary.curation.iceberg;

import dev.tributary.curation.assembly.JointMatrix;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.iceberg.FieldMetrics;
import org.apache.iceberg.FloatFieldMetrics;
import org.apache.iceberg.Schema;
import org.apache.iceberg.parquet.ParquetValueWriter;
import org.apache.iceberg.parquet.ParquetValueWriters;
import org.apache.iceberg.parquet.TripleWriter;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Writes {@code frames} rows into Parquet straight from an episode's {@link JointMatrix} columns:
 * the same values, levels, encodings and Iceberg metrics as Iceberg's generic writer given the rows
 * of {@code CuratedRows} (the tests compare the files byte for byte), without a {@code Record}, a
 * boxed {@code Float} per value, an {@code OffsetDateTime} per sample or an episode id encoded to
 * UTF-8 once per row. Fixed to {@code CuratedTables.FRAMES_SCHEMA}'s seven columns, in order.
 */
final class FrameColumnsWriter implements ParquetValueWriter<FrameColumnsWriter.Row> {
  /** The row being written: one sample of one episode (reused for every row of a file). */
  static final class Row {
    private Binary episodeId;
    private Binary siteId;
    private JointMatrix joints;
    private int sample;

    void episode(String episodeId, String siteId, JointMatrix joints) {
      this.episodeId = Binary.fromConstantByteArray(episodeId.getBytes(StandardCharsets.UTF_8));
      this.siteId = Binary.fromConstantByteArray(siteId.getBytes(StandardCharsets.UTF_8));
      this.joints = joints;
    }

    void sample(int sample) {
      this.sample = sample;
    }
  }

  private final Column episodeId;
  private final Column siteId;
  private final Column sampleIndex;
  private final Column captureMonoNs;
  private final Column captureTime;
  private final Column state;
  private final Column action;

  /** The five columns of one value per row, in order. */
  private final List<Column> scalars;

  private final FloatFieldMetrics.Builder stateMetrics;
  private final FloatFieldMetrics.Builder actionMetrics;
  private final List<TripleWriter<?>> columns = new ArrayList<>();
  private long actionNulls;

  private FrameColumnsWriter(MessageType file) {
    List<ColumnDescriptor> leaves = file.getColumns();
    if (leaves.size() != 7) {
      throw new IllegalArgumentException("not the frames schema: " + file);
    }
    episodeId = new Column(leaves.get(0), "episode_id");
    siteId = new Column(leaves.get(1), "site_id");
    sampleIndex = new Column(leaves.get(2), "sample_index");
    captureMonoNs = new Column(leaves.get(3), "capture_mono_ns");
    captureTime = new Column(leaves.get(4), "capture_time");
    state = new Column(leaves.get(5), "state");
    action = new Column(leaves.get(6), "action");
    scalars = List.of(episodeId, siteId, sampleIndex, captureMonoNs, captureTime);
    for (Column c : scalars) {
      if (c.descriptor.getMaxRepetitionLevel() != 0) {
        throw new IllegalArgumentException("not the frames schema: " + file);
      }
    }
    if (state.descriptor.getMaxRepetitionLevel() != 1
        || action.descriptor.getMaxRepetitionLevel() != 1) {
      throw new IllegalArgumentException("not the frames schema: " + file);
    }
    stateMetrics = new FloatFieldMetrics.Builder(state.fieldId());
    actionMetrics = new FloatFieldMetrics.Builder(action.fieldId());
    for (Column c : scalars) {
      columns.addAll(c.columns());
    }
    columns.addAll(state.columns());
    columns.addAll(action.columns());
  }

  /** For {@code Parquet.WriteBuilder#createWriterFunc}. */
  static ParquetValueWriter<Row> create(Schema table, MessageType file) {
    return new FrameColumnsWriter(file);
  }

  @Override
  public void write(int repetitionLevel, Row row) {
    int i = row.sample;
    JointMatrix x = row.joints;
    episodeId.writeBinary(repetitionLevel, row.episodeId);
    siteId.writeBinary(repetitionLevel, row.siteId);
    // Frames are written for accepted episodes only, whose chunks start where the previous ended
    // (validated), so a sample's index in the episode is its position.
    sampleIndex.writeInteger(repetitionLevel, i);
    captureMonoNs.writeLong(repetitionLevel, x.monoNanos()[i]);
    captureTime.writeLong(repetitionLevel, x.wallMicros()[i]);
    list(repetitionLevel, state, stateMetrics, x.state(), i);
    if (x.hasAction(i)) {
      list(repetitionLevel, action, actionMetrics, x.action(), i);
    } else {
      // an optional list that is null: defined up to nothing
      action.writeNull(repetitionLevel, action.descriptor.getMaxDefinitionLevel() - 2);
      actionNulls++;
    }
  }

  /** A list of required floats: the sample's value of every column, as Iceberg's list writer. */
  private static void list(
      int repetitionLevel,
      Column list,
      FloatFieldMetrics.Builder metrics,
      float[][] columns,
      int sample) {
    if (columns.length == 0) {
      // an empty list: defined up to the repeated group, no element
      list.writeNull(repetitionLevel, list.descriptor.getMaxDefinitionLevel() - 1);
      return;
    }
    int level = repetitionLevel;
    for (float[] column : columns) {
      float v = column[sample];
      list.writeFloat(level, v);
      metrics.addValue(v);
      level = list.descriptor.getMaxRepetitionLevel();
    }
  }

  @Override
  public List<TripleWriter<?>> columns() {
    return columns;
  }

  @Override
  public void setColumnStore(ColumnWriteStore store) {
    for (Column c : scalars) {
      c.setColumnStore(store);
    }
    state.setColumnStore(store);
    action.setColumnStore(store);
  }

  /**
   * What Iceberg's generic writer reports beside the footer: the float lists' value, NaN counts and
   * bounds, the optional list's null rows added to its element's counts (as its option writer).
   */
  @Override
  public Stream<FieldMetrics<?>> metrics() {
    FieldMetrics<?> a = actionMetrics.build();
    long nulls = a.nullValueCount() < 0 ? a.nullValueCount() : a.nullValueCount() + actionNulls;
    FieldMetrics<?> withNulls =
        new FieldMetrics<>(
            a.id(),
            a.valueCount() + actionNulls,
            nulls,
            a.nanValueCount(),
            a.lowerBound(),
            a.upperBound(),
            a.originalType(),
            a.avgValueSizeInBytes());
    return Stream.of(stateMetrics.build(), withNulls);
  }

  /** One leaf column, written through Iceberg's column writer (which owns the Parquet column). */
  private static final class Column extends ParquetValueWriters.PrimitiveWriter<Object> {
    private final ColumnDescriptor descriptor;

    Column(ColumnDescriptor descriptor, String topLevelName) {
      super(descriptor);
      this.descriptor = descriptor;
      if (!descriptor.getPath()[0].equals(topLevelName)) {
        throw new IllegalArgumentException(
            "not the frames schema: column " + String.join(".", descriptor.getPath()));
      }
    }

    void writeBinary(int repetitionLevel, Binary value) {
      column.writeBinary(repetitionLevel, value);
    }

    void writeInteger(int repetitionLevel, int value) {
      column.writeInteger(repetitionLevel, value);
    }

    void writeLong(int repetitionLevel, long value) {
      column.writeLong(repetitionLevel, value);
    }

    void writeFloat(int repetitionLevel, float value) {
      column.writeFloat(repetitionLevel, value);
    }

    void writeNull(int repetitionLevel, int definitionLevel) {
      column.writeNull(repetitionLevel, definitionLevel);
    }

    int fieldId() {
      return descriptor.getPrimitiveType().getId().intValue();
    }
  }
}
