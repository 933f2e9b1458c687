package dev.tributary.curation.dedup;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The compact per-episode summary that near-duplicate detection works on: the episode's landmarks
 * (velocity peaks of each smoothed joint, see {@link TrajectorySketcher}) and a {@link
 * CoarseTrajectory} for confirmation. Stored as {@link #toBytes()} in the {@code episodes} table so
 * the index is rebuilt at restart without reading frames; typically 0.5-1.5 KB.
 *
 * <p>A second kind of landmark, <em>corners</em> (issue 16): extrema of a joint's acceleration
 * where it moves at nearly constant speed (see {@link TrajectorySketcher}); {@link #corners()}
 * views them as a sketch of their own, hashed in a namespace of their own. A short take's corners
 * that only {@link ShortTakeLandmarks} uses are stored among them, flagged ({@link
 * #SHORT_TAKE_CORNER}, issue 16, tenth round; the layout below is unchanged).
 *
 * <p>Over 300 lines because the serialised layout of four versions and the views of each landmark
 * kind read the same private arrays; split, the arrays would have to be exposed.
 *
 * <p>Serialised layout (little-endian): version u8 (=4), joints u8, duration f32, rate f32,
 * landmark count u16, per landmark (time f32, code u8, amplitude u8), coarse length i32, coarse
 * blob, then (version 2) the joint layout i32 ({@link JointLayout}), then (version 3) corner count
 * u16 and per corner (time f32, code u8, amplitude u8). Version 4 (issue 16, third round) is laid
 * out as version 3; its coarse blob keeps each joint's quantisation levels ({@link
 * CoarseTrajectory#levels}), and version 1-3 blobs are read without them (all joints compared, as
 * before). Version 2 sketches (before corners) are read without corners; version 1 sketches (before
 * layouts) also with layout {@link JointLayout#UNKNOWN}: they are compared by joint count only.
 */
public final class TrajectorySketch {
  static final byte VERSION = 4;

  private static final byte VERSION_WITHOUT_LEVELS = 3;

  private static final byte VERSION_WITHOUT_LAYOUT = 1;

  private static final byte VERSION_WITHOUT_CORNERS = 2;

  private static final float[] NO_TIMES = new float[0];
  private static final byte[] NO_BYTES = new byte[0];

  private final int joints;
  private final double durationS;
  private final double rateHz;
  private final float[] landmarkTimesS;
  private final byte[] landmarkCodes;
  private final byte[] landmarkAmplitudes;
  private final CoarseTrajectory coarse;
  private final int layout;
  private final float[] cornerTimesS;
  private final byte[] cornerCodes;
  private final byte[] cornerAmplitudes;
  private final int shortTakeCorners;

  /**
   * Set in the code of a corner that only {@link ShortTakeLandmarks} uses (issue 16, tenth round):
   * a short take's corners of every joint that travels, found up to {@link
   * ShortTakeLandmarks#EDGE_S} from the ends. Stored among the corners (the same bytes per corner),
   * but left out of {@link #corners()} and {@link #cornerCount()}, so the corner postings of every
   * take stay what they were. Only sketches of at most {@link ShortTakeLandmarks#MAX_JOINTS} joints
   * hold them (their codes are under 128).
   */
  static final int SHORT_TAKE_CORNER = 0x80;

  /**
   * Whether a stored corner code is flagged {@link #SHORT_TAKE_CORNER}: only in a sketch of at most
   * {@link ShortTakeLandmarks#MAX_JOINTS} joints, since a robot of 64-127 joints has ordinary
   * corner codes ({@code joint * 2 + sign}) of 128 and more, which must stay ordinary corners.
   */
  static boolean shortTakeCorner(int joints, byte code) {
    return joints <= ShortTakeLandmarks.MAX_JOINTS && (code & SHORT_TAKE_CORNER) != 0;
  }

  private FineTrajectory fine; // in memory only, never serialised (see #fine)
  private Trajectory source; // in memory only, never serialised (see #source)

  /**
   * @param landmarkCodes {@code joint * 2 + (velocity < 0 ? 1 : 0)}, per landmark
   * @param landmarkAmplitudes {@code -ln(|velocity| / the joint's largest |velocity|) * 16},
   *     clamped to 0-255; only differences within one joint are used (units cancel)
   */
  TrajectorySketch(
      int joints,
      double durationS,
      double rateHz,
      float[] landmarkTimesS,
      byte[] landmarkCodes,
      byte[] landmarkAmplitudes,
      CoarseTrajectory coarse,
      int layout) {
    this(
        joints,
        durationS,
        rateHz,
        landmarkTimesS,
        landmarkCodes,
        landmarkAmplitudes,
        coarse,
        layout,
        NO_TIMES,
        NO_BYTES,
        NO_BYTES);
  }

  /** As above, with corners (the same encoding: code {@code joint * 2 + (acceleration < 0)}). */
  TrajectorySketch(
      int joints,
      double durationS,
      double rateHz,
      float[] landmarkTimesS,
      byte[] landmarkCodes,
      byte[] landmarkAmplitudes,
      CoarseTrajectory coarse,
      int layout,
      float[] cornerTimesS,
      byte[] cornerCodes,
      byte[] cornerAmplitudes) {
    this.cornerTimesS = cornerTimesS;
    this.cornerCodes = cornerCodes;
    this.cornerAmplitudes = cornerAmplitudes;
    int flagged = 0;
    for (byte c : cornerCodes) {
      flagged += shortTakeCorner(joints, c) ? 1 : 0;
    }
    this.shortTakeCorners = flagged;
    this.joints = joints;
    this.layout = layout;
    this.durationS = durationS;
    this.rateHz = rateHz;
    this.landmarkTimesS = landmarkTimesS;
    this.landmarkCodes = landmarkCodes;
    this.landmarkAmplitudes = landmarkAmplitudes;
    this.coarse = coarse;
  }

  /**
   * Computes the sketch of a trajectory whose joints' names are unknown (layout {@link
   * JointLayout#UNKNOWN}: compared with every sketch of the same joint count).
   */
  public static TrajectorySketch of(Trajectory trajectory) {
    return TrajectorySketcher.sketch(trajectory, JointLayout.UNKNOWN);
  }

  /**
   * Computes the sketch of a trajectory whose state joints have these names (in order): it is
   * compared only with sketches of the same {@link JointLayout} (or of an unknown one with as many
   * joints).
   */
  public static TrajectorySketch of(Trajectory trajectory, java.util.List<String> jointNames) {
    return TrajectorySketcher.sketch(trajectory, JointLayout.of(jointNames));
  }

  /** The joint layout ({@link JointLayout#of}), or {@link JointLayout#UNKNOWN}. */
  public int layout() {
    return layout;
  }

  public int joints() {
    return joints;
  }

  public double durationS() {
    return durationS;
  }

  /** Nominal joint sample rate of the source (its median sample interval). */
  public double rateHz() {
    return rateHz;
  }

  public int landmarks() {
    return landmarkTimesS.length;
  }

  public double landmarkTimeS(int i) {
    return landmarkTimesS[i];
  }

  public int landmarkCode(int i) {
    return Byte.toUnsignedInt(landmarkCodes[i]);
  }

  public int landmarkAmplitude(int i) {
    return Byte.toUnsignedInt(landmarkAmplitudes[i]);
  }

  public CoarseTrajectory coarse() {
    return coarse;
  }

  /**
   * The smoothed joints at the sketcher's 20 Hz (issue 16, ninth round), for confirming this
   * episode against stored copies at their own sample times ({@link StoredGrid}); null for a sketch
   * read back by {@link #fromBytes} (not serialised: the index keeps coarse copies only).
   */
  FineTrajectory fine() {
    return fine;
  }

  /** This sketch, holding its smoothed joints in memory (see {@link #fine}). */
  TrajectorySketch withFine(FineTrajectory f) {
    this.fine = f;
    return this;
  }

  /**
   * The trajectory this sketch was computed from (issue 16, eleventh round), so a lookup can sketch
   * a stretch of it that its matches left unexplained as a take of its own ({@link
   * NearDuplicateIndex}); null for a sketch read back by {@link #fromBytes} (never serialised).
   */
  Trajectory source() {
    return source;
  }

  /** This sketch, holding the trajectory it was computed from in memory (see {@link #source}). */
  TrajectorySketch withSource(Trajectory t) {
    this.source = t;
    return this;
  }

  /** Each joint's motion ratio as its coarse copy keeps it (see {@link CoarseTrajectory}). */
  double[] coarseMotionRatios() {
    double[] out = new double[joints];
    for (int j = 0; j < joints; j++) {
      out[j] = coarse.motionRatio(j);
    }
    return out;
  }

  /** Corner landmarks held (0 for a sketch without any, or stored before version 3). */
  public int cornerCount() {
    return cornerTimesS.length - shortTakeCorners;
  }

  /** Corners that only {@link ShortTakeLandmarks} uses (see {@link #SHORT_TAKE_CORNER}). */
  int shortTakeCornerCount() {
    return shortTakeCorners;
  }

  /**
   * The corners that only {@link ShortTakeLandmarks} uses, as a sketch whose landmarks they are
   * (codes without {@link #SHORT_TAKE_CORNER}).
   */
  TrajectorySketch shortTakeCorners() {
    return cornersFlagged(true);
  }

  /**
   * The corners as a sketch whose landmarks they are (same joints, duration, rate, coarse copy and
   * layout; no corners of its own), for the triplet hashing of {@link LandmarkHashes}.
   */
  TrajectorySketch corners() {
    if (shortTakeCorners == 0) {
      return new TrajectorySketch(
          joints, durationS, rateHz, cornerTimesS, cornerCodes, cornerAmplitudes, coarse, layout);
    }
    return cornersFlagged(false);
  }

  private TrajectorySketch cornersFlagged(boolean flagged) {
    int m = flagged ? shortTakeCorners : cornerTimesS.length - shortTakeCorners;
    float[] times = new float[m];
    byte[] codes = new byte[m];
    byte[] amplitudes = new byte[m];
    int o = 0;
    for (int i = 0; i < cornerTimesS.length; i++) {
      if (shortTakeCorner(joints, cornerCodes[i]) == flagged) {
        times[o] = cornerTimesS[i];
        codes[o] = (byte) (flagged ? cornerCodes[i] & ~SHORT_TAKE_CORNER : cornerCodes[i]);
        amplitudes[o++] = cornerAmplitudes[i];
      }
    }
    return new TrajectorySketch(
        joints, durationS, rateHz, times, codes, amplitudes, coarse, layout);
  }

  /** The bytes to store (binary column); {@link #fromBytes} reads them back. */
  public byte[] toBytes() {
    byte[] blob = coarse.blob();
    int n = landmarkTimesS.length;
    int m = cornerTimesS.length;
    ByteBuffer out =
        ByteBuffer.allocate(1 + 1 + 4 + 4 + 2 + n * 6 + 4 + blob.length + 4 + 2 + m * 6)
            .order(ByteOrder.LITTLE_ENDIAN);
    out.put(VERSION).put((byte) joints).putFloat((float) durationS).putFloat((float) rateHz);
    out.putShort((short) n);
    for (int i = 0; i < n; i++) {
      out.putFloat(landmarkTimesS[i]).put(landmarkCodes[i]).put(landmarkAmplitudes[i]);
    }
    out.putInt(blob.length).put(blob).putInt(layout);
    out.putShort((short) m);
    for (int i = 0; i < m; i++) {
      out.putFloat(cornerTimesS[i]).put(cornerCodes[i]).put(cornerAmplitudes[i]);
    }
    return out.array();
  }

  /**
   * Reads a stored sketch.
   *
   * @throws IllegalArgumentException if the bytes are truncated or of an unknown version (a sketch
   *     of another version must be recomputed from the frames)
   */
  public static TrajectorySketch fromBytes(byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      byte version = in.get();
      if (version != VERSION
          && version != VERSION_WITHOUT_LEVELS
          && version != VERSION_WITHOUT_CORNERS
          && version != VERSION_WITHOUT_LAYOUT) {
        throw new IllegalArgumentException(
            "sketch version " + version + " is not " + VERSION + ": recompute it from the frames");
      }
      int joints = Byte.toUnsignedInt(in.get());
      double duration = in.getFloat();
      double rate = in.getFloat();
      int n = Short.toUnsignedInt(in.getShort());
      float[] times = new float[n];
      byte[] codes = new byte[n];
      byte[] amplitudes = new byte[n];
      for (int i = 0; i < n; i++) {
        times[i] = in.getFloat();
        codes[i] = in.get();
        amplitudes[i] = in.get();
      }
      byte[] blob = new byte[in.getInt()];
      in.get(blob);
      int layout = version != VERSION_WITHOUT_LAYOUT ? in.getInt() : JointLayout.UNKNOWN;
      int m =
          version == VERSION || version == VERSION_WITHOUT_LEVELS
              ? Short.toUnsignedInt(in.getShort())
              : 0;
      float[] cornerTimes = new float[m];
      byte[] cornerCodes = new byte[m];
      byte[] cornerAmplitudes = new byte[m];
      for (int i = 0; i < m; i++) {
        cornerTimes[i] = in.getFloat();
        cornerCodes[i] = in.get();
        cornerAmplitudes[i] = in.get();
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " trailing bytes after the sketch");
      }
      return new TrajectorySketch(
          joints,
          duration,
          rate,
          times,
          codes,
          amplitudes,
          new CoarseTrajectory(blob),
          layout,
          cornerTimes,
          cornerCodes,
          cornerAmplitudes);
    } catch (BufferUnderflowException | NegativeArraySizeException e) {
      throw new IllegalArgumentException("truncated sketch of " + bytes.length + " bytes", e);
    }
  }
}
