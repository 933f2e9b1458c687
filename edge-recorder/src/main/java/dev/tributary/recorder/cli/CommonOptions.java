package dev.tributary.recorder.cli;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options every command shares. */
final class CommonOptions {
  @Option(
      names = "--spool",
      paramLabel = "DIR",
      defaultValue = "tributary-spool",
      description =
          "Folder of the durable spool: recorded episodes, their upload ledgers and the site token"
              + " (default: ${DEFAULT-VALUE}).")
  Path spool;
}

/** The gateway options of commands that talk to it. */
final class GatewayOptions {
  @Option(
      names = "--gateway",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8080/",
      description = "Base URL of the Tributary ingest gateway (default: ${DEFAULT-VALUE}).")
  URI gateway;

  @Option(
      names = "--gateway-ca",
      paramLabel = "FILE",
      description =
          "PEM file of the CA (or self-signed) certificate an https:// gateway must present, when"
              + " the JVM's default trust store does not cover it. The host name is still"
              + " checked.")
  Path gatewayCa;

  @Option(
      names = "--code",
      paramLabel = "CODE",
      description =
          "Enrolment code from the organizer; used only when no site token is stored in the"
              + " spool yet.")
  String code;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "2",
      description = "Episodes uploaded at once (default: ${DEFAULT-VALUE}).")
  int concurrency;
}

/** The LeRobot dataset a command reads, and the site and rig its episodes are recorded under. */
final class DatasetOptions {
  @Parameters(
      paramLabel = "PATH",
      description = "Root folder of the LeRobot dataset (holds, or will hold, meta/info.json).")
  Path dataset;

  @Option(names = "--site", required = true, paramLabel = "SITE", description = "This site's id.")
  String site;

  @Option(
      names = "--rig",
      defaultValue = "lerobot-import",
      paramLabel = "RIG",
      description = "Rig id recorded in the manifests (default: ${DEFAULT-VALUE}).")
  String rig;

  @Option(
      names = "--map-feature",
      paramLabel = "STANDARD=KEY",
      description =
          "Read a standard feature from another column, for datasets that do not use LeRobot's"
              + " keys: observation.state=KEY, action=KEY, or action=none to import no action."
              + " Without it, state is read from observation.state (else state,"
              + " observation.states, states) and action from action (else actions).")
  java.util.List<String> featureMappings = new java.util.ArrayList<>();

  dev.tributary.recorder.lerobot.FeatureKeys featureKeys() {
    try {
      return dev.tributary.recorder.lerobot.FeatureKeys.parse(featureMappings);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--map-feature " + e.getMessage());
    }
  }
}
