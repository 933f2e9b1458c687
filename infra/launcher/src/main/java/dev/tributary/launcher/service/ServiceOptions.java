package dev.tributary.launcher.service;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/** The options every service command shares: where its settings come from. */
public final class ServiceOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Properties file with this service's settings under its prefix (gateway.*, pipeline.*,"
              + " catalog.*); one file may hold all three. Environment variables"
              + " TRIBUTARY_<SERVICE>_<KEY> and --set override it.")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override one setting, e.g. --set port=8081 (repeatable).")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--print-config",
      description =
          "Print the effective settings (secrets redacted) and every problem, then exit"
              + " without starting.")
  boolean printConfig;

  /** This service's settings from the file, the environment and --set. */
  Map<String, String> settings(String service, List<String> knownKeys) {
    return ServiceSettings.load(service, config, System.getenv(), sets, knownKeys);
  }

  /**
   * Prints the effective settings when asked, and every problem, one line each.
   *
   * @return true when the service should start: no problem, and not only printing
   */
  boolean report(
      String service,
      Map<String, String> effective,
      List<String> problems,
      PrintWriter out,
      PrintWriter err) {
    if (printConfig) {
      new TreeMap<>(effective).forEach((k, v) -> out.println(service + "." + k + "=" + v));
    }
    for (String problem : problems) {
      err.println("tributary " + service + ": " + problem);
    }
    out.flush();
    err.flush();
    return problems.isEmpty() && !printConfig;
  }
}
