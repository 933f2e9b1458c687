package dev.tributary.enginecheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "### Spark" snippet of catalog/README.md, read out of the file so that the test runs what a
 * data team copies: the {@code --packages} coordinate, every {@code --conf key=value} and the SQL
 * statements of the block after it.
 *
 * @param packages the {@code --packages} coordinates, e.g. {@code
 *     org.apache.iceberg:iceberg-spark-runtime-4.1_2.13:1.12.0}
 * @param confs the {@code --conf} settings in their order
 * @param statements the statements of the {@code sql} block, without comments or semicolons
 */
record SparkSnippet(List<String> packages, Map<String, String> confs, List<String> statements) {
  private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");
  private static final Pattern PACKAGES = Pattern.compile("--packages\\s+(\\S+)");
  private static final Pattern CONF = Pattern.compile("--conf\\s+([^=\\s]+)=(\\S+)");

  /** The {@code uri} the README shows: the test replaces it with the child platform's. */
  static final String README_URI = "http://127.0.0.1:8181/iceberg";

  /** The shell variable the README's credential uses for the data team's token. */
  static final String TOKEN_VARIABLE = "$ALICE_TOKEN";

  static SparkSnippet read(Path readme) {
    try {
      return parse(Files.readString(readme));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + readme, e);
    }
  }

  static SparkSnippet parse(String markdown) {
    int section = markdown.indexOf("\n### Spark\n");
    if (section < 0) {
      throw new IllegalArgumentException("no '### Spark' section in the catalog README");
    }
    int end = markdown.indexOf("\n#", section + 1);
    String text = markdown.substring(section, end < 0 ? markdown.length() : end);
    String shell = null;
    String sql = null;
    Matcher fence = FENCE.matcher(text);
    while (fence.find()) {
      if (fence.group(1).equals("bash") && shell == null) {
        shell = fence.group(2);
      } else if (fence.group(1).equals("sql") && sql == null) {
        sql = fence.group(2);
      }
    }
    if (shell == null || sql == null) {
      throw new IllegalArgumentException("the Spark section needs a ```bash and a ```sql block");
    }
    List<String> packages = new ArrayList<>();
    Matcher p = PACKAGES.matcher(shell);
    while (p.find()) {
      packages.addAll(List.of(p.group(1).split(",")));
    }
    Map<String, String> confs = new LinkedHashMap<>();
    Matcher c = CONF.matcher(shell);
    while (c.find()) {
      confs.put(c.group(1), c.group(2));
    }
    List<String> statements = new ArrayList<>();
    StringBuilder code = new StringBuilder();
    for (String line : sql.split("\n")) {
      int comment = line.indexOf("--");
      code.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
    }
    for (String statement : code.toString().split(";")) {
      String trimmed = statement.strip().replaceAll("\\s+", " ");
      if (!trimmed.isEmpty()) {
        statements.add(trimmed);
      }
    }
    return new SparkSnippet(
        List.copyOf(packages), Collections.unmodifiableMap(confs), List.copyOf(statements));
  }

  /**
   * The settings for one running catalog: the README's, with only the URI and the token filled in.
   */
  Map<String, String> confsFor(String restUri, String token) {
    for (String placeholder : List.of(README_URI, TOKEN_VARIABLE)) {
      if (confs.values().stream().noneMatch(value -> value.contains(placeholder))) {
        throw new IllegalStateException(
            "the README's Spark settings no longer contain "
                + placeholder
                + ": update SparkSnippet to what the README shows now");
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    confs.forEach(
        (key, value) ->
            out.put(key, value.replace(README_URI, restUri).replace(TOKEN_VARIABLE, token)));
    return out;
  }
}
