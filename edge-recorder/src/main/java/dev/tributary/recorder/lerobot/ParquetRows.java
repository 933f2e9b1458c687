package dev.tributary.recorder.lerobot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/** Reads the (small) Parquet files of a LeRobotDataset row by row as generic groups. */
final class ParquetRows {
  private ParquetRows() {}

  static List<Group> readAll(Path file) throws IOException {
    List<Group> rows = new ArrayList<>();
    // Hadoop-free: a local file, plain options and our own codecs (the single jar has no Hadoop).
    try (ParquetFileReader reader =
        new ParquetFileReader(
            new LocalInputFile(file), HadoopFreeReadOptions.create(ParquetCodecs.INSTANCE))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(schema));
        for (long i = 0; i < pages.getRowCount(); i++) {
          rows.add(records.read());
        }
      }
    } catch (RuntimeException e) {
      throw new IOException(file + " is not a readable Parquet file: " + e.getMessage(), e);
    }
    return rows;
  }

  static boolean has(Group row, String field) {
    return row.getType().containsField(field) && row.getFieldRepetitionCount(field) > 0;
  }

  static long getLong(Group row, String field) {
    if (!has(row, field)) {
      throw new IllegalArgumentException("column '" + field + "' is missing or null");
    }
    return row.getLong(field, 0);
  }

  /** A FLOAT or DOUBLE column (LeRobot writes timestamps as float32, some converters float64). */
  static double getDouble(Group row, String field) {
    if (!has(row, field)) {
      throw new IllegalArgumentException("column '" + field + "' is missing or null");
    }
    return number(row, row.getType().getFieldIndex(field), 0);
  }

  private static double number(Group group, int field, int index) {
    var type = group.getType().getType(field).asPrimitiveType().getPrimitiveTypeName();
    return switch (type) {
      case FLOAT -> group.getFloat(field, index);
      case DOUBLE -> group.getDouble(field, index);
      case INT32 -> group.getInteger(field, index);
      case INT64 -> group.getLong(field, index);
      default -> throw new IllegalArgumentException("column is " + type + ", not a number");
    };
  }

  /**
   * A Parquet LIST of floats (pyarrow's {@code list/element} or legacy layouts). float32 values are
   * returned bit for bit; float64 values are narrowed to float.
   */
  static float[] floatList(Group row, String field) {
    if (!has(row, field)) {
      throw new IllegalArgumentException("column '" + field + "' is missing or null");
    }
    Group list = row.getGroup(field, 0);
    int n = list.getFieldRepetitionCount(0);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      Group element = list.getGroup(0, i);
      boolean isFloat =
          element.getType().getType(0).asPrimitiveType().getPrimitiveTypeName()
              == org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FLOAT;
      out[i] = isFloat ? element.getFloat(0, 0) : (float) number(element, 0, 0);
    }
    return out;
  }

  static List<String> stringList(Group row, String field) {
    List<String> out = new ArrayList<>();
    if (!has(row, field)) {
      return out;
    }
    Group list = row.getGroup(field, 0);
    for (int i = 0; i < list.getFieldRepetitionCount(0); i++) {
      out.add(list.getGroup(0, i).getString(0, 0));
    }
    return out;
  }
}
