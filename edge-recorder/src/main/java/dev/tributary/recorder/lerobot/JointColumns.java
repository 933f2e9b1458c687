package dev.tributary.recorder.lerobot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One vector feature of a LeRobotDataset ({@code observation.state} or {@code action}): the column
 * that holds it and the names of its values, in order.
 *
 * <p>LeRobot writes {@code names} in several forms and its loader reads any of them (it never uses
 * the names): a flat list ({@code ["shoulder_pan.pos", ...]}), a nested list ({@code [[...]]},
 * Unitree G1), a dict ({@code {"motors": [...]}} or several groups, ALOHA-style), or nothing at all
 * ({@code null}, Reachy 2). All are flattened in order; absent or unusable names become stable
 * generated ones ({@code joint_0}, ...) so the same dataset always gets the same names.
 *
 * @param key the column in the data parquet files
 * @param names one name per value, unique and non-blank
 * @param generated true when the dataset gave no usable names
 */
record JointColumns(String key, List<String> names, boolean generated) {

  int size() {
    return names.size();
  }

  /**
   * Reads a feature's names.
   *
   * @param prefix prefix of generated names
   * @param notes receives a line when the declared names could not be used as they are
   * @throws ImportException when the feature gives neither usable names nor a shape
   */
  static JointColumns of(String key, JsonNode feature, String prefix, List<String> notes)
      throws ImportException {
    List<String> names = new ArrayList<>();
    flatten(feature.path("names"), names);
    int declared = length(feature.path("shape"));
    String problem = null;
    if (names.isEmpty()) {
      problem = null; // absent names are common (Reachy 2): generated silently
    } else if (declared >= 0 && names.size() != declared) {
      problem = names.size() + " names for shape [" + declared + "]";
    } else if (!unique(names)) {
      problem = "repeated or blank names " + names;
    }
    if (!names.isEmpty() && problem == null) {
      return new JointColumns(key, List.copyOf(names), false);
    }
    int n = declared >= 0 ? declared : names.size();
    if (n <= 0) {
      throw new ImportException(
          "meta/info.json: feature '" + key + "' has neither names nor a shape like [6]");
    }
    if (problem != null) {
      notes.add(
          "feature '" + key + "' has " + problem + ": its values are named " + prefix + "_0..");
    }
    return new JointColumns(key, generated(prefix, n), true);
  }

  static List<String> generated(String prefix, int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(prefix + "_" + i);
    }
    return List.copyOf(out);
  }

  /** Strings of a names node in document order: flat and nested lists, dicts of lists. */
  private static void flatten(JsonNode node, List<String> out) {
    if (node.isTextual()) {
      out.add(node.asText());
    } else if (node.isArray()) {
      node.forEach(n -> flatten(n, out));
    } else if (node.isObject()) {
      node.properties().forEach(e -> flatten(e.getValue(), out));
    }
  }

  /** Values of a shape like {@code [6]} or {@code [2, 7]}; -1 when absent. */
  private static int length(JsonNode shape) {
    if (!shape.isArray() || shape.isEmpty()) {
      return -1;
    }
    int n = 1;
    for (JsonNode d : shape) {
      if (!d.canConvertToInt() || d.asInt() <= 0) {
        return -1;
      }
      n *= d.asInt();
    }
    return n;
  }

  private static boolean unique(List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (name.isBlank() || !seen.add(name)) {
        return false;
      }
    }
    return true;
  }
}
