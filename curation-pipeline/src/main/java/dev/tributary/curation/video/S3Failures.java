package dev.tributary.curation.video;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * Tells a problem of the object store (transient: retry the episode later) from a problem of the
 * object (permanent: flag the episode {@code video_unreadable}), for the AWS SDK v2 exceptions that
 * are left after the SDK's own retries. When in doubt about the store, it is the store: holding an
 * episode a little longer costs latency, flagging a good one during an outage loses its quality
 * signal for good.
 *
 * <ul>
 *   <li>no HTTP answer at all ({@link SdkClientException}: connection refused or reset, unknown
 *       host, connect / socket / API-call timeouts): outage;
 *   <li>HTTP 5xx, 429, 408, a throttling error or {@code SlowDown}, {@code RequestTimeout}: outage;
 *   <li>{@code NoSuchBucket}, 401 and 403 (bad keys, refused signature, skewed clock): the store
 *       refuses every object alike, so it is a misconfiguration, held like an outage and logged as
 *       an error; deciding thousands of episodes as unreadable would be worse;
 *   <li>any other 4xx (404 / {@code NoSuchKey}, 400, 416, ...): the object's problem, permanent;
 *   <li>a checksum mismatch reported by the SDK: the object as stored is corrupt, permanent (a
 *       retry would read the same bytes).
 * </ul>
 */
final class S3Failures {
  private static final Set<String> TRANSIENT_CODES =
      Set.of(
          "SlowDown",
          "RequestTimeout",
          "ServiceUnavailable",
          "InternalError",
          "Throttling",
          "ThrottlingException",
          "RequestThrottled",
          "TooManyRequests");
  private static final Set<String> CONFIGURATION_CODES =
      Set.of(
          "NoSuchBucket",
          "InvalidAccessKeyId",
          "SignatureDoesNotMatch",
          "AccessDenied",
          "RequestTimeTooSkewed",
          "ExpiredToken",
          "InvalidToken");

  private S3Failures() {}

  /**
   * The store-side problem behind {@code e}, if it is one; empty when the object itself is at
   * fault.
   *
   * @param store the endpoint and bucket, for the message (e.g. {@code http://127.0.0.1:9000,
   *     bucket tributary-videos})
   * @param where the object, {@code s3://bucket/key}
   */
  static Optional<VideoStoreUnavailableException> storeProblem(
      String store, String where, SdkException e) {
    if (e instanceof AwsServiceException service) {
      int status = service.statusCode();
      String code = errorCode(service);
      if (e instanceof NoSuchBucketException || "NoSuchBucket".equals(code)) {
        return Optional.of(
            VideoStoreUnavailableException.misconfiguration(
                "the video bucket does not exist at " + store + " (reading " + where + ")",
                "the pipeline's objectStore.bucket must name the gateway's video bucket, and the"
                    + " store must hold it",
                e));
      }
      if (status == 401 || status == 403 || CONFIGURATION_CODES.contains(code)) {
        return Optional.of(
            VideoStoreUnavailableException.misconfiguration(
                "the object store at " + store + " refuses to read " + where + ": " + http(service),
                "check the pipeline's objectStore access key and secret, the bucket's read"
                    + " permission for them, and this machine's clock",
                e));
      }
      if (status >= 500
          || status == 429
          || status == 408
          || service.isThrottlingException()
          || TRANSIENT_CODES.contains(code)) {
        return Optional.of(
            VideoStoreUnavailableException.outage(
                "the object store at " + store + " answered " + http(service) + " for " + where,
                "the store is overloaded or failing: check its health, load and request rate"
                    + " limits",
                e));
      }
      return Optional.empty();
    }
    if (isChecksumMismatch(e)) {
      return Optional.empty();
    }
    return Optional.of(
        VideoStoreUnavailableException.outage(
            "the object store at " + store + " did not answer for " + where + ": " + oneLine(e),
            "check that the store runs and is reachable from this machine (address, port, network,"
                + " DNS, TLS)",
            e));
  }

  /** The connection broke while the object was streamed, or the temporary copy failed. */
  static VideoStoreUnavailableException copyFailed(
      String store, String where, String tempDir, IOException e) {
    return VideoStoreUnavailableException.outage(
        "reading "
            + where
            + " from the object store at "
            + store
            + " into "
            + tempDir
            + " failed: "
            + oneLine(e),
        "check that the store is reachable and that " + tempDir + " is writable and has space",
        e);
  }

  /** Fewer (or more) bytes arrived than the store's Content-Length announced. */
  static VideoStoreUnavailableException transferBroken(
      String store, String where, long received, long announced) {
    return VideoStoreUnavailableException.outage(
        "the object store at "
            + store
            + " sent "
            + received
            + " of the "
            + announced
            + " bytes it announced for "
            + where,
        "check the store's health and the network between it and this machine",
        null);
  }

  /** {@code HTTP 404 NoSuchKey}, for messages. */
  static String http(AwsServiceException e) {
    String code = errorCode(e);
    return "HTTP " + e.statusCode() + (code.isEmpty() ? "" : " " + code);
  }

  private static String errorCode(AwsServiceException e) {
    if (e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null) {
      return "";
    }
    return e.awsErrorDetails().errorCode();
  }

  private static boolean isChecksumMismatch(SdkException e) {
    String m = e.getMessage();
    return m != null && m.toLowerCase(Locale.ROOT).contains("checksum");
  }

  static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl >= 0 ? m.substring(0, nl) : m;
  }
}
