package dev.tributary.curation.quality;

/**
 * Thresholds of the camera checks ({@link CameraQualityChecker}). Defaults are calibrated on the
 * simulated rig at 64-160 px sample width and documented in the module README.
 *
 * @param darkMaxMeanLuma flag {@code camera_dark:<camera>} when the median over sampled frames of
 *     the mean luma (BT.601, 0-255) is below this (default 30)
 * @param blurMinSharpness flag {@code camera_blurry:<camera>} when the median over textured sampled
 *     frames of the sharpness (the share of Laplacian variance that one more 5 x 5 binomial blur
 *     removes, on the luma plane halved in each direction) is below this (default 0.84: the middle
 *     of the gap on {@code CameraFlagRecallTest}'s episodes between the blurred cameras, 0.67-0.77,
 *     and all others, 0.91-0.94; on the full 128 px plane the two were 0.57-0.71 and 0.90-0.93, and
 *     the threshold 0.8)
 * @param blurMinLumaStd frames whose luma standard deviation is below this carry no edges to judge
 *     (dark, fog, a wall) and are left out of the blur check (default 6)
 * @param frozenPixelDelta a pixel changed between two sampled frames when its luma differs by more
 *     than this (default 12 grey levels: codec and sensor noise stay below)
 * @param frozenMaxChangedShare two consecutive sampled frames are the same picture when at most
 *     this share of pixels changed (default 0.001; a frozen camera measures 0-0.02 %, the smallest
 *     real change seen on the simulator 0.4 %)
 * @param frozenMinFraction flag {@code camera_frozen:<camera>} when a run of identical consecutive
 *     samples covers at least this share of the samples (each sample stands for 1/N of the video;
 *     default 0.35) ...
 * @param frozenMinJointMotionDeg ... and some joint moved by at least this much (degrees, other
 *     units converted) during the run, so an arm standing still in front of a still scene is not a
 *     frozen camera (default 5; joints are ignored when the episode has none)
 * @param dropGapFactor an interval between frame times longer than this many nominal frame periods
 *     counts {@code round(dt / period) - 1} dropped frames (default 1.5)
 * @param maxDroppedFrameRatio flag {@code video_dropped_frames:<camera>} above this share of
 *     dropped frames, {@code dropped / (frames + dropped)} (default 0.01)
 */
public record CameraThresholds(
    double darkMaxMeanLuma,
    double blurMinSharpness,
    double blurMinLumaStd,
    int frozenPixelDelta,
    double frozenMaxChangedShare,
    double frozenMinFraction,
    double frozenMinJointMotionDeg,
    double dropGapFactor,
    double maxDroppedFrameRatio) {

  public static CameraThresholds defaults() {
    return new CameraThresholds(30, 0.84, 6, 12, 0.001, 0.35, 5, 1.5, 0.01);
  }
}
