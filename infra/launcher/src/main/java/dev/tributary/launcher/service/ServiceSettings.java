package dev.tributary.launcher.service;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The settings of one service, from three layers, later ones winning: a properties file (keys under
 * the service's prefix, {@code gateway.port=8080}, so one file can hold every service), environment
 * variables ({@code TRIBUTARY_GATEWAY_PORT}, {@code TRIBUTARY_GATEWAY_KAFKA_SECURITY_PROTOCOL} for
 * {@code kafka.security.protocol}) and {@code --set key=value} options.
 */
public final class ServiceSettings {
  private ServiceSettings() {}

  /**
   * @param service the key prefix, e.g. {@code gateway}
   * @param knownKeys the keys the service's config accepts ({@code kafka.*} for maps), to find
   *     environment variables by name
   * @throws IllegalArgumentException when the file cannot be read, or a --set is not key=value
   */
  public static Map<String, String> load(
      String service,
      Path file,
      Map<String, String> environment,
      List<String> sets,
      List<String> knownKeys) {
    Map<String, String> out = new TreeMap<>();
    String prefix = service + ".";
    if (file != null) {
      Properties props = new Properties();
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(in);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read --config " + file + ": " + e.getMessage(), e);
      }
      for (String key : props.stringPropertyNames()) {
        if (key.startsWith(prefix)) {
          out.put(key.substring(prefix.length()), props.getProperty(key).trim());
        }
      }
    }
    String envPrefix = "TRIBUTARY_" + env(service) + "_";
    for (String key : knownKeys) {
      if (key.endsWith(".*")) {
        String mapKey = key.substring(0, key.length() - 2);
        String mapEnv = envPrefix + env(mapKey) + "_";
        environment.forEach(
            (name, value) -> {
              if (name.startsWith(mapEnv) && name.length() > mapEnv.length()) {
                String rest = name.substring(mapEnv.length()).toLowerCase(Locale.ROOT);
                out.put(mapKey + "." + rest.replace('_', '.'), value);
              }
            });
      } else {
        String value = environment.get(envPrefix + env(key));
        if (value != null) {
          out.put(key, value);
        }
      }
    }
    for (String set : sets) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "--set " + set + " is not KEY=VALUE, e.g. --set port=8080");
      }
      String key = set.substring(0, eq).trim();
      out.put(key.startsWith(prefix) ? key.substring(prefix.length()) : key, set.substring(eq + 1));
    }
    return out;
  }

  /** The environment variable part of a key: {@code s3-endpoint} -> {@code S3_ENDPOINT}. */
  static String env(String key) {
    return key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }
}
