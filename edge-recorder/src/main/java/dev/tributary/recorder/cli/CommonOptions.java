package dev.tributary.recorder.cli;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

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
