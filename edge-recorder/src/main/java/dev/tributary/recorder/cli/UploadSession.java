package dev.tributary.recorder.cli;

import dev.tributary.recorder.site.SiteEnrolment;
import dev.tributary.recorder.spool.EpisodeState;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.upload.GatewayClient;
import dev.tributary.recorder.upload.GatewayTrust;
import dev.tributary.recorder.upload.Uploader;
import dev.tributary.recorder.upload.UploaderConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The uploader of a CLI command that uploads a spool in the background ({@code upload}, {@code
 * watch}): obtains the site token (enrolling with the code if none is stored), starts the uploader
 * and describes its progress in one line.
 */
final class UploadSession implements AutoCloseable {
  private final Spool spool;
  private final GatewayClient client;
  private final Uploader uploader;

  private UploadSession(Spool spool, GatewayClient client, Uploader uploader) {
    this.spool = spool;
    this.client = client;
    this.uploader = uploader;
  }

  /**
   * @param interrupted counted down on Ctrl-C: stops waiting for the gateway during enrolment
   */
  static UploadSession start(
      Spool spool,
      Path spoolDir,
      URI gateway,
      String code,
      int concurrency,
      TransferOptions transfer,
      CountDownLatch interrupted)
      throws Exception {
    return start(spool, spoolDir, gateway, null, code, concurrency, transfer, interrupted);
  }

  /**
   * @param gatewayCa PEM certificates an https gateway must chain to; null: the JVM's trust store
   */
  static UploadSession start(
      Spool spool,
      Path spoolDir,
      URI gateway,
      Path gatewayCa,
      String code,
      int concurrency,
      TransferOptions transfer,
      CountDownLatch interrupted)
      throws Exception {
    AtomicReference<String> token = new AtomicReference<>();
    UploaderConfig config =
        transfer.applyTo(UploaderConfig.defaults().withConcurrency(concurrency));
    GatewayClient client =
        new GatewayClient(
            gateway,
            token::get,
            config.requestTimeout(),
            config.newLimiter(),
            gatewayCa == null ? null : GatewayTrust.fromFile(gatewayCa));
    token.set(
        SiteEnrolment.obtainToken(
            spoolDir,
            null,
            client,
            code,
            delay -> {
              if (interrupted.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new InterruptedException();
              }
            }));
    Uploader uploader = new Uploader(spool, client, config, "cli").start();
    return new UploadSession(spool, client, uploader);
  }

  /** A progress printer: {@code prefix | pending … | failed N | sent … ETA …}. */
  Progress progress(PrintWriter out, java.util.function.Supplier<String> prefix) {
    return new Progress(
        out,
        client::bytesSent,
        spool::pendingBytes,
        () -> {
          String counts = counts();
          String head = prefix == null ? "" : prefix.get();
          return head.isEmpty() ? counts : head + " | " + counts;
        });
  }

  String counts() {
    long acked =
        spool.ledgers().stream().filter(l -> l.state() == EpisodeState.ACKNOWLEDGED).count();
    long retrying =
        uploader.activity().values().stream().filter(Uploader.Activity::retrying).count();
    return String.format(
        "pending %d | uploading %d | retrying %d | acknowledged %d | failed %d",
        spool.pendingUploads().size(),
        uploader.activity().size() - retrying,
        retrying,
        acked,
        failedEpisodes());
  }

  long failedEpisodes() {
    return spool.ledgers().stream().filter(l -> l.state() == EpisodeState.FAILED).count();
  }

  @Override
  public void close() {
    uploader.close();
  }
}
