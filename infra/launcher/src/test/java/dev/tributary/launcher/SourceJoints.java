package dev.tributary.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * The {@code observation.state} and {@code action} values of a LeRobotDataset's data parquet files
 * (v3.0 or v2.1, any of its rows' layouts), per episode in frame order, read with parquet-mr
 * directly: the ground truth the platform's tables and exports are compared with, independent of
 * the importer and the exporter.
 */
record SourceJoints(float[][] state, float[][] action) {

  /** Episode index -> its joints, from every parquet under {@code root/data}. */
  static Map<Long, SourceJoints> read(Path root) throws IOException {
    Map<Long, TreeMap<Long, float[][]>> rows = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root.resolve("data"))) {
      files = walk.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
    for (Path file : files) {
      for (Group row : readAll(file)) {
        rows.computeIfAbsent(row.getLong("episode_index", 0), k -> new TreeMap<>())
            .put(
                row.getLong("frame_index", 0),
                new float[][] {floats(row, "observation.state"), floats(row, "action")});
      }
    }
    Map<Long, SourceJoints> out = new TreeMap<>();
    rows.forEach(
        (episode, frames) -> {
          float[][] state = new float[frames.size()][];
          float[][] action = new float[frames.size()][];
          int i = 0;
          for (float[][] frame : frames.values()) {
            state[i] = frame[0];
            action[i++] = frame[1];
          }
          out.put(episode, new SourceJoints(state, action));
        });
    return out;
  }

  int frames() {
    return state.length;
  }

  /** Whether both arrays hold exactly these float bits, frame by frame. */
  boolean sameBits(List<List<Float>> otherState, List<List<Float>> otherAction) {
    return sameBits(state, otherState) && sameBits(action, otherAction);
  }

  /** The first frame and value whose bits differ, or null when all are identical. */
  static String firstDifference(float[][] expected, List<List<Float>> actual, String what) {
    if (expected.length != actual.size()) {
      return what + ": " + actual.size() + " frames, the source has " + expected.length;
    }
    for (int i = 0; i < expected.length; i++) {
      List<Float> row = actual.get(i);
      if (row == null || row.size() != expected[i].length) {
        return what
            + " frame "
            + i
            + " has "
            + row
            + ", the source "
            + expected[i].length
            + " values";
      }
      for (int j = 0; j < expected[i].length; j++) {
        if (Float.floatToRawIntBits(expected[i][j]) != Float.floatToRawIntBits(row.get(j))) {
          return String.format(
              "%s frame %d joint %d is %s (0x%08x), the source %s (0x%08x)",
              what,
              i,
              j,
              row.get(j),
              Float.floatToRawIntBits(row.get(j)),
              expected[i][j],
              Float.floatToRawIntBits(expected[i][j]));
        }
      }
    }
    return null;
  }

  private static boolean sameBits(float[][] expected, List<List<Float>> actual) {
    return firstDifference(expected, actual, "") == null;
  }

  static List<List<Float>> asLists(float[][] values) {
    List<List<Float>> out = new ArrayList<>(values.length);
    for (float[] row : values) {
      List<Float> list = new ArrayList<>(row.length);
      for (float v : row) {
        list.add(v);
      }
      out.add(list);
    }
    return out;
  }

  private static float[] floats(Group row, String field) {
    Group list = row.getGroup(field, 0);
    int n = list.getFieldRepetitionCount(0);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = list.getGroup(0, i).getFloat(0, 0);
    }
    return out;
  }

  private static List<Group> readAll(Path file) throws IOException {
    List<Group> rows = new ArrayList<>();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(schema));
        for (long i = 0; i < pages.getRowCount(); i++) {
          rows.add(records.read());
        }
      }
    }
    return rows;
  }
}
