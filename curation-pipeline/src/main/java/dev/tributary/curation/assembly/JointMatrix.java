package dev.tributary.curation.assembly;

import dev.tributary.schema.ActionJoints;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointContentHash;
import dev.tributary.schema.JointSpec;
import java.util.List;

/**
 * An episode's joints in primitive columns, decoded once from its chunks when it is assembled and
 * then read by every check, the dedup sketcher, the diversity features and the row writer: capture
 * times ({@code long[]}), the state ({@code state[joint][sample]}) and the action ({@code
 * action[column][sample]}), each with its own joint names and length (the action's are the
 * manifest's {@code actionJoints} when declared, else its {@code joints}).
 *
 * <p>The arrays are shared, not copied: readers must not modify them.
 *
 * <p>A chunk may come without action while others have one (the schema allows it per chunk): the
 * action columns then hold 0 for those samples and {@link #hasAction(int)} says which samples have
 * one. An episode whose chunks have inconsistent shapes (rejected as {@code malformed_chunk}) keeps
 * only its sample count and capture times ({@link #wellFormed()} is false).
 */
public final class JointMatrix {
  private static final float[][] NO_COLUMNS = new float[0][];

  private final List<JointSpec> stateJoints;
  private final List<JointSpec> actionJoints;
  private final int chunkCount;
  private final long[] monoNanos;
  private final long[] wallMicros;
  private final float[][] state;
  private final float[][] action;
  private final boolean[] actionAbsent;
  private final boolean wellFormed;

  private JointMatrix(
      List<JointSpec> stateJoints,
      List<JointSpec> actionJoints,
      int chunkCount,
      long[] monoNanos,
      long[] wallMicros,
      float[][] state,
      float[][] action,
      boolean[] actionAbsent,
      boolean wellFormed) {
    this.stateJoints = stateJoints;
    this.actionJoints = actionJoints;
    this.chunkCount = chunkCount;
    this.monoNanos = monoNanos;
    this.wallMicros = wallMicros;
    this.state = state;
    this.action = action;
    this.actionAbsent = actionAbsent;
    this.wellFormed = wellFormed;
  }

  /**
   * Decodes chunks in sequence order. Chunks whose columns do not match the manifest (a state
   * column per joint, an action column per action joint or none, every column as long as the
   * chunk's capture times) give a matrix of capture times only.
   */
  public static JointMatrix of(EpisodeManifest m, List<JointChunk> chunksInOrder) {
    List<JointSpec> joints = m.getJoints();
    List<JointSpec> actionJoints = ActionJoints.of(m);
    int n = 0;
    int wall = 0;
    int withAction = 0;
    boolean wellFormed = true;
    for (JointChunk c : chunksInOrder) {
      int k = c.getCaptureMonoNanos().size();
      n += k;
      wall += c.getCaptureWallMicros().size();
      wellFormed &= fits(c.getState(), joints.size(), k) && c.getCaptureWallMicros().size() == k;
      if (!c.getAction().isEmpty()) {
        wellFormed &= fits(c.getAction(), actionJoints.size(), k);
        withAction += k;
      }
    }
    long[] mono = new long[n];
    long[] wallMicros = new long[wall];
    int at = 0;
    int wallAt = 0;
    for (JointChunk c : chunksInOrder) {
      at = copyLongs(c.getCaptureMonoNanos(), mono, at);
      wallAt = copyLongs(c.getCaptureWallMicros(), wallMicros, wallAt);
    }
    if (!wellFormed) {
      return new JointMatrix(
          joints,
          actionJoints,
          chunksInOrder.size(),
          mono,
          wallMicros,
          NO_COLUMNS,
          NO_COLUMNS,
          null,
          false);
    }
    float[][] state = new float[joints.size()][n];
    float[][] action = withAction == 0 ? NO_COLUMNS : new float[actionJoints.size()][n];
    boolean[] absent = withAction == 0 || withAction == n ? null : new boolean[n];
    at = 0;
    for (JointChunk c : chunksInOrder) {
      int k = c.getCaptureMonoNanos().size();
      copyColumns(c.getState(), state, at);
      if (!c.getAction().isEmpty()) {
        copyColumns(c.getAction(), action, at);
      } else if (absent != null) {
        java.util.Arrays.fill(absent, at, at + k, true);
      }
      at += k;
    }
    return new JointMatrix(
        joints, actionJoints, chunksInOrder.size(), mono, wallMicros, state, action, absent, true);
  }

  private static boolean fits(List<List<Float>> columns, int width, int samples) {
    if (columns.size() != width) {
      return false;
    }
    for (List<Float> column : columns) {
      if (column.size() != samples) {
        return false;
      }
    }
    return true;
  }

  private static int copyLongs(List<Long> from, long[] to, int at) {
    for (Long v : from) {
      to[at++] = v;
    }
    return at;
  }

  private static void copyColumns(List<List<Float>> from, float[][] to, int at) {
    for (int j = 0; j < to.length; j++) {
      int i = at;
      for (Float v : from.get(j)) {
        to[j][i++] = v;
      }
    }
  }

  /** Joint samples (the length of every column and of {@link #monoNanos()}). */
  public int samples() {
    return monoNanos.length;
  }

  /** How many chunks the episode was assembled from. */
  public int chunkCount() {
    return chunkCount;
  }

  /** Whether every chunk had the manifest's shape (else only the capture times are here). */
  public boolean wellFormed() {
    return wellFormed;
  }

  /** Per sample, the monotonic capture time in nanoseconds (recorder clock). */
  public long[] monoNanos() {
    return monoNanos;
  }

  /** Per sample, the wall-clock capture time in microseconds since the Unix epoch. */
  public long[] wallMicros() {
    return wallMicros;
  }

  /** The state joints, in column order (the manifest's {@code joints}). */
  public List<JointSpec> stateJoints() {
    return stateJoints;
  }

  /** {@code state[joint][sample]}, in the manifest's joint order and units. */
  public float[][] state() {
    return state;
  }

  /** The action's own columns, in order: the manifest's {@code actionJoints}, else its joints. */
  public List<JointSpec> actionJoints() {
    return actionJoints;
  }

  /** {@code action[column][sample]}; no column when no chunk had an action. */
  public float[][] action() {
    return action;
  }

  /** Whether every sample has an action (false without samples). */
  public boolean actionEverywhere() {
    return action.length > 0 && actionAbsent == null && samples() > 0;
  }

  /** Whether this sample has an action. */
  public boolean hasAction(int sample) {
    return action.length > 0 && (actionAbsent == null || !actionAbsent[sample]);
  }

  /**
   * The {@link JointContentHash} of these samples: the same digest as of the chunks they came from
   * (state then action of each sample, a sample without action contributing only its state).
   */
  public String contentSha256() {
    JointContentHash hash = new JointContentHash();
    int n = samples();
    int from = 0;
    while (from < n) {
      boolean with = hasAction(from);
      int to = from + 1;
      while (to < n && hasAction(to) == with) {
        to++;
      }
      hash.addSamples(state, with ? action : NO_COLUMNS, from, to);
      from = to;
    }
    return hash.hex();
  }
}
