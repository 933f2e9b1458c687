package dev.tributary.gateway.validation;

import dev.tributary.schema.ActionJoints;
import dev.tributary.schema.EpisodeManifest;

/**
 * How many state and action columns a manifest declares, to check its chunks against.
 *
 * @param state state columns, or -1 when the manifest is not known here
 * @param action action columns when an action is sent (a chunk may also send none), or -1 when the
 *     manifest is not known here
 */
public record JointShape(int state, int action) {
  /** The manifest was accepted by another instance: only the chunk's own consistency is checked. */
  public static final JointShape UNKNOWN = new JointShape(-1, -1);

  /** State and action share one joint list of this size. */
  public static JointShape shared(int joints) {
    return new JointShape(joints, joints);
  }

  public static JointShape of(EpisodeManifest m) {
    return new JointShape(m.getJoints().size(), ActionJoints.of(m).size());
  }

  boolean known() {
    return state >= 0;
  }
}
