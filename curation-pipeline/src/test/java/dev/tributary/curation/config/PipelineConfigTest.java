package dev.tributary.curation.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.schema.table.LakeConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelineConfigTest {
  private final PipelineConfig base =
      PipelineConfig.defaults("127.0.0.1:9092", LakeConfig.embedded(Path.of("/tmp/lake")));

  @Test
  void videosAreReadOnlyWithAnObjectStoreAndSamplingEnabled() {
    PipelineConfig.ObjectStore store =
        PipelineConfig.ObjectStore.of(URI.create("http://127.0.0.1:9000"), "ak", "sk");

    assertThat(base.readsVideos()).isFalse();
    assertThat(base.withObjectStore(store).readsVideos()).isTrue();
    assertThat(
            base.withObjectStore(store)
                .withVideoSampling(PipelineConfig.VideoSampling.disabled())
                .readsVideos())
        .isFalse();
    base.withObjectStore(store).validate();
  }

  @Test
  void badVideoSettingsAreNamedInOneLine() {
    PipelineConfig bad =
        base.withObjectStore(
                new PipelineConfig.ObjectStore(
                    URI.create("minio/9000"), "us-east-1", "", "ak", null, true))
            .withVideoSampling(PipelineConfig.VideoSampling.defaults().withFramesPerCamera(2));

    assertThatThrownBy(bad::validate)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("objectStore.endpoint")
        .hasMessageContaining("objectStore.bucket is empty")
        .hasMessageContaining("only one of objectStore.accessKey and objectStore.secretKey")
        .hasMessageContaining("videoSampling.framesPerCamera must be 4-64 (got 2)")
        .hasMessageNotContaining("\n");
  }

  @Test
  void theSecretIsNeverPrinted() {
    PipelineConfig c =
        base.withObjectStore(
            PipelineConfig.ObjectStore.of(URI.create("http://h:9000"), "ak", "top-secret"));

    assertThat(c.toString())
        .contains("object-store.endpoint=http://h:9000")
        .doesNotContain("top-secret");
  }

  @Test
  void storeRetriesStartAtOneSecondAndDoubleUpToThirtySeconds() {
    PipelineConfig.StoreRetry retry = base.storeRetry();

    assertThat(retry.delayAfter(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(retry.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(retry.delayAfter(4)).isEqualTo(Duration.ofSeconds(16));
    assertThat(retry.delayAfter(5)).isEqualTo(Duration.ofSeconds(30));
    assertThat(retry.delayAfter(1_000_000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void badStoreRetrySettingsAreNamed() {
    PipelineConfig tooFast =
        base.withStoreRetry(
            new PipelineConfig.StoreRetry(Duration.ofMillis(1), Duration.ofSeconds(1)));
    PipelineConfig inverted =
        base.withStoreRetry(
            new PipelineConfig.StoreRetry(Duration.ofSeconds(5), Duration.ofSeconds(1)));

    assertThatThrownBy(tooFast::validate).hasMessageContaining("storeRetry.firstDelay");
    assertThatThrownBy(inverted::validate).hasMessageContaining("storeRetry.maxDelay");
    assertThatThrownBy(() -> base.withStoreRetry(null).validate())
        .hasMessageContaining("storeRetry is missing");
  }
}
