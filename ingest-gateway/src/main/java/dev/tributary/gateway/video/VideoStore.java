package dev.tributary.gateway.video;

import dev.tributary.gateway.error.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The video bucket: presigned upload URLs for recorders (who never hold storage credentials) and
 * checks of uploaded objects. Every method except {@link #presignPut} does network I/O and must run
 * on a worker thread, never on the event loop.
 */
public final class VideoStore implements AutoCloseable {
  static final int RETRY_AFTER_SECONDS = 5;

  /** A URL that lets its holder PUT exactly one object key until it expires. */
  public record PresignedUpload(String objectKey, String url, Instant expiresAt) {}

  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;

  public VideoStore(
      URI endpoint, String region, String accessKey, String secretKey, String bucket) {
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
    this.s3 =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .serviceConfiguration(pathStyle)
            // The URL-connection client: the SDK's Netty client would clash with Vert.x's Netty.
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(30))
                    .build())
            .build();
    this.presigner =
        S3Presigner.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .serviceConfiguration(pathStyle)
            .build();
    this.bucket = bucket;
  }

  public String bucket() {
    return bucket;
  }

  /** Creates the bucket if it does not exist. Blocking. */
  public void ensureBucket() {
    try {
      s3.headBucket(b -> b.bucket(bucket));
    } catch (NoSuchBucketException e) {
      s3.createBucket(b -> b.bucket(bucket));
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw e;
      }
      s3.createBucket(b -> b.bucket(bucket));
    }
  }

  /** True when the object store answers for the bucket. Blocking. */
  public boolean ping() {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return true;
    } catch (SdkException e) {
      return false;
    }
  }

  /** A presigned PUT for one object key. CPU only: safe on the event loop. */
  public PresignedUpload presignPut(String objectKey, Duration ttl) {
    PresignedPutObjectRequest presigned =
        presigner.presignPutObject(
            r -> r.signatureDuration(ttl).putObjectRequest(p -> p.bucket(bucket).key(objectKey)));
    return new PresignedUpload(objectKey, presigned.url().toString(), presigned.expiration());
  }

  /**
   * Checks that the stored object has the declared size and SHA-256, streaming it through the
   * digest. Blocking.
   *
   * @throws Rejection 422 when missing or different, 503 when the store does not answer
   */
  public void verify(String objectKey, long sizeBytes, String sha256Hex) {
    try {
      HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(objectKey));
      if (head.contentLength() != sizeBytes) {
        throw Rejection.invalid(
            "video_size_mismatch",
            "the stored object "
                + objectKey
                + " has "
                + head.contentLength()
                + " bytes but sizeBytes says "
                + sizeBytes
                + ": upload the whole file again (ask for a fresh URL by re-sending the manifest)");
      }
      String actual;
      try (ResponseInputStream<GetObjectResponse> in =
          s3.getObject(b -> b.bucket(bucket).key(objectKey))) {
        actual = sha256(in);
      }
      if (!actual.equals(sha256Hex)) {
        throw Rejection.invalid(
            "video_checksum_mismatch",
            "the stored object "
                + objectKey
                + " has SHA-256 "
                + actual
                + " but the reference declares "
                + sha256Hex
                + ": the upload was corrupted or a different file was uploaded; upload it again");
      }
    } catch (NoSuchKeyException e) {
      throw notFound(objectKey);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw notFound(objectKey);
      }
      throw unavailable(objectKey, e);
    } catch (SdkException | IOException | UncheckedIOException e) {
      throw unavailable(objectKey, e);
    }
  }

  private static Rejection notFound(String objectKey) {
    return Rejection.invalid(
        "video_not_found",
        "no object at "
            + objectKey
            + ": PUT the MP4 to the upload URL from the manifest answer before sending its"
            + " VideoSegment");
  }

  private static Rejection unavailable(String objectKey, Exception e) {
    return Rejection.retryLater(
        503,
        "object_store_unavailable",
        "the object store did not answer while checking "
            + objectKey
            + " ("
            + e.getClass().getSimpleName()
            + "): retry after the Retry-After delay",
        RETRY_AFTER_SECONDS);
  }

  private static String sha256(InputStream in) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    byte[] buffer = new byte[64 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public void close() {
    presigner.close();
    s3.close();
  }
}
