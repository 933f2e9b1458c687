package dev.tributary.recorder.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option values a participant sets once instead of on every command: the command line wins, then a
 * {@code TRIBUTARY_RECORDER_<OPTION>} environment variable, then the config file, then the built-in
 * default.
 *
 * <p>The config file is {@code --config FILE}, else {@code $TRIBUTARY_RECORDER_CONFIG}, else {@code
 * $XDG_CONFIG_HOME/tributary/recorder.properties} (default {@code
 * ~/.config/tributary/recorder.properties}). Keys are option names without the dashes ({@code
 * gateway}, {@code site}, {@code spool}, {@code follower-port}); {@code <command>.<option>} (e.g.
 * {@code record.episodes}) applies to one command only. A key no command knows is an error, so a
 * typo does not silently fall back to a default.
 */
final class RecorderSettings implements CommandLine.IDefaultValueProvider {
  static final String ENV_PREFIX = "TRIBUTARY_RECORDER_";
  static final String CONFIG_ENV = ENV_PREFIX + "CONFIG";

  private final Map<String, String> file;
  private final Map<String, String> env;
  private final Optional<Path> source;

  private RecorderSettings(
      Map<String, String> file, Map<String, String> env, Optional<Path> source) {
    this.file = file;
    this.env = env;
    this.source = source;
  }

  /** Loads the config file named by {@code explicit} (from --config) or found by convention. */
  static RecorderSettings load(Optional<Path> explicit, Map<String, String> env, Path home)
      throws IOException {
    Optional<Path> path = explicit.or(() -> Optional.ofNullable(env.get(CONFIG_ENV)).map(Path::of));
    boolean named = path.isPresent();
    if (path.isEmpty()) {
      Path configHome =
          Optional.ofNullable(env.get("XDG_CONFIG_HOME"))
              .filter(s -> !s.isBlank())
              .map(Path::of)
              .orElse(home.resolve(".config"));
      path = Optional.of(configHome.resolve("tributary").resolve("recorder.properties"));
    }
    Map<String, String> values = new TreeMap<>();
    if (Files.isRegularFile(path.get())) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(path.get(), StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      properties
          .stringPropertyNames()
          .forEach(k -> values.put(k.trim(), properties.getProperty(k).trim()));
    } else if (named) {
      throw new IOException(
          "config file "
              + path.get()
              + " does not exist (named by "
              + (explicit.isPresent() ? "--config" : CONFIG_ENV)
              + "): create it or drop the setting");
    } else {
      return new RecorderSettings(values, env, Optional.empty());
    }
    return new RecorderSettings(values, env, path);
  }

  /** The config file in use, if one was found. */
  Optional<Path> source() {
    return source;
  }

  /** Keys of the config file that name no option of any command: typos, reported at start-up. */
  Set<String> unknownKeys(CommandSpec root) {
    Set<String> known = new TreeSet<>();
    collect(root, known);
    Set<String> unknown = new TreeSet<>();
    for (String key : file.keySet()) {
      if (!known.contains(key)) {
        unknown.add(key);
      }
    }
    return unknown;
  }

  /** Every key the file may hold: option names, bare and qualified by their command. */
  static Set<String> knownKeys(CommandSpec root) {
    Set<String> known = new TreeSet<>();
    collect(root, known);
    return known;
  }

  private static void collect(CommandSpec spec, Set<String> known) {
    for (OptionSpec option : spec.options()) {
      String key = key(option);
      if (option.usageHelp() || option.versionHelp() || key.equals("config")) {
        continue;
      }
      known.add(key);
      known.add(spec.name() + "." + key);
    }
    spec.subcommands().values().forEach(sub -> collect(sub.getCommandSpec(), known));
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.command() == null) {
      return null;
    }
    String key = key(option);
    String fromEnv = env.get(ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_'));
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.trim();
    }
    String qualified = file.get(option.command().name() + "." + key);
    return qualified != null ? qualified : file.get(key);
  }

  /** A value for a key not tied to an option (used by doctor): environment, then file. */
  Optional<String> value(String key) {
    String fromEnv = env.get(ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_'));
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(fromEnv.trim());
    }
    return Optional.ofNullable(file.get(key));
  }

  static String key(OptionSpec option) {
    return option.longestName().replaceFirst("^-+", "");
  }

  /** The value of {@code --config FILE} or {@code --config=FILE} among the arguments, if any. */
  static Optional<Path> configArgument(String... args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Optional.of(Path.of(args[i + 1]));
      }
      if (args[i].startsWith("--config=")) {
        return Optional.of(Path.of(args[i].substring("--config=".length())));
      }
    }
    return Optional.empty();
  }
}
