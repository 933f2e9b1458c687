package dev.tributary.curation.quality;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.assembly.JointMatrix;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointSpec;
import java.util.Arrays;
import java.util.List;

/**
 * An episode's joints as the checks read them: capture times, the state, the commanded action of
 * each state joint when the episode has one for it (columns of the episode's {@link JointMatrix},
 * shared, never modified here), and each joint's scale.
 *
 * @param action per state joint, the action column commanding it (same name), or null: an action
 *     given as other quantities (velocities, a leader arm's other joints) commands no state joint
 * @param unitsPerDegree per joint, how many of its unit make one degree of motion: from the unit
 *     when it has a physical scale, otherwise derived from the joint's own data (its 1st-99th
 *     percentile span counts as 100 degrees); NaN when neither is possible (a joint that never
 *     moves in a unit without scale)
 */
record JointSeries(
    int n,
    long[] monoNanos,
    float[][] state,
    float[][] action,
    double[] unitsPerDegree,
    List<JointSpec> joints) {

  /** Span, in degree equivalents, that a joint without a physical unit is taken to cover. */
  static final double DERIVED_SPAN_DEGREES = 100;

  /**
   * The series of an episode's {@link JointMatrix}: its columns, not copies, with the action
   * columns matched to the state joints they command.
   */
  static JointSeries of(AssembledEpisode e) {
    JointMatrix x = e.joints();
    List<JointSpec> joints = e.manifest().getJoints();
    int n = x.samples();
    int[] actionColumn = actionColumns(e.manifest(), x);
    float[][] state = x.state();
    float[][] action = new float[joints.size()][];
    for (int j = 0; j < joints.size(); j++) {
      if (actionColumn[j] >= 0) {
        action[j] = x.action()[actionColumn[j]];
      }
    }
    double[] scale = new double[joints.size()];
    for (int j = 0; j < scale.length; j++) {
      scale[j] = UnitRange.unitsPerDegree(joints.get(j).getUnit());
      if (Double.isNaN(scale[j])) {
        double span = span(state[j]);
        scale[j] = span > 0 ? span / DERIVED_SPAN_DEGREES : Double.NaN;
      }
    }
    return new JointSeries(n, x.monoNanos(), state, action, scale, joints);
  }

  String name(int joint) {
    return joints.get(joint).getName();
  }

  String unit(int joint) {
    return joints.get(joint).getUnit();
  }

  /**
   * Per state joint, the index of its action column or -1. With no declared action joints the
   * action has one column per state joint in the same order (when it has any); otherwise a state
   * joint is commanded by the action column of the same name and unit.
   */
  private static int[] actionColumns(EpisodeManifest m, JointMatrix x) {
    List<JointSpec> joints = m.getJoints();
    int[] column = new int[joints.size()];
    Arrays.fill(column, -1);
    // Only an action every sample has commands a joint (a chunk without one leaves nothing to
    // compare its samples with).
    if (!x.actionEverywhere()) {
      return column;
    }
    int width = x.action().length;
    List<JointSpec> actionJoints = m.getActionJoints();
    if (actionJoints == null || actionJoints.isEmpty()) {
      if (width == joints.size()) {
        for (int j = 0; j < column.length; j++) {
          column[j] = j;
        }
      }
      return column;
    }
    for (int j = 0; j < joints.size(); j++) {
      for (int a = 0; a < actionJoints.size() && a < width; a++) {
        JointSpec spec = actionJoints.get(a);
        if (spec.getName().equals(joints.get(j).getName())
            && spec.getUnit().equals(joints.get(j).getUnit())) {
          column[j] = a;
          break;
        }
      }
    }
    return column;
  }

  /** 1st to 99th percentile of the values (so a single spike does not set the scale). */
  private static double span(float[] values) {
    if (values.length == 0) {
      return 0;
    }
    float[] sorted = values.clone();
    Arrays.sort(sorted);
    int lo = (int) Math.floor(0.01 * (sorted.length - 1));
    int hi = (int) Math.ceil(0.99 * (sorted.length - 1));
    double span = (double) sorted[hi] - sorted[lo];
    return Double.isFinite(span) ? span : 0;
  }
}
