package dev.tributary.schema;

import java.util.List;

/** The action columns a manifest declares: its own {@code actionJoints}, else its joints. */
public final class ActionJoints {
  private ActionJoints() {}

  /** True when the manifest gives the action its own columns (names, length, units). */
  public static boolean own(EpisodeManifest m) {
    return m.getActionJoints() != null && !m.getActionJoints().isEmpty();
  }

  /** The action's columns in order: {@code actionJoints} when declared, else {@code joints}. */
  public static List<JointSpec> of(EpisodeManifest m) {
    return own(m) ? m.getActionJoints() : m.getJoints();
  }
}
