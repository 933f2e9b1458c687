package dev.tributary.recorder.cli;

import dev.tributary.recorder.site.SiteEnrolment;
import dev.tributary.recorder.spool.EpisodeState;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.upload.GatewayClient;
import dev.tributary.recorder.upload.Uploader;
import dev.tributary.recorder.upload.UploaderConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
    AtomicReference<String> token = new AtomicReference<>();
    UploaderConfig config =
        UploaderConfig.defaults()
            .withConcurrency(gatewayOptions.concurrency)
            .withBandwidthCap(transfer.maxUploadRate);
    GatewayClient client =
        new GatewayClient(
            gatewayOptions.gateway, token::get, config.requestTimeout(), config.newLimiter());
    CountDownLatch interrupted = new CountDownLatch(1);
    token.set(
        SiteEnrolment.obtainToken(
            common.spool,
            null,
            client,
            gatewayOptions.code,
            delay -> {
              if (interrupted.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new InterruptedException();
              }
            }));
    Uploader uploader = new Uploader(spool, client, config, "cli").start();
    Thread hook =
        new Thread(
            () -> {
              interrupted.countDown();
              uploader.close();
            },
            "upload-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    Progress progress =
        new Progress(
            out,
            client::bytesSent,
            spool::pendingBytes,
            () -> {
              long acked =
                  spool.ledgers().stream()
                      .filter(l -> l.state() == EpisodeState.ACKNOWLEDGED)
                      .count();
              long failed =
                  spool.ledgers().stream().filter(l -> l.state() == EpisodeState.FAILED).count();
              long retrying =
                  uploader.activity().values().stream().filter(Uploader.Activity::retrying).count();
              return String.format(
                  "pending %d | uploading %d | retrying %d | acknowledged %d | failed %d",
                  spool.pendingUploads().size(),
                  uploader.activity().size() - retrying,
                  retrying,
                  acked,
                  failed);
            });
    while (follow || !spool.pendingUploads().isEmpty()) {
      if (interrupted.await(transfer.progressEvery.toMillis(), TimeUnit.MILLISECONDS)) {
        return 130;
      }
      progress.print();
    }
    progress.print();
    uploader.close();
    Runtime.getRuntime().removeShutdownHook(hook);
    long failed = spool.ledgers().stream().filter(l -> l.state() == EpisodeState.FAILED).count();
    return failed == 0 ? 0 : 2;
  }
}
