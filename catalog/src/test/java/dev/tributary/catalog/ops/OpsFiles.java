package dev.tributary.catalog.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@code infra/ops}: the Grafana dashboards' and the alert rules' PromQL, and the metric
 * names each expression selects, so tests can hold them against what the services really export.
 */
public final class OpsFiles {

  /** Series Prometheus itself creates for every target; no service exports them. */
  public static final Set<String> SYNTHETIC = Set.of("up", "scrape_duration_seconds");

  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset",
          "inf",
          "nan");
  private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_LIST =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

  private final Path root;

  private OpsFiles(Path root) {
    this.root = root;
  }

  /** Finds {@code infra/ops} from the working directory of any module. */
  public static OpsFiles locate() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path ops = dir.resolve("infra").resolve("ops");
      if (Files.isDirectory(ops)) {
        return new OpsFiles(ops);
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no infra/ops folder above " + Path.of("").toAbsolutePath());
  }

  public Path root() {
    return root;
  }

  /** Every PromQL expression of every Grafana dashboard ({@code grafana/*.json}). */
  public List<String> dashboardExpressions() {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(root.resolve("grafana"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        collect(new ObjectMapper().readTree(file.toFile()), out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Every {@code expr} of every rule in {@code alerts.yml}. */
  public List<String> alertExpressions() {
    try {
      JsonNode doc =
          new ObjectMapper(new YAMLFactory()).readTree(root.resolve("alerts.yml").toFile());
      List<String> out = new ArrayList<>();
      for (JsonNode group : doc.path("groups")) {
        for (JsonNode rule : group.path("rules")) {
          out.add(rule.path("expr").asText());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The parsed {@code alerts.yml}. */
  public JsonNode alertRules() {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(root.resolve("alerts.yml").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The parsed {@code prometheus.yml}. */
  public JsonNode scrapeConfig() {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(root.resolve("prometheus.yml").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collect(JsonNode node, List<String> out) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                if (field.getKey().equals("expr") && field.getValue().isTextual()) {
                  out.add(field.getValue().asText());
                } else if (field.getKey().equals("query")
                    && field.getValue().isTextual()
                    && field.getValue().asText().startsWith("label_values(")) {
                  out.add(field.getValue().asText());
                } else {
                  collect(field.getValue(), out);
                }
              });
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, out));
    }
  }

  /**
   * The metric (sample) names a PromQL expression selects: identifiers that are not functions,
   * keywords, label names, label values, durations or Grafana variables.
   */
  public static Set<String> metricNames(String expr) {
    String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
    s = s.replaceAll("\\$\\{?[a-zA-Z_][a-zA-Z0-9_]*\\}?", "0");
    s = s.replaceAll("\\{[^}]*\\}", " ");
    s = s.replaceAll("\\[[^\\]]*\\]", " ");
    s = LABEL_LIST.matcher(s).replaceAll(" ");
    if (s.startsWith("label_values(")) {
      // label_values(metric, label): only the first argument is a metric
      s = s.substring("label_values(".length()).split(",")[0];
    }
    Set<String> names = new TreeSet<>();
    Matcher m = IDENT.matcher(s);
    while (m.find()) {
      String word = m.group();
      int after = m.end();
      while (after < s.length() && s.charAt(after) == ' ') {
        after++;
      }
      boolean isCall = after < s.length() && s.charAt(after) == '(';
      boolean partOfNumber = m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
      if (!isCall && !partOfNumber && !KEYWORDS.contains(word.toLowerCase())) {
        names.add(word);
      }
    }
    return names;
  }

  /** The metric names of all dashboards and alert rules. */
  public Set<String> allMetricNames() {
    Set<String> names = new TreeSet<>();
    dashboardExpressions().forEach(e -> names.addAll(metricNames(e)));
    alertExpressions().forEach(e -> names.addAll(metricNames(e)));
    return names;
  }
}
