package dev.tributary.recorder.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.recorder.sim.SimRigConfig;
import dev.tributary.recorder.sim.SimulatedRig;
import dev.tributary.recorder.spool.EpisodeState;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.testing.FakeGateway;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BandwidthLimiterTest {
  @TempDir Path dir;

  @Test
  void readingThroughTheLimiterTakesAsLongAsTheCapRequires() throws Exception {
    BandwidthLimiter limiter = new BandwidthLimiter(200_000);
    long started = System.nanoTime();
    try (InputStream in = limiter.throttle(new ByteArrayInputStream(new byte[400_000]))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    // 400 kB at 200 kB/s with an empty bucket: about 2 s.
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isBetween(Duration.ofMillis(1800), Duration.ofSeconds(6));
  }

  @Test
  void aCappedUploaderStillDeliversTheVideoIntact() throws Exception {
    try (FakeGateway gateway = FakeGateway.start()) {
      String token = gateway.issueToken("lisbon");
      Spool spool = Spool.open(dir, SpoolConfig.defaults());
      String id =
          new SimulatedRig(
                  new SimRigConfig(
                      "lisbon", "rig", 1, 160, 120, 15, 30, false, Duration.ofSeconds(1)))
              .record(spool, 1, 0, Duration.ofSeconds(4), () -> false)
              .getEpisodeId()
              .toString();
      long videoBytes = Files.size(spool.read(id).videoFiles().get("observation.images.top"));
      UploaderConfig config = UploaderConfig.defaults().withBandwidthCap(videoBytes / 2);
      long started = System.nanoTime();
      try (Uploader uploader =
          new Uploader(
                  spool,
                  new GatewayClient(
                      gateway.url(), () -> token, config.requestTimeout(), config.newLimiter()),
                  config,
                  "capped")
              .start()) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> spool.ledger(id).state() == EpisodeState.ACKNOWLEDGED);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThan(Duration.ofMillis(1500));
      assertThat(gateway.isComplete(id)).isTrue();
    }
  }
}
