package dev.tributary.curation.video;

import dev.tributary.curation.config.PipelineConfig;
import dev.tributary.schema.VideoSegment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Downloads video objects from the S3-compatible video bucket (read-only) to temporary files: at
 * most {@code maxBytes} each, checked against the segment's size and SHA-256 while streaming. The
 * SDK retries transient failures (its standard policy: 3 attempts with backoff); what still fails
 * is sorted by {@link S3Failures}: a problem of the object becomes a {@link
 * VideoUnavailableException}, a problem of the store (down, unreachable, 5xx, throttling, no
 * bucket, refused credentials) a {@link VideoStoreUnavailableException}. Blocking; thread-safe.
 */
public final class S3VideoSource implements VideoSource, AutoCloseable {
  private final S3Client s3;
  private final String bucket;
  private final long maxBytes;
  private final Path tempDir;
  private final String storeName;

  S3VideoSource(S3Client s3, String storeName, String bucket, long maxBytes, Path tempDir) {
    this.s3 = s3;
    this.storeName = storeName;
    this.bucket = bucket;
    this.maxBytes = maxBytes;
    this.tempDir = tempDir;
  }

  /** A client for the store; temporary files go to {@code java.io.tmpdir}. */
  public static S3VideoSource open(PipelineConfig.ObjectStore store, long maxBytes) {
    return open(store, maxBytes, Path.of(System.getProperty("java.io.tmpdir")));
  }

  public static S3VideoSource open(PipelineConfig.ObjectStore store, long maxBytes, Path tempDir) {
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(store.region()))
            .credentialsProvider(
                store.accessKey() == null || store.accessKey().isBlank()
                    ? DefaultCredentialsProvider.builder().build()
                    : StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(store.accessKey(), store.secretKey())))
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(store.pathStyle()).build())
            // The URL-connection client keeps Netty (and Apache HttpClient) off the classpath.
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(30))
                    .build())
            .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofMinutes(5)));
    if (store.endpoint() != null) {
      builder.endpointOverride(store.endpoint());
    }
    String name =
        (store.endpoint() != null ? store.endpoint().toString() : "AWS S3 " + store.region())
            + ", bucket "
            + store.bucket();
    return new S3VideoSource(builder.build(), name, store.bucket(), maxBytes, tempDir);
  }

  /**
   * One request to the store (HeadBucket), for start-up: it initialises the client's request path
   * and says whether the store answers. Returns a one-line account; an answer that refuses (e.g.
   * 403 for credentials allowed only to read objects) counts as answering. Never throws for the
   * store's sake.
   */
  String probe() {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return storeName + " answered";
    } catch (AwsServiceException e) {
      return storeName + " answered HeadBucket with " + S3Failures.http(e);
    } catch (SdkException e) {
      return storeName + " did not answer: " + S3Failures.oneLine(e);
    }
  }

  @Override
  public LocalVideo fetch(VideoSegment segment) throws VideoUnavailableException {
    String key = segment.getObjectKey();
    String where = "s3://" + bucket + "/" + key;
    if (segment.getSizeBytes() > maxBytes) {
      throw new VideoUnavailableException(
          where + " is " + segment.getSizeBytes() + " bytes, above the limit of " + maxBytes);
    }
    Path file = null;
    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
      Long length = in.response().contentLength();
      if (length != null && length > maxBytes) {
        in.abort();
        throw new VideoUnavailableException(
            where + " is " + length + " bytes, above the limit of " + maxBytes);
      }
      file = Files.createTempFile(tempDir, "tributary-video-", ".mp4");
      String sha256 = copy(in, file, where);
      long size = Files.size(file);
      if (length != null && size != length) {
        // The store announced more (or less) than arrived: the transfer broke, not the object.
        throw S3Failures.transferBroken(storeName, where, size, length);
      }
      if (size != segment.getSizeBytes()) {
        throw new VideoUnavailableException(
            where + " has " + size + " bytes but the segment declares " + segment.getSizeBytes());
      }
      String declared = segment.getSha256();
      if (declared != null && !declared.isEmpty() && !declared.equalsIgnoreCase(sha256)) {
        throw new VideoUnavailableException(
            where + " has SHA-256 " + sha256 + " but the segment declares " + declared);
      }
      LocalVideo video = LocalVideo.temporary(file);
      file = null;
      return video;
    } catch (NoSuchKeyException e) {
      throw new VideoUnavailableException(where + " does not exist", e);
    } catch (SdkException e) {
      Optional<VideoStoreUnavailableException> store = S3Failures.storeProblem(storeName, where, e);
      if (store.isPresent()) {
        throw store.get();
      }
      throw new VideoUnavailableException(
          where
              + " cannot be read: "
              + (e instanceof AwsServiceException service
                  ? S3Failures.http(service)
                  : S3Failures.oneLine(e)),
          e);
    } catch (IOException e) {
      throw S3Failures.copyFailed(storeName, where, tempDir.toString(), e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // best effort: the temporary folder is cleaned by the OS
        }
      }
    }
  }

  /** Copies at most {@code maxBytes}, returns the hex SHA-256 of what was copied. */
  private String copy(InputStream in, Path file, String where)
      throws IOException, VideoUnavailableException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        total += n;
        if (total > maxBytes) {
          throw new VideoUnavailableException(
              where + " is larger than the limit of " + maxBytes + " bytes");
        }
        digest.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public void close() {
    s3.close();
  }
}
