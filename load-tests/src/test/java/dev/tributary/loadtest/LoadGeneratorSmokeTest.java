package dev.tributary.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load generator against a real embedded stack (gateway in this JVM), for a few seconds at a
 * low rate. The benchmarks themselves run only from {@code load-tests/bin/gateway-bench.sh}.
 */
class LoadGeneratorSmokeTest {

  @Test
  void openAndClosedLoadOfBothChunkShapesAreAllAcknowledged(@TempDir Path dir) {
    try (BenchStack stack = BenchStack.start(dir).withGatewayInProcess();
        LoadGenerator generator = new LoadGenerator(stack.gatewayUrl(), 8)) {
      Fleet arms =
          Fleet.enrol(
              stack.gatewayUrl(),
              BenchStack.ADMIN_TOKEN,
              "arms",
              2,
              3,
              ChunkShape.ARM_6DOF_30HZ,
              5,
              1);
      Fleet bimanual =
          Fleet.enrol(
              stack.gatewayUrl(),
              BenchStack.ADMIN_TOKEN,
              "bimanual",
              1,
              2,
              ChunkShape.BIMANUAL_14DOF_100HZ,
              3,
              1);
      Fleet batching =
          Fleet.enrol(
              stack.gatewayUrl(),
              BenchStack.ADMIN_TOKEN,
              "batching",
              1,
              2,
              ChunkShape.ARM_6DOF_30HZ,
              10,
              4);

      LoadGenerator.Result open =
          generator.open("smoke", arms, 40, Duration.ofMillis(500), Duration.ofSeconds(2));
      LoadGenerator.Result closed =
          generator.closed("shape", bimanual, 4, Duration.ZERO, Duration.ofSeconds(1));
      // An open model well below the site's rate limit (200 chunks/s, one token per chunk): a
      // closed loop on one site could outrun it on a fast machine and get a 429.
      LoadGenerator.Result batches =
          generator.open("batches", batching, 20, Duration.ofMillis(500), Duration.ofSeconds(2));

      assertThat(open.transportErrors()).isZero();
      assertThat(open.non202()).as(open.summary()).isZero();
      assertThat(open.acceptedInWindow()).isPositive();
      assertThat(open.latencyMicros().getTotalCount()).isEqualTo(open.measuredCalls());
      assertThat(closed.non202()).as(closed.summary()).isZero();
      assertThat(closed.acceptedChunkBytesInWindow()).isPositive();
      assertThat(open.acceptedChunksInWindow()).isLessThanOrEqualTo(open.acceptedInWindow());
      assertThat(batches.non202()).as(batches.summary()).isZero();
      // Episodes of 10 chunks in calls of 4, 4, 2 after each manifest: more chunks than calls.
      assertThat(batches.acceptedChunksInWindow())
          .as(batches.summary())
          .isGreaterThan(batches.acceptedInWindow());
    }
  }
}
