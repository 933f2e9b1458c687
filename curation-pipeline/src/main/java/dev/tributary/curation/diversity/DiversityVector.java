package dev.tributary.curation.diversity;

/**
 * One episode's point in diversity space: the scene block (from sampled video frames; empty when
 * the episode has no readable video), the motion block and the task block, each scaled to unit
 * length and weighted, so that the squared distance is {@code 0.5 * scene + 0.3 * motion + 0.2 *
 * task} (squared block distances). Scenes weigh most: the research says environments, not more
 * demos of one, make a robot generalise.
 */
public final class DiversityVector {
  static final double SCENE_WEIGHT = 0.5;
  static final double MOTION_WEIGHT = 0.3;
  static final double TASK_WEIGHT = 0.2;

  private DiversityVector() {}

  /**
   * @param scene scene features of fixed length {@code sceneLength}, or null when not available
   */
  public static float[] of(float[] scene, int sceneLength, float[] motion, float[] task) {
    float[] out = new float[sceneLength + motion.length + task.length];
    if (scene != null) {
      if (scene.length != sceneLength) {
        throw new IllegalArgumentException(
            "scene features have " + scene.length + " values, expected " + sceneLength);
      }
      put(out, 0, scene, SCENE_WEIGHT);
    }
    put(out, sceneLength, motion, MOTION_WEIGHT);
    put(out, sceneLength + motion.length, task, TASK_WEIGHT);
    return out;
  }

  /** Euclidean distance; vectors of different layouts are maximally far apart. */
  public static double distance(float[] a, float[] b) {
    if (a.length != b.length) {
      return 2;
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      sum += d * d;
    }
    return Math.sqrt(sum);
  }

  private static void put(float[] out, int offset, float[] block, double weight) {
    double norm = 0;
    for (float v : block) {
      norm += v * v;
    }
    if (norm == 0) {
      return; // an empty block (no task text, no samples) contributes nothing
    }
    double scale = Math.sqrt(weight / norm);
    for (int i = 0; i < block.length; i++) {
      out[offset + i] = (float) (block[i] * scale);
    }
  }
}
