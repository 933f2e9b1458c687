package dev.tributary.recorder.cli;

import dev.tributary.recorder.site.SiteEnrolment;
import dev.tributary.recorder.site.SiteToken;
import dev.tributary.recorder.upload.Backoff;
import dev.tributary.recorder.upload.GatewayClient;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "enroll",
    mixinStandardHelpOptions = true,
    description =
        "Exchanges the organizer's one-time enrolment code for this site's token and stores the"
            + " token owner-only (rw-------) in the spool folder.")
final class EnrollCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(
      names = "--gateway",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8080/",
      description = "Base URL of the Tributary ingest gateway (default: ${DEFAULT-VALUE}).")
  java.net.URI gateway;

  @Option(
      names = "--code",
      required = true,
      paramLabel = "CODE",
      description = "The enrolment code (single use) the organizer issued for this site.")
  String code;

  @Option(
      names = "--force",
      description = "Enrol again even if a token is already stored (replaces it).")
  boolean force;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    if (!force && SiteToken.load(common.spool).isPresent()) {
      out.println(
          "a site token is already stored in "
              + SiteToken.file(common.spool)
              + "; nothing to do (use --force to enrol again)");
      return 0;
    }
    GatewayClient client = new GatewayClient(gateway, () -> null, Duration.ofSeconds(30));
    SiteEnrolment.Enrolled enrolled =
        SiteEnrolment.enroll(
            client,
            code,
            new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), new Random()),
            delay -> {
              out.println(
                  "gateway "
                      + gateway
                      + " not reachable yet; retrying in "
                      + delay.toMillis()
                      + " ms");
              Thread.sleep(delay.toMillis());
            });
    SiteToken.store(common.spool, enrolled.token());
    out.println(
        "enrolled site '"
            + enrolled.siteId()
            + "' at "
            + gateway
            + "; token stored owner-only in "
            + SiteToken.file(common.spool));
    return 0;
  }
}
