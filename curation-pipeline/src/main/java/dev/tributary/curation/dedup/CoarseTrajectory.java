package dev.tributary.curation.dedup;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A small copy of an episode's smoothed trajectory for confirming candidates by aligned
 * correlation: at most {@link #MAX_SAMPLES} samples per joint at up to 10 Hz, each joint quantised
 * to one byte between its own minimum and maximum. One byte per value is enough because
 * confirmation only compares shapes (per-joint affine maps cancel out), and it keeps the copy under
 * 1 KiB for six joints so the whole index stays within its 4 KiB-per-episode budget.
 *
 * <p>Each joint also carries its motion ratio: its fastest speed over its median speed. A joint
 * that really moves (holds, then moves) scores 10-100; one that only shows tremor and sensor noise
 * scores 2-5, and its quantised shape is noise that a resampled copy does not reproduce, so
 * confirmation ignores it. The ratio is unit-free and rate-free.
 *
 * <p>Each joint also carries its <em>resolution</em> (issue 16, third round): how many of its own
 * quantisation steps its raw values span ({@link #levels}, capped at 255). A joint that moves only
 * a few steps of its encoder, of a fixed-point format (a hand reporting thousandths) or of a
 * float16 round trip has a staircase for a shape, which a trimmed, resampled or re-rounded copy
 * reproduces only roughly; confirmation does not compare it.
 *
 * <p>Layout of {@link #blob()} (little-endian): rate f32, samples u16, joints u8, then per joint
 * (min f32, step f32, motion ratio u8, levels u8), then the codes joint-major. The index keeps only
 * this array per episode. Copies made before the levels (9 bytes per joint, sketch versions 1-3)
 * are told apart by their length and read with {@link #UNKNOWN_LEVELS}. Since issue 16's seventh
 * round the codes may be followed by the episode's {@link SampleWindows} (a magic byte first);
 * copies without them answer {@link #windows} null. Since its ninth round the codes may be followed
 * first by each joint's {@link #redrawVar} (a magic byte {@code 'R'}, then one byte per joint),
 * then by the windows; copies without it answer 0.
 */
public final class CoarseTrajectory {
  /** Samples per joint at most; longer episodes are sampled more sparsely. */
  public static final int MAX_SAMPLES = 128;

  /** Highest sample rate; the sketch's smoothing (0.1 s) leaves nothing above it worth keeping. */
  public static final double MAX_RATE_HZ = 10;

  /** What {@link #levels} answers for a copy made before they were kept: enough, as before. */
  public static final int UNKNOWN_LEVELS = 255;

  private static final int HEADER = 7;
  private static final int PER_JOINT = 10;
  private static final int PER_JOINT_WITHOUT_LEVELS = 9;
  private final byte[] blob;
  private final int perJoint;
  private final ByteBuffer view;
  private final int samples;
  private final int joints;
  private final double rateHz;
  private final boolean hasWindows;
  private final int redrawAt; // first redraw byte, -1 without them
  private final int sectionsEnd; // where the windows start (or the blob ends)
  private SampleWindows windows; // read on first use (most copies a lookup reads never need them)

  CoarseTrajectory(byte[] blob) {
    this.blob = blob;
    this.view = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
    if (blob.length < HEADER) {
      throw new IllegalArgumentException("coarse trajectory truncated: " + blob.length + " bytes");
    }
    this.rateHz = view.getFloat(0);
    this.samples = Short.toUnsignedInt(view.getShort(4));
    this.joints = Byte.toUnsignedInt(blob[6]);
    if (joints > 0
        && blob.length == HEADER + joints * PER_JOINT_WITHOUT_LEVELS + joints * samples) {
      this.perJoint = PER_JOINT_WITHOUT_LEVELS;
    } else {
      this.perJoint = PER_JOINT;
    }
    int codesEnd = HEADER + joints * perJoint + joints * samples;
    boolean hasRedraw =
        perJoint == PER_JOINT
            && joints > 0
            && blob.length >= codesEnd + 1 + joints
            && blob[codesEnd] == REDRAW_MAGIC;
    this.redrawAt = hasRedraw ? codesEnd + 1 : -1;
    this.sectionsEnd = hasRedraw ? codesEnd + 1 + joints : codesEnd;
    this.hasWindows =
        perJoint == PER_JOINT
            && blob.length > sectionsEnd
            && SampleWindows.startAt(blob, sectionsEnd);
    if (blob.length != sectionsEnd && !hasWindows) {
      throw new IllegalArgumentException(
          "coarse trajectory of " + joints + "x" + samples + " has " + blob.length + " bytes");
    }
  }

  /**
   * Quantises {@code values[joint][sample]} sampled at {@code rateHz} from time 0.
   *
   * @param motionRatios per joint, fastest over median speed
   * @param levels per joint, quantisation steps spanned by its raw values (see {@link #levels})
   */
  static CoarseTrajectory of(
      double[][] values, double rateHz, double[] motionRatios, double[] levels) {
    int joints = values.length;
    int samples = joints == 0 ? 0 : values[0].length;
    ByteBuffer out =
        ByteBuffer.allocate(HEADER + joints * PER_JOINT + joints * samples)
            .order(ByteOrder.LITTLE_ENDIAN);
    out.putFloat((float) rateHz).putShort((short) samples).put((byte) joints);
    float[] min = new float[joints];
    float[] step = new float[joints];
    for (int j = 0; j < joints; j++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double v : values[j]) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      min[j] = samples == 0 ? 0 : (float) lo;
      step[j] = samples == 0 || hi <= lo ? 0 : (float) ((hi - lo) / 255);
      int ratio = (int) Math.round(Math.min(255, motionRatios[j]));
      int level = (int) Math.round(Math.max(0, Math.min(255, levels[j])));
      out.putFloat(min[j]).putFloat(step[j]).put((byte) ratio).put((byte) level);
    }
    for (int j = 0; j < joints; j++) {
      for (int i = 0; i < samples; i++) {
        int code = step[j] == 0 ? 0 : (int) Math.round((values[j][i] - min[j]) / step[j]);
        out.put((byte) Math.max(0, Math.min(255, code)));
      }
    }
    return new CoarseTrajectory(out.array());
  }

  /** This copy with the episode's sample windows appended (replacing any it had). */
  CoarseTrajectory withWindows(SampleWindows w) {
    ByteBuffer out = ByteBuffer.allocate(sectionsEnd + w.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    out.put(blob, 0, sectionsEnd);
    w.write(out);
    return new CoarseTrajectory(out.array());
  }

  /**
   * This copy with each joint's {@link #redrawVar} (codes squared) after the codes, replacing any
   * it had and dropping its windows (add them after); without the section when every joint's rounds
   * to 0.
   */
  CoarseTrajectory withRedraw(double[] redrawVar) {
    if (perJoint != PER_JOINT || joints == 0) {
      return this;
    }
    int codesEnd = HEADER + joints * perJoint + joints * samples;
    byte[] out = Arrays.copyOf(blob, codesEnd + 1 + joints);
    out[codesEnd] = REDRAW_MAGIC;
    boolean any = false;
    for (int j = 0; j < joints; j++) {
      double code = Math.sqrt(Math.max(0, redrawVar[j])) * REDRAW_CODES_PER_CODE;
      out[codesEnd + 1 + j] = (byte) Math.min(255, Math.round(code));
      any |= out[codesEnd + 1 + j] != 0;
    }
    // All zero (every source at 20 Hz or more): no section, no bytes.
    return new CoarseTrajectory(any ? out : Arrays.copyOf(blob, codesEnd));
  }

  /** Bytes of the blob that hold its sample windows (0 without them). */
  int windowBytes() {
    return blob.length - sectionsEnd;
  }

  /** The first byte of the {@link #redrawVar} section: no windows start with it. */
  static final byte REDRAW_MAGIC = 0x52; // 'R'

  /**
   * The redraw byte is the deviation in codes times this, rounded, capped at 255: 1/16 of a code up
   * to 16 codes (a joint whose re-drawing moves it more is not a joint a copy can be told by).
   */
  static final double REDRAW_CODES_PER_CODE = 16;

  /**
   * The variance, in this copy's codes squared, by which another smooth drawing of the joint
   * between its recorded samples moves its smoothed shape (issue 16, ninth round; see {@link
   * TrajectorySketcher#redrawVar}): 0 for a copy made without it.
   */
  public double redrawVar(int joint) {
    if (redrawAt < 0) {
      return 0;
    }
    double deviation = Byte.toUnsignedInt(blob[redrawAt + joint]) / REDRAW_CODES_PER_CODE;
    return deviation * deviation;
  }

  /**
   * The episode's sample windows, or null for a copy made without them (or whose windows do not
   * read back). Read from the blob on first use: a lookup builds a copy per candidate and most
   * never reach the windows.
   */
  SampleWindows windows() {
    if (windows == null && hasWindows) {
      windows = SampleWindows.read(blob, sectionsEnd);
    }
    return windows;
  }

  public byte[] blob() {
    return blob;
  }

  public int samples() {
    return samples;
  }

  public int joints() {
    return joints;
  }

  public double rateHz() {
    return rateHz;
  }

  /** Time of the last sample, in seconds from the episode start. */
  public double spanS() {
    return samples < 2 ? 0 : (samples - 1) / rateHz;
  }

  /** The quantised value (0-255) of a joint at a sample. */
  public int code(int joint, int sample) {
    return Byte.toUnsignedInt(blob[HEADER + joints * perJoint + joint * samples + sample]);
  }

  /** The code's value in the episode's units: {@code min + code * step}. */
  public double min(int joint) {
    return view.getFloat(HEADER + joint * perJoint);
  }

  public double step(int joint) {
    return view.getFloat(HEADER + joint * perJoint + 4);
  }

  /** The joint's fastest speed over its median speed (capped at 255). */
  public int motionRatio(int joint) {
    return Byte.toUnsignedInt(blob[HEADER + joint * perJoint + 8]);
  }

  /**
   * How many of its own quantisation steps the joint's raw values span, capped at 255 ({@link
   * #UNKNOWN_LEVELS} for a copy made before they were kept). The step is a low quantile of the gaps
   * between the joint's distinct raw values: all of them are multiples of an encoder's, fixed-point
   * format's or float16's step, while values of a continuous (float32) signal leave gaps far below
   * range / samples, so such a joint scores the cap.
   */
  public int levels(int joint) {
    return perJoint == PER_JOINT_WITHOUT_LEVELS
        ? UNKNOWN_LEVELS
        : Byte.toUnsignedInt(blob[HEADER + joint * perJoint + 9]);
  }

  /**
   * The code of a joint at time {@code t} seconds, by Catmull-Rom interpolation: linear
   * interpolation of a 10 Hz copy would cost a few percent of a fast move's amplitude, cubic keeps
   * true copies above 0.999 correlation.
   */
  public double codeAt(int joint, double t) {
    double x = t * rateHz;
    int i = (int) Math.floor(x);
    if (i < 0) {
      return code(joint, 0);
    }
    if (i >= samples - 1) {
      return code(joint, samples - 1);
    }
    double f = x - i;
    double p0 = code(joint, Math.max(0, i - 1));
    double p1 = code(joint, i);
    double p2 = code(joint, i + 1);
    double p3 = code(joint, Math.min(samples - 1, i + 2));
    return p1
        + 0.5 * f * (p2 - p0 + f * (2 * p0 - 5 * p1 + 4 * p2 - p3 + f * (3 * (p1 - p2) + p3 - p0)));
  }
}
