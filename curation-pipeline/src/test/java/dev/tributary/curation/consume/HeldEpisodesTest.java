package dev.tributary.curation.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.config.PipelineConfig;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.curation.video.VideoStoreUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldEpisodesTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PipelineMetrics metrics = new PipelineMetrics(registry);
  private final HeldEpisodes held =
      new HeldEpisodes(
          new PipelineConfig.StoreRetry(Duration.ofSeconds(1), Duration.ofSeconds(4)), metrics);
  private final VideoStoreUnavailableException down =
      VideoStoreUnavailableException.outage("connection refused", "the store", null);

  private static AssembledEpisode episode(int partition, long first, long completing) {
    SyntheticEpisode e = SyntheticEpisode.builder().seed(partition).build();
    return new AssembledEpisode(
        e.episodeId(),
        e.siteId(),
        partition,
        first,
        completing,
        e.manifest,
        e.chunks,
        e.videos,
        e.commit,
        0,
        List.of());
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  @Test
  void retriesWaitTheFirstDelayThenDoubleUpToTheMaximum() {
    held.hold(episode(2, 10, 14), down, 1_000);

    assertThat(held.retryDue(1_999)).isFalse();
    assertThat(held.retryDue(2_000)).isTrue();
    held.retrying();
    held.retryFailed(down, 2_000);
    assertThat(held.retryDue(3_999)).isFalse();
    assertThat(held.retryDue(4_000)).isTrue();
    held.retrying();
    held.retryFailed(down, 4_000);
    assertThat(held.retryDue(7_999)).isFalse();
    held.retrying();
    held.retryFailed(down, 8_000);
    assertThat(held.retryDue(11_999)).isFalse(); // capped at 4 s, not 8 s
    assertThat(held.retryDue(12_000)).isTrue();
    assertThat(metrics.storeRetries()).isEqualTo(3);
    assertThat(registry.get("tributary.curation.video.store.retries").counter().count())
        .isEqualTo(3.0);
  }

  @Test
  void oneEpisodePerPartitionRetriedInPartitionOrder() {
    AssembledEpisode onThree = episode(3, 5, 9);
    AssembledEpisode onOne = episode(1, 7, 8);
    held.hold(onThree, down, 0);
    held.hold(onOne, down, 10);

    assertThat(held.inRetryOrder()).containsExactly(onOne, onThree);
    assertThat(held.isHeld(3)).isTrue();
    assertThat(held.isHeld(2)).isFalse();
    assertThat(held.of(1)).contains(onOne);
    assertThatThrownBy(() -> held.hold(episode(1, 20, 30), down, 20))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theGaugesShowTheOutageUntilTheLastHeldEpisodeIsDecided() {
    assertThat(gauge("tributary.curation.video.store.unavailable")).isZero();
    held.hold(episode(0, 0, 4), down, 0);
    held.hold(episode(1, 0, 4), down, 0);

    assertThat(gauge("tributary.curation.video.store.unavailable")).isEqualTo(1.0);
    assertThat(gauge("tributary.curation.video.held.episodes")).isEqualTo(2.0);
    held.decided(0, 500);
    assertThat(gauge("tributary.curation.video.store.unavailable")).isEqualTo(1.0);
    held.decided(1, 600);
    assertThat(gauge("tributary.curation.video.store.unavailable")).isZero();
    assertThat(gauge("tributary.curation.video.held.episodes")).isZero();
    assertThat(held.retryDue(1_000_000)).isFalse();
  }

  @Test
  void aRevokedPartitionDropsItsHeldEpisode() {
    held.hold(episode(4, 0, 4), down, 0);

    assertThat(held.drop(5, 10)).isFalse();
    assertThat(held.drop(4, 10)).isTrue();
    assertThat(held.isHeld(4)).isFalse();
    assertThat(held.size()).isZero();
    assertThat(metrics.storeUnavailable()).isFalse();
  }

  @Test
  void theAssemblyClockStandsStillWhileEpisodesAreHeld() {
    assertThat(held.assemblyClock(1_000)).isEqualTo(1_000);
    held.hold(episode(0, 0, 4), down, 1_000);
    assertThat(held.assemblyClock(61_000)).isEqualTo(1_000);
    held.decided(0, 61_000);
    assertThat(held.assemblyClock(61_500)).isEqualTo(1_500);
    held.hold(episode(0, 5, 9), down, 70_000);
    assertThat(held.assemblyClock(80_000)).isEqualTo(10_000);
    assertThat(held.drop(0, 80_000)).isTrue();
    assertThat(held.assemblyClock(80_001)).isEqualTo(10_001);
  }

  @Test
  void aNewOutageStartsAgainFromTheFirstDelay() {
    held.hold(episode(0, 0, 4), down, 0);
    held.retryFailed(down, 1_000);
    held.retryFailed(down, 3_000);
    held.decided(0, 7_000);

    held.hold(episode(0, 5, 9), down, 10_000);
    assertThat(held.retryDue(10_999)).isFalse();
    assertThat(held.retryDue(11_000)).isTrue();
  }
}
