package dev.tributary.recorder.cli;

import dev.tributary.recorder.site.SiteToken;
import dev.tributary.recorder.spool.EpisodeLedger;
import dev.tributary.recorder.spool.EpisodeState;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.upload.CallOutcome;
import dev.tributary.recorder.upload.GatewayClient;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Lists every episode in the spool with its upload state: SPOOLED (recorded, nothing sent),"
          + " UPLOADING (partly acknowledged), ACKNOWLEDGED (committed at the gateway, local data"
          + " deleted), FAILED (rejected, with the reason).",
      "With --gateway, also asks the gateway for each acknowledged episode's curation verdict"
          + " (accepted / rejected with reasons / duplicate of X).",
    })
final class StatusCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(
      names = "--gateway",
      paramLabel = "URL",
      description = "Ask this gateway for the verdict of acknowledged episodes.")
  URI gateway;

  @Option(
      names = "--last",
      defaultValue = "50",
      paramLabel = "N",
      description =
          "Show only the N most recent episodes; 0 shows all (default: ${DEFAULT-VALUE}).")
  int last;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    if (!Files.isDirectory(common.spool)) {
      throw new IllegalArgumentException(
          "no spool at " + common.spool.toAbsolutePath() + " (give the folder with --spool)");
    }
    Spool spool = Spool.open(common.spool, SpoolConfig.defaults());
    List<EpisodeLedger> ledgers = spool.ledgers();
    Map<EpisodeState, Integer> counts = new EnumMap<>(EpisodeState.class);
    ledgers.forEach(l -> counts.merge(l.state(), 1, Integer::sum));
    GatewayClient client = null;
    if (gateway != null) {
      String token = SiteToken.load(common.spool).orElse(null);
      client = new GatewayClient(gateway, () -> token, Duration.ofSeconds(10));
    }
    int from = last <= 0 ? 0 : Math.max(0, ledgers.size() - last);
    out.printf("%-36s  %-12s  %7s  %s%n", "EPISODE", "STATE", "SAMPLES", "DETAIL");
    for (EpisodeLedger ledger : ledgers.subList(from, ledgers.size())) {
      out.printf(
          "%-36s  %-12s  %7s  %s%n",
          ledger.episodeId(),
          ledger.state(),
          ledger.sampleCount() == 0 ? "-" : String.valueOf(ledger.sampleCount()),
          detail(ledger, client));
    }
    out.printf(
        "%d episode(s): %s; %s of unacknowledged data in the spool%n",
        ledgers.size(), counts, Progress.human(spool.usedBytes()));
    return 0;
  }

  private static String detail(EpisodeLedger ledger, GatewayClient client)
      throws InterruptedException {
    switch (ledger.state()) {
      case FAILED:
        return "rejected: " + ledger.failureReason();
      case UPLOADING:
        return String.format(
            "manifest %s, %d chunk(s), %d video(s) acknowledged",
            ledger.manifestAcked() ? "yes" : "no",
            ledger.chunksAcked().size(),
            ledger.videosAcked().size());
      case ACKNOWLEDGED:
        if (client == null) {
          return "committed at the gateway";
        }
        CallOutcome outcome = client.episodeStatus(ledger.episodeId());
        if (outcome instanceof CallOutcome.Accepted accepted) {
          var body = accepted.body();
          String verdict = body.path("status").asText("?");
          String reasons =
              body.path("reasons").isArray() && body.path("reasons").size() > 0
                  ? " " + body.path("reasons")
                  : "";
          String dup =
              body.path("duplicateOf").isTextual()
                  ? " duplicate of " + body.path("duplicateOf").asText()
                  : "";
          return verdict.toLowerCase() + reasons + dup;
        }
        return "committed (verdict unavailable: " + outcome + ")";
      default:
        return ledger.note() == null ? "" : ledger.note();
    }
  }
}
