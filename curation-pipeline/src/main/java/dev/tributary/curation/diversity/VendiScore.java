package dev.tributary.curation.diversity;

import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The Vendi score (Friedman and Dieng, 2023) with a linear (cosine) kernel: the exponential of the
 * entropy of the eigenvalues of the similarity matrix, read as "the effective number of distinct
 * episodes". With unit vectors the n-by-n kernel's non-zero eigenvalues equal those of the d-by-d
 * second-moment matrix, so the score is kept incrementally in O(d^2) memory, whatever the corpus
 * size.
 */
public final class VendiScore {
  private final int dimensions;
  private final double[][] moment;
  private long count;

  public VendiScore(int dimensions) {
    this.dimensions = dimensions;
    this.moment = new double[dimensions][dimensions];
  }

  public void add(float[] vector) {
    if (vector.length != dimensions) {
      return; // another layout (see DiversityVector); not comparable
    }
    double norm = 0;
    for (float v : vector) {
      norm += v * v;
    }
    if (norm == 0) {
      return;
    }
    double inv = 1 / Math.sqrt(norm);
    for (int i = 0; i < dimensions; i++) {
      double a = vector[i] * inv;
      if (a == 0) {
        continue;
      }
      for (int j = 0; j < dimensions; j++) {
        moment[i][j] += a * vector[j] * inv;
      }
    }
    count++;
  }

  public long count() {
    return count;
  }

  /** Effective number of distinct episodes, in [1, min(count, dimensions)]; null when empty. */
  public Double score() {
    if (count == 0) {
      return null;
    }
    // Exactly symmetric (rounding makes moment[i][j] and moment[j][i] differ in the last bits), so
    // Commons Math takes its robust symmetric path (tridiagonal QL), not the general Schur one.
    double[][] k = new double[dimensions][dimensions];
    for (int i = 0; i < dimensions; i++) {
      for (int j = i; j < dimensions; j++) {
        double v = (moment[i][j] + moment[j][i]) / (2.0 * count);
        k[i][j] = v;
        k[j][i] = v;
      }
    }
    double[] eigenvalues;
    try {
      eigenvalues = new EigenDecomposition(new Array2DRowRealMatrix(k, false)).getRealEigenvalues();
    } catch (MathIllegalStateException e) {
      return null; // no score this round rather than a wrong one
    }
    double entropy = 0;
    for (double lambda : eigenvalues) {
      if (lambda > 1e-12) {
        entropy -= lambda * Math.log(lambda);
      }
    }
    return Math.exp(entropy);
  }
}
