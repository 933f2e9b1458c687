package dev.tributary.gateway.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VideoStoreTest {
  @Test
  void presignedPartUrlsPointAtThePublicEndpointRecordersReach() {
    try (VideoStore store =
        new VideoStore(
            URI.create("http://10.0.0.5:9000"),
            URI.create("https://videos.example.org"),
            true,
            "us-east-1",
            "key",
            "secret-key",
            "tributary-videos")) {
      URI url =
          URI.create(
              store
                  .presignPart(
                      "lisbon/e1/front.mp4",
                      "upload-1",
                      1,
                      "1B2M2Y8AsgTpgAmY7PhCfg==",
                      Duration.ofMinutes(15))
                  .url());
      assertThat(url.getScheme()).isEqualTo("https");
      assertThat(url.getHost()).isEqualTo("videos.example.org");
      assertThat(url.getPath()).isEqualTo("/tributary-videos/lisbon/e1/front.mp4");
      assertThat(url.getQuery()).contains("uploadId=upload-1", "partNumber=1");
    }
  }
}
