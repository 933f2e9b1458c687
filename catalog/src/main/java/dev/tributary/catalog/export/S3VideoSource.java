package dev.tributary.catalog.export;

import dev.tributary.catalog.io.LocalCopies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The gateway's video bucket on any S3 API, for a catalog service that does not share a disk with
 * the object store (a deployment across machines). Each object is downloaded once into a local
 * cache: video objects are written once per episode and camera and never change afterwards.
 */
public final class S3VideoSource implements VideoSource, AutoCloseable {
  private final S3Client s3;
  private final String bucket;
  private final Path cache;

  /**
   * @param accessKey null with {@code secretKey}: the AWS SDK's default credential chain
   * @param cache folder for the downloaded objects (created when missing)
   */
  public S3VideoSource(
      URI endpoint,
      String region,
      String bucket,
      String accessKey,
      String secretKey,
      boolean pathStyle,
      Path cache) {
    AwsCredentialsProvider credentials =
        accessKey == null || accessKey.isBlank()
            ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    var builder =
        S3Client.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .forcePathStyle(pathStyle)
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(60))
                    .build());
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    this.s3 = builder.build();
    this.bucket = bucket;
    this.cache = cache;
  }

  @Override
  public Path locate(String videoKey) {
    try {
      return LocalCopies.fetchOnce(
          cache,
          bucket + "/" + videoKey,
          ".mp4",
          () -> {
            try {
              return s3.getObject(r -> r.bucket(bucket).key(videoKey));
            } catch (NoSuchKeyException e) {
              return null;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot fetch video " + videoKey + " from bucket " + bucket + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    s3.close();
  }
}
