package dev.tributary.catalog.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.infra.embedded.EmbeddedObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** Videos fetched from a real S3 server (S3Proxy) once, then served from the local cache. */
class S3VideoSourceTest {
  @TempDir Path dir;

  @Test
  void anObjectIsDownloadedOnceAndAMissingOneIsNull() throws Exception {
    try (EmbeddedObjectStore store =
            EmbeddedObjectStore.start(dir.resolve("objects"), 0, "access", "secret-key-1");
        S3VideoSource videos =
            new S3VideoSource(
                store.endpoint(),
                "us-east-1",
                "videos",
                "access",
                "secret-key-1",
                true,
                dir.resolve("cache"))) {
      try (var s3 =
          software.amazon.awssdk.services.s3.S3Client.builder()
              .endpointOverride(store.endpoint())
              .region(software.amazon.awssdk.regions.Region.US_EAST_1)
              .forcePathStyle(true)
              .credentialsProvider(
                  software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                      software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                          "access", "secret-key-1")))
              .httpClient(
                  software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
              .build()) {
        s3.createBucket(b -> b.bucket("videos"));
        s3.putObject(
            b -> b.bucket("videos").key("lisbon/e1/front.mp4"),
            RequestBody.fromString("mp4 bytes"));
      }
      Path first = videos.locate("lisbon/e1/front.mp4");
      assertThat(first).startsWith(dir.resolve("cache"));
      assertThat(Files.readString(first)).isEqualTo("mp4 bytes");
      assertThat(videos.locate("lisbon/e1/front.mp4")).isEqualTo(first);
      assertThat(videos.locate("lisbon/e2/front.mp4")).isNull();
    }
  }
}
