package dev.tributary.curation.testing;

import dev.tributary.curation.dedup.Trajectory;
import dev.tributary.schema.JointChunk;
import java.util.ArrayList;
import java.util.List;

/** A simulated take's joints as the chunks a recorder would send, without some first/last ones. */
public final class SimulatedTakeChunks {
  private SimulatedTakeChunks() {}

  /**
   * @param dropFirst chunks of {@code chunkSize} samples left out at the start
   * @param dropLast chunks left out at the end
   */
  public static List<JointChunk> of(
      Trajectory t, String episodeId, int chunkSize, int dropFirst, int dropLast) {
    List<JointChunk> chunks = new ArrayList<>();
    int from = dropFirst * chunkSize;
    int to = t.samples() - dropLast * chunkSize;
    for (int first = from, seq = 0; first < to; first += chunkSize, seq++) {
      int n = Math.min(chunkSize, to - first);
      List<Long> mono = new ArrayList<>();
      List<Long> wall = new ArrayList<>();
      List<List<Float>> state = new ArrayList<>();
      for (int j = 0; j < t.joints(); j++) {
        state.add(new ArrayList<>());
      }
      for (int i = first; i < first + n; i++) {
        mono.add(Math.round(t.timeS(i) * 1e9));
        wall.add(1_700_000_000_000_000L + Math.round(t.timeS(i) * 1e6));
        for (int j = 0; j < t.joints(); j++) {
          state.get(j).add((float) t.value(i, j));
        }
      }
      chunks.add(
          JointChunk.newBuilder()
              .setEpisodeId(episodeId)
              .setSequence(seq)
              .setFirstSampleIndex(first - from)
              .setCaptureMonoNanos(mono)
              .setCaptureWallMicros(wall)
              .setState(state)
              .setAction(List.of())
              .build());
    }
    return chunks;
  }
}
