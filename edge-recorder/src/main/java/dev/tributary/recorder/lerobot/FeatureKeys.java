package dev.tributary.recorder.lerobot;

import java.util.List;

/**
 * Which data columns hold the robot's state and action. By default the standard LeRobot keys
 * ({@code observation.state}, {@code action}) and, when a dataset lacks them, the common
 * non-standard spellings ({@code state}, {@code observation.states}; {@code actions}). A user can
 * name the columns of a dataset that uses other keys ({@code --map-feature
 * observation.state=qpos}).
 *
 * @param state the state column, or null to look for the usual keys
 * @param action the action column, null to look for the usual keys, or {@code ""} to import none
 */
public record FeatureKeys(String state, String action) {
  public static final FeatureKeys AUTO = new FeatureKeys(null, null);

  static final List<String> STATE_KEYS =
      List.of("observation.state", "state", "observation.states", "states");
  static final List<String> ACTION_KEYS = List.of("action", "actions");

  /**
   * Parses {@code observation.state=KEY} and {@code action=KEY} (or {@code action=none}).
   *
   * @throws IllegalArgumentException naming the mapping that is not one of those
   */
  public static FeatureKeys parse(List<String> mappings) {
    String state = null;
    String action = null;
    for (String mapping : mappings) {
      int eq = mapping.indexOf('=');
      String target = eq < 0 ? "" : mapping.substring(0, eq).trim();
      String key = eq < 0 ? "" : mapping.substring(eq + 1).trim();
      if (key.isEmpty()) {
        throw new IllegalArgumentException(
            "'" + mapping + "' is not STANDARD=KEY, e.g. observation.state=qpos or action=none");
      }
      switch (target) {
        case "observation.state" -> state = key;
        case "action" -> action = key.equals("none") ? "" : key;
        default ->
            throw new IllegalArgumentException(
                "'"
                    + target
                    + "' cannot be mapped: map observation.state or action (e.g."
                    + " observation.state=qpos)");
      }
    }
    return new FeatureKeys(state, action);
  }
}
