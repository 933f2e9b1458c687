package dev.tributary.recorder.lerobot;

import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointContentHash;
import dev.tributary.schema.TimestampSource;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;

/**
 * The joint columns of one episode, in memory: state and action exactly as the Parquet floats (each
 * with its own length), monotonic time from LeRobot's {@code timestamp}, wall time = anchor +
 * timestamp. Timestamps equal to {@code frame_index / fps} (what {@code lerobot-record} writes) are
 * {@link TimestampSource#SYNTHETIC}; any others were measured by the recorder that made the dataset
 * and are kept as {@link TimestampSource#CAPTURE}.
 */
final class JointFrames {
  /** float32 timestamps of an hour-long episode still round within this of frame_index / fps. */
  private static final double SYNTHETIC_TOLERANCE_SECONDS = 1e-3;

  final int samples;
  final long[] mono;
  final long[] wall;
  final float[][] state;
  final float[][] action;
  final TimestampSource timestampSource;
  final String contentSha256;

  private JointFrames(
      long[] mono, long[] wall, float[][] state, float[][] action, TimestampSource source) {
    this.samples = mono.length;
    this.mono = mono;
    this.wall = wall;
    this.state = state;
    this.action = action;
    this.timestampSource = source;
    this.contentSha256 = JointContentHash.of(List.of(chunk("hash", 0, 0, samples)));
  }

  static JointFrames of(List<Group> frames, DatasetInfo info, long anchor) throws ImportException {
    int n = frames.size();
    double fps = info.fps();
    long[] mono = new long[n];
    long[] wall = new long[n];
    float[][] state = new float[info.state().size()][n];
    float[][] action = new float[info.action() == null ? 0 : info.action().size()][n];
    boolean synthetic = true;
    for (int i = 0; i < n; i++) {
      Group row = frames.get(i);
      long frameIndex = ParquetRows.getLong(row, "frame_index");
      double t =
          ParquetRows.has(row, "timestamp")
              ? ParquetRows.getDouble(row, "timestamp")
              : frameIndex / fps;
      synthetic &= Math.abs(t - frameIndex / fps) <= SYNTHETIC_TOLERANCE_SECONDS;
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
      copy(row, info.state().key(), state, i, frameIndex);
      if (info.action() != null) {
        copy(row, info.action().key(), action, i, frameIndex);
      }
    }
    return new JointFrames(
        mono, wall, state, action, synthetic ? TimestampSource.SYNTHETIC : TimestampSource.CAPTURE);
  }

  private static void copy(Group row, String key, float[][] into, int i, long frameIndex)
      throws ImportException {
    float[] values;
    try {
      values = ParquetRows.floatList(row, key);
    } catch (RuntimeException e) {
      throw new ImportException("frame " + frameIndex + ": " + e.getMessage());
    }
    if (values.length != into.length) {
      throw new ImportException(
          "frame "
              + frameIndex
              + " has "
              + values.length
              + " '"
              + key
              + "' values but meta/info.json declares "
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
