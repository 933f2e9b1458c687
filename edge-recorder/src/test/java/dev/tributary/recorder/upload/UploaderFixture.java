package dev.tributary.recorder.upload;

import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.testing.FakeGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FakeGateway} with one enrolled site, and the uploaders a test starts against it (closed
 * with the gateway).
 */
final class UploaderFixture implements AutoCloseable {
  static final String SITE = "lisbon";

  /** Short backoff and timeouts, so retries happen within a test. */
  static final UploaderConfig FAST =
      UploaderConfig.defaults()
          .withBackoff(Duration.ofMillis(20), Duration.ofMillis(300))
          .withRequestTimeout(Duration.ofSeconds(5));

  final FakeGateway gateway;
  final List<Uploader> uploaders = new ArrayList<>();
  private final String token;

  private UploaderFixture(FakeGateway gateway) {
    this.gateway = gateway;
    this.token = gateway.issueToken(SITE);
  }

  static UploaderFixture start() throws Exception {
    return new UploaderFixture(FakeGateway.start());
  }

  /** Starts an uploader of {@code spool} against the fake gateway. */
  Uploader uploader(Spool spool, UploaderConfig config) {
    Uploader uploader =
        new Uploader(
            spool,
            new GatewayClient(gateway.url(), () -> token, config.requestTimeout()),
            config,
            "test");
    uploaders.add(uploader);
    return uploader.start();
  }

  @Override
  public void close() {
    uploaders.forEach(Uploader::close);
    gateway.close();
  }
}
