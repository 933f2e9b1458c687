package dev.tributary.recorder.cli;

import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "upload",
    mixinStandardHelpOptions = true,
    description = {
      "Uploads every spooled episode not yet acknowledged, resuming each from its ledger, and"
          + " exits when none is left (or keeps watching the spool with --follow).",
      "Retries forever with exponential backoff and jitter and honours Retry-After; an episode"
          + " the gateway rejects permanently is marked failed with the gateway's reason.",
    })
final class UploadCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin TransferOptions transfer;
  @Mixin GatewayOptions gatewayOptions;

  @Option(names = "--follow", description = "Keep running and upload episodes as they complete.")
  boolean follow;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    Spool spool = Spool.open(common.spool, SpoolConfig.defaults());
    CountDownLatch interrupted = new CountDownLatch(1);
    UploadSession session =
        UploadSession.start(
            spool,
            common.spool,
            gatewayOptions.gateway,
            gatewayOptions.gatewayCa,
            gatewayOptions.code,
            gatewayOptions.concurrency,
            transfer,
            interrupted);
    Thread hook =
        new Thread(
            () -> {
              interrupted.countDown();
              session.close();
            },
            "upload-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    Progress progress = session.progress(out, null);
    while (follow || !spool.pendingUploads().isEmpty()) {
      if (interrupted.await(transfer.progressEvery.toMillis(), TimeUnit.MILLISECONDS)) {
        return 130;
      }
      progress.print();
    }
    progress.print();
    session.close();
    Runtime.getRuntime().removeShutdownHook(hook);
    return session.failedEpisodes() == 0 ? 0 : 2;
  }
}
