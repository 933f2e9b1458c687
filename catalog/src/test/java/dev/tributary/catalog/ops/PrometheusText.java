package dev.tributary.catalog.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format, version 0.0.4: what a scraper accepts,
 * plus the rules scrapers enforce (one TYPE and HELP per family, before its samples; samples of a
 * family contiguous; no duplicate series; histogram buckets with {@code le} and a {@code +Inf}
 * bucket; valid names, label escapes, values and timestamps; a final newline). Every violation is
 * an {@link IllegalArgumentException} naming the line.
 */
public final class PrometheusText {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern TIMESTAMP = Pattern.compile("-?[0-9]+");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /** The parsed exposition. */
  public record Exposition(Map<String, String> types, List<Sample> samples) {

    /** Every distinct sample name, e.g. {@code foo_seconds_count}. */
    public Set<String> sampleNames() {
      Set<String> names = new HashSet<>();
      samples.forEach(s -> names.add(s.name()));
      return names;
    }
  }

  private PrometheusText() {}

  public static Exposition parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("exposition must end with a newline");
    }
    Map<String, String> types = new LinkedHashMap<>();
    Set<String> helped = new HashSet<>();
    Set<String> closedFamilies = new HashSet<>();
    Set<String> series = new HashSet<>();
    Map<String, Set<String>> bucketsSeen = new HashMap<>();
    List<Sample> samples = new ArrayList<>();
    String currentFamily = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i];
      int lineNo = i + 1;
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        String[] parts = line.split(" ", 4);
        if (parts.length >= 3 && (parts[1].equals("TYPE") || parts[1].equals("HELP"))) {
          String family = parts[2];
          requireName(family, lineNo);
          if (parts[1].equals("TYPE")) {
            String type = parts.length == 4 ? parts[3] : "";
            if (!TYPES.contains(type)) {
              throw error(lineNo, "unknown metric type '" + type + "'");
            }
            if (types.containsKey(family)) {
              throw error(lineNo, "second TYPE line for " + family);
            }
            if (closedFamilies.contains(family) || family.equals(currentFamily)) {
              throw error(lineNo, "TYPE of " + family + " after its samples");
            }
            types.put(family, type);
          } else if (!helped.add(family)) {
            throw error(lineNo, "second HELP line for " + family);
          }
        }
        continue;
      }
      Sample sample = parseSample(line, lineNo);
      String family = familyOf(sample.name(), types);
      if (!family.equals(currentFamily)) {
        if (currentFamily != null) {
          closedFamilies.add(currentFamily);
        }
        if (closedFamilies.contains(family)) {
          throw error(lineNo, "samples of " + family + " are not contiguous");
        }
        currentFamily = family;
      }
      String key = sample.name() + new TreeMap<>(sample.labels());
      if (!series.add(key)) {
        throw error(lineNo, "duplicate series " + key);
      }
      if ("histogram".equals(types.get(family)) && sample.name().equals(family + "_bucket")) {
        String le = sample.labels().get("le");
        if (le == null) {
          throw error(lineNo, "histogram bucket without an le label");
        }
        Map<String, String> rest = new TreeMap<>(sample.labels());
        rest.remove("le");
        bucketsSeen.computeIfAbsent(family + rest, k -> new HashSet<>()).add(le);
      }
      samples.add(sample);
    }
    bucketsSeen.forEach(
        (seriesKey, les) -> {
          if (!les.contains("+Inf")) {
            throw new IllegalArgumentException("histogram " + seriesKey + " has no +Inf bucket");
          }
        });
    return new Exposition(Map.copyOf(types), List.copyOf(samples));
  }

  /** The TYPE'd family a sample belongs to, or the sample's own name when untyped. */
  private static String familyOf(String name, Map<String, String> types) {
    if (types.containsKey(name)) {
      String type = types.get(name);
      if (!type.equals("histogram")) {
        return name;
      }
    }
    for (String suffix : List.of("_total", "_created", "_sum", "_count", "_bucket")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        String type = types.get(base);
        if (type != null && allowed(type, suffix)) {
          return base;
        }
      }
    }
    return name;
  }

  private static boolean allowed(String type, String suffix) {
    return switch (type) {
      case "counter" -> suffix.equals("_total") || suffix.equals("_created");
      case "summary" -> List.of("_sum", "_count", "_created").contains(suffix);
      case "histogram" -> List.of("_sum", "_count", "_created", "_bucket").contains(suffix);
      default -> false;
    };
  }

  private static Sample parseSample(String line, int lineNo) {
    int pos = 0;
    while (pos < line.length() && line.charAt(pos) != '{' && line.charAt(pos) != ' ') {
      pos++;
    }
    String name = line.substring(0, pos);
    requireName(name, lineNo);
    Map<String, String> labels = new LinkedHashMap<>();
    if (pos < line.length() && line.charAt(pos) == '{') {
      pos++;
      while (true) {
        if (pos >= line.length()) {
          throw error(lineNo, "unterminated label set");
        }
        if (line.charAt(pos) == '}') {
          pos++;
          break;
        }
        int eq = line.indexOf('=', pos);
        if (eq < 0) {
          throw error(lineNo, "label without '='");
        }
        String label = line.substring(pos, eq);
        if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
          throw error(lineNo, "invalid label name '" + label + "'");
        }
        pos = eq + 1;
        if (pos >= line.length() || line.charAt(pos) != '"') {
          throw error(lineNo, "label value of " + label + " is not quoted");
        }
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
          if (pos >= line.length()) {
            throw error(lineNo, "unterminated label value of " + label);
          }
          char c = line.charAt(pos++);
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            if (pos >= line.length()) {
              throw error(lineNo, "dangling escape in label value of " + label);
            }
            char e = line.charAt(pos++);
            switch (e) {
              case '\\' -> value.append('\\');
              case '"' -> value.append('"');
              case 'n' -> value.append('\n');
              default -> throw error(lineNo, "invalid escape \\" + e + " in label " + label);
            }
          } else {
            value.append(c);
          }
        }
        if (labels.put(label, value.toString()) != null) {
          throw error(lineNo, "label " + label + " repeated");
        }
        if (pos < line.length() && line.charAt(pos) == ',') {
          pos++;
        } else if (pos >= line.length() || line.charAt(pos) != '}') {
          throw error(lineNo, "expected ',' or '}' after label " + label);
        }
      }
    }
    if (pos >= line.length() || line.charAt(pos) != ' ') {
      throw error(lineNo, "expected a space before the value");
    }
    String[] rest = line.substring(pos + 1).split(" ", -1);
    if (rest.length < 1 || rest.length > 2) {
      throw error(lineNo, "expected 'value [timestamp]' after the labels");
    }
    double value = parseValue(rest[0], lineNo);
    if (rest.length == 2 && !TIMESTAMP.matcher(rest[1]).matches()) {
      throw error(lineNo, "invalid timestamp '" + rest[1] + "'");
    }
    return new Sample(name, Map.copyOf(labels), value);
  }

  private static double parseValue(String text, int lineNo) {
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        if (!text.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
          throw error(lineNo, "invalid sample value '" + text + "'");
        }
        return Double.parseDouble(text);
    }
  }

  private static void requireName(String name, int lineNo) {
    if (!METRIC_NAME.matcher(name).matches()) {
      throw error(lineNo, "invalid metric name '" + name + "'");
    }
  }

  private static IllegalArgumentException error(int lineNo, String message) {
    return new IllegalArgumentException("line " + lineNo + ": " + message);
  }
}
