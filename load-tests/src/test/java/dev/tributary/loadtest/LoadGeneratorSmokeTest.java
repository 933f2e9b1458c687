package dev.tributary.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load generator against a real embedded stack, for a few seconds at a low rate. */
class LoadGeneratorSmokeTest {

  @Test
  void aFewSecondsOfOpenLoadAreAllAcknowledgedWithoutErrors(@TempDir Path dir) {
    try (BenchStack stack = BenchStack.start(dir).withGatewayInProcess();
        LoadGenerator generator = new LoadGenerator(stack.gatewayUrl(), 8)) {
      Fleet fleet =
          Fleet.enrol(
              stack.gatewayUrl(),
              BenchStack.ADMIN_TOKEN,
              "smoke",
              2,
              3,
              ChunkShape.ARM_6DOF_30HZ,
              5);

      LoadGenerator.Result result =
          generator.open("smoke", fleet, 40, Duration.ofMillis(500), Duration.ofSeconds(2));

      assertThat(result.transportErrors()).isZero();
      assertThat(result.non202()).as(result.summary()).isZero();
      assertThat(result.acceptedInWindow()).isPositive();
      assertThat(result.latencyMicros().getTotalCount()).isEqualTo(result.measuredCalls());
    }
  }

  @Test
  void bothChunkShapesAreValidForTheGateway(@TempDir Path dir) {
    try (BenchStack stack = BenchStack.start(dir).withGatewayInProcess();
        LoadGenerator generator = new LoadGenerator(stack.gatewayUrl(), 4)) {
      Fleet fleet =
          Fleet.enrol(
              stack.gatewayUrl(),
              BenchStack.ADMIN_TOKEN,
              "shape",
              1,
              2,
              ChunkShape.BIMANUAL_14DOF_100HZ,
              3);

      LoadGenerator.Result result =
          generator.closed("shape", fleet, 4, Duration.ZERO, Duration.ofSeconds(1));

      assertThat(result.non202()).as(result.summary()).isZero();
      assertThat(result.acceptedChunkBytesInWindow()).isPositive();
    }
  }
}
