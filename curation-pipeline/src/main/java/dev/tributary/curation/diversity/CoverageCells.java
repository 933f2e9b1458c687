package dev.tributary.curation.diversity;

import java.util.Random;

/**
 * Cuts diversity space into cells with a p-stable locality-sensitive hash (random Gaussian
 * projections, each quantised into buckets of fixed width): nearby episodes mostly share a cell,
 * distant ones rarely do. A site's unique coverage counts the cells only it has filled. The seed is
 * fixed so cells mean the same thing across restarts and instances.
 */
public final class CoverageCells {
  static final int PROJECTIONS = 6;
  static final double BUCKET_WIDTH = 1.0;
  private static final long SEED = 0x7269627574617279L;

  private final double[][] planes;

  public CoverageCells(int dimensions) {
    Random random = new Random(SEED);
    planes = new double[PROJECTIONS][dimensions];
    for (double[] plane : planes) {
      for (int i = 0; i < dimensions; i++) {
        plane[i] = random.nextGaussian();
      }
    }
  }

  public int cellOf(float[] vector) {
    if (vector.length != planes[0].length) {
      throw new IllegalArgumentException(
          "vector has " + vector.length + " dimensions, cells were cut for " + planes[0].length);
    }
    int h = 17;
    for (double[] plane : planes) {
      double dot = 0;
      for (int i = 0; i < vector.length; i++) {
        dot += plane[i] * vector[i];
      }
      h = 31 * h + (int) Math.floor(dot / BUCKET_WIDTH);
    }
    return h;
  }
}
