package dev.tributary.curation.quality;

/**
 * What the camera checks measured on one camera's video (for the flags, and for calibrating the
 * thresholds).
 *
 * @param meanLuma median over sampled frames of the frame's mean luma, 0-255
 * @param sharpness median over textured sampled frames of the share of Laplacian variance a further
 *     blur removes (0-1, higher is sharper); NaN when no frame had texture
 * @param frozenFrames the longest run of consecutive sampled frames that are the same picture (1
 *     when none repeats)
 * @param sampledFrames how many frames were sampled
 * @param frozenFromSeconds start of that run (video time)
 * @param frozenToSeconds end of that run (video time)
 * @param frameCount frames in the stream (packets)
 * @param droppedFrames frames missing from the stream's timeline (gaps > dropGapFactor periods)
 */
public record CameraMeasures(
    double meanLuma,
    double sharpness,
    int frozenFrames,
    int sampledFrames,
    double frozenFromSeconds,
    double frozenToSeconds,
    int frameCount,
    int droppedFrames) {

  /** Share of the samples the longest frozen run covers. */
  public double frozenFraction() {
    return sampledFrames == 0 ? 0 : (double) frozenFrames / sampledFrames;
  }

  /** {@code dropped / (frames + dropped)}. */
  public double droppedRatio() {
    int expected = frameCount + droppedFrames;
    return expected == 0 ? 0 : (double) droppedFrames / expected;
  }
}
