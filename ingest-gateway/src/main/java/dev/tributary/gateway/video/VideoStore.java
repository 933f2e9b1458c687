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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedUploadPartRequest;

/**
 * The video bucket: multipart uploads with presigned part URLs for recorders (who never hold
 * storage credentials), their completion, and checks of uploaded objects. Every method except
 * {@link #presignPart} does network I/O and must run on a worker thread, never on the event loop.
 */
public final class VideoStore implements AutoCloseable {
  static final int RETRY_AFTER_SECONDS = 5;

  /**
   * A URL that lets its holder upload one part of one multipart upload of one object key, with
   * exactly the bytes whose MD5 was signed into it ({@code Content-MD5} header), until it expires.
   */
  public record PresignedPart(int partNumber, String url, Instant expiresAt) {}

  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;
  // Serialises "find or create the upload" per object key on this instance, so that two retries
  // racing each other do not open two uploads for one key.
  private final Object[] keyLocks = new Object[64];

  /**
   * @param presignEndpoint the store as recorders reach it (the presigned URLs' host)
   * @param accessKey null with {@code secretKey}: the AWS SDK's default credential chain
   */
  public VideoStore(
      URI endpoint,
      URI presignEndpoint,
      boolean pathStyleAccess,
      String region,
      String accessKey,
      String secretKey,
      String bucket) {
    AwsCredentialsProvider credentials =
        accessKey == null || accessKey.isBlank()
            ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    S3Configuration pathStyle =
        S3Configuration.builder().pathStyleAccessEnabled(pathStyleAccess).build();
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
            .endpointOverride(presignEndpoint)
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .serviceConfiguration(pathStyle)
            .build();
    this.bucket = bucket;
    for (int i = 0; i < keyLocks.length; i++) {
      keyLocks[i] = new Object();
    }
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

  /**
   * The multipart upload to use for an object key: {@code requestedUploadId} when it is still in
   * progress for this key, else the newest upload in progress for the key (a retry whose first
   * answer was lost, also after a gateway restart), else a new one. Blocking.
   *
   * @throws Rejection 503 when the store does not answer
   */
  public String openUpload(String objectKey, String requestedUploadId) {
    synchronized (keyLocks[Math.floorMod(objectKey.hashCode(), keyLocks.length)]) {
      try {
        List<MultipartUpload> open = uploadsInProgress(objectKey);
        for (MultipartUpload upload : open) {
          if (upload.uploadId().equals(requestedUploadId)) {
            return upload.uploadId();
          }
        }
        if (!open.isEmpty()) {
          return open.stream()
              .max(Comparator.comparing(MultipartUpload::initiated))
              .orElseThrow()
              .uploadId();
        }
        return s3.createMultipartUpload(
                b -> b.bucket(bucket).key(objectKey).contentType("video/mp4"))
            .uploadId();
      } catch (SdkException e) {
        throw unavailable(objectKey, e);
      }
    }
  }

  /** A presigned UploadPart URL bound to the part's MD5. CPU only: safe on the event loop. */
  public PresignedPart presignPart(
      String objectKey, String uploadId, int partNumber, String md5Base64, Duration ttl) {
    PresignedUploadPartRequest presigned =
        presigner.presignUploadPart(
            r ->
                r.signatureDuration(ttl)
                    .uploadPartRequest(
                        p ->
                            p.bucket(bucket)
                                .key(objectKey)
                                .uploadId(uploadId)
                                .partNumber(partNumber)
                                .contentMD5(md5Base64)));
    return new PresignedPart(partNumber, presigned.url().toString(), presigned.expiration());
  }

  /**
   * Completes a multipart upload once every part of a {@code sizeBytes} video is stored, with the
   * part list the store reports. Returns quietly when the upload is no longer in progress (already
   * completed, e.g. by a retry whose answer was lost): {@link #verify} then decides. Blocking.
   *
   * @throws Rejection 422 {@code video_parts_missing} / {@code video_size_mismatch}, 503 when the
   *     store does not answer
   */
  public void complete(String objectKey, String uploadId, long sizeBytes) {
    try {
      Map<Integer, Part> parts = storedParts(objectKey, uploadId);
      if (parts.isEmpty()) {
        // S3 answers NoSuchUpload for a completed or unknown upload; S3Proxy an empty list.
        boolean inProgress =
            uploadsInProgress(objectKey).stream().anyMatch(u -> u.uploadId().equals(uploadId));
        if (inProgress) {
          throw Rejection.invalid(
              "video_parts_missing",
              "multipart upload "
                  + uploadId
                  + " of "
                  + objectKey
                  + " holds no part yet: upload every part (POST .../uploads gives the part URLs),"
                  + " then send the VideoSegment again");
        }
        return;
      }
      Map<Integer, Long> sizes = new TreeMap<>();
      parts.forEach((n, p) -> sizes.put(n, p.size()));
      new PartPlan(sizeBytes, PartPlan.inferPartSize(sizes))
          .checkStoredParts(objectKey, uploadId, sizes);
      List<CompletedPart> completed = new ArrayList<>();
      parts.forEach(
          (n, p) -> completed.add(CompletedPart.builder().partNumber(n).eTag(p.eTag()).build()));
      s3.completeMultipartUpload(
          b ->
              b.bucket(bucket)
                  .key(objectKey)
                  .uploadId(uploadId)
                  .multipartUpload(m -> m.parts(completed)));
    } catch (NoSuchUploadException e) {
      // Completed concurrently by a retry of the same reference: verify() decides.
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return;
      }
      if (e.statusCode() == 400) {
        throw Rejection.invalid(
            "video_parts_invalid",
            "the object store refused to complete upload "
                + uploadId
                + " of "
                + objectKey
                + " ("
                + e.awsErrorDetails().errorCode()
                + "): upload the file again with fresh part URLs");
      }
      throw unavailable(objectKey, e);
    } catch (SdkException e) {
      throw unavailable(objectKey, e);
    }
  }

  private List<MultipartUpload> uploadsInProgress(String objectKey) {
    List<MultipartUpload> out = new ArrayList<>();
    s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(objectKey))
        .uploads()
        .forEach(
            u -> {
              if (u.key().equals(objectKey)) {
                out.add(u);
              }
            });
    return out;
  }

  private Map<Integer, Part> storedParts(String objectKey, String uploadId) {
    Map<Integer, Part> parts = new TreeMap<>();
    s3.listPartsPaginator(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId))
        .parts()
        .forEach(p -> parts.put(p.partNumber(), p));
    return parts;
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
                + ": upload the whole file again (POST .../uploads gives fresh part URLs)");
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
            + " and no multipart upload in progress for it: upload the MP4's parts to the URLs"
            + " of POST .../videos/{cameraKey}/uploads, then send the VideoSegment with"
            + " ?uploadId=");
  }

  private static Rejection unavailable(String objectKey, Exception e) {
    return Rejection.retryLater(
        503,
        "object_store_unavailable",
        "the object store did not answer about "
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
