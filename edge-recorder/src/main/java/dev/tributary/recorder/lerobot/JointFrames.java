package dev.tributary.recorder.lerobot;

import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointContentHash;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;

/**
 * The joint columns of one episode, in memory: state and action exactly as the Parquet floats,
 * monotonic time from LeRobot's synthetic {@code timestamp}, wall time = anchor + timestamp.
 */
final class JointFrames {
  final int samples;
  final long[] mono;
  final long[] wall;
  final float[][] state;
  final float[][] action;
  final String contentSha256;

  private JointFrames(long[] mono, long[] wall, float[][] state, float[][] action) {
    this.samples = mono.length;
    this.mono = mono;
    this.wall = wall;
    this.state = state;
    this.action = action;
    this.contentSha256 = JointContentHash.of(List.of(chunk("hash", 0, 0, samples)));
  }

  static JointFrames of(List<Group> frames, int joints, boolean hasAction, double fps, long anchor)
      throws ImportException {
    int n = frames.size();
    long[] mono = new long[n];
    long[] wall = new long[n];
    float[][] state = new float[joints][n];
    float[][] action = new float[hasAction ? joints : 0][n];
    for (int i = 0; i < n; i++) {
      Group row = frames.get(i);
      long frameIndex = ParquetRows.getLong(row, "frame_index");
      double t =
          ParquetRows.has(row, "timestamp")
              ? ParquetRows.getDouble(row, "timestamp")
              : frameIndex / fps;
      // timestamp is float32 in LeRobot: derive from frame_index when it does not increase.
      long nanos = Math.round(t * 1e9);
      if (i > 0 && nanos <= mono[i - 1]) {
        nanos = Math.round(frameIndex / fps * 1e9);
      }
      if (i > 0 && nanos <= mono[i - 1]) {
        throw new ImportException("frame_index does not increase at frame " + frameIndex);
      }
      mono[i] = nanos;
      wall[i] = anchor + nanos / 1000;
      copy(ParquetRows.floatList(row, "observation.state"), state, i, frameIndex, "state");
      if (hasAction) {
        copy(ParquetRows.floatList(row, "action"), action, i, frameIndex, "action");
      }
    }
    return new JointFrames(mono, wall, state, action);
  }

  private static void copy(float[] values, float[][] into, int i, long frameIndex, String what)
      throws ImportException {
    if (values.length != into.length) {
      throw new ImportException(
          "frame "
              + frameIndex
              + " has "
              + values.length
              + " "
              + what
              + " values, expected "
              + into.length);
    }
    for (int j = 0; j < values.length; j++) {
      into[j][i] = values[j];
    }
  }

  JointChunk chunk(String episodeId, int sequence, int from, int to) {
    List<Long> m = new ArrayList<>(to - from);
    List<Long> w = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      m.add(mono[i]);
      w.add(wall[i]);
    }
    return JointChunk.newBuilder()
        .setEpisodeId(episodeId)
        .setSequence(sequence)
        .setFirstSampleIndex(from)
        .setCaptureMonoNanos(m)
        .setCaptureWallMicros(w)
        .setState(columns(state, from, to))
        .setAction(columns(action, from, to))
        .build();
  }

  private static List<List<Float>> columns(float[][] values, int from, int to) {
    List<List<Float>> out = new ArrayList<>();
    for (float[] joint : values) {
      List<Float> column = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        column.add(joint[i]);
      }
      out.add(column);
    }
    return out;
  }
}
