package dev.tributary.curation.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Which S3 failures are the store's (retry the episode) and which the object's (flag it). */
class S3FailuresTest {
  private static final String STORE = "http://127.0.0.1:9000, bucket tributary-videos";
  private static final String WHERE = "s3://tributary-videos/sites/a/e1/front.mp4";

  private static Optional<VideoStoreUnavailableException> classify(SdkException e) {
    return S3Failures.storeProblem(STORE, WHERE, e);
  }

  private static S3Exception http(int status, String code) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .message(code)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
            .build();
  }

  @Test
  void aMissingObjectIsTheObjectsProblem() {
    assertThat(classify(NoSuchKeyException.builder().statusCode(404).message("gone").build()))
        .isEmpty();
    assertThat(classify(http(404, "NoSuchKey"))).isEmpty();
    assertThat(classify(http(404, ""))).isEmpty();
  }

  @Test
  void otherClientErrorsAreTheObjectsProblem() {
    assertThat(classify(http(400, "InvalidRequest"))).isEmpty();
    assertThat(classify(http(416, "InvalidRange"))).isEmpty();
  }

  @Test
  void aChecksumMismatchReportedByTheSdkIsTheObjectsProblem() {
    assertThat(
            classify(
                SdkClientException.create(
                    "Data read has a different checksum than expected. Was 0x1, but expected 0x2")))
        .isEmpty();
  }

  @Test
  void serverErrorsAndThrottlingAreOutages() {
    for (S3Exception e :
        new S3Exception[] {
          http(503, "SlowDown"),
          http(503, "ServiceUnavailable"),
          http(500, "InternalError"),
          http(502, ""),
          http(504, ""),
          http(429, "TooManyRequests"),
          http(400, "RequestTimeout")
        }) {
      Optional<VideoStoreUnavailableException> store = classify(e);
      assertThat(store).as("HTTP %d", e.statusCode()).isPresent();
      assertThat(store.get().isMisconfiguration()).isFalse();
      assertThat(store.get().getMessage()).contains("HTTP " + e.statusCode()).contains(WHERE);
    }
  }

  @Test
  void noAnswerAtAllIsAnOutage() {
    SdkClientException refused =
        SdkClientException.builder()
            .message("Unable to execute HTTP request: Connection refused")
            .cause(new ConnectException("Connection refused"))
            .build();
    SdkClientException readTimeout =
        SdkClientException.builder()
            .message("Unable to execute HTTP request: Read timed out")
            .cause(new SocketTimeoutException("Read timed out"))
            .build();
    ApiCallTimeoutException callTimeout =
        ApiCallTimeoutException.create(java.time.Duration.ofMinutes(5).toMillis());

    for (SdkException e : new SdkException[] {refused, readTimeout, callTimeout}) {
      Optional<VideoStoreUnavailableException> store = classify(e);
      assertThat(store).as(e.getMessage()).isPresent();
      assertThat(store.get().isMisconfiguration()).isFalse();
      assertThat(store.get().whatToCheck()).contains("reachable");
      assertThat(store.get().getMessage()).contains(STORE).doesNotContain("\n");
    }
  }

  @Test
  void aMissingBucketOrRefusedCredentialsAreMisconfigurationsNotTheObjects() {
    Optional<VideoStoreUnavailableException> bucket =
        classify(NoSuchBucketException.builder().statusCode(404).message("no bucket").build());
    Optional<VideoStoreUnavailableException> bucketByCode = classify(http(404, "NoSuchBucket"));
    Optional<VideoStoreUnavailableException> keys = classify(http(403, "InvalidAccessKeyId"));
    Optional<VideoStoreUnavailableException> denied = classify(http(403, "AccessDenied"));

    assertThat(bucket).get().matches(VideoStoreUnavailableException::isMisconfiguration);
    assertThat(bucket.get().whatToCheck()).contains("objectStore.bucket");
    assertThat(bucketByCode).get().matches(VideoStoreUnavailableException::isMisconfiguration);
    assertThat(keys).get().matches(VideoStoreUnavailableException::isMisconfiguration);
    assertThat(keys.get().whatToCheck()).contains("access key");
    assertThat(denied).get().matches(VideoStoreUnavailableException::isMisconfiguration);
  }

  @Test
  void aBrokenTransferIsAnOutage() {
    VideoStoreUnavailableException copy =
        S3Failures.copyFailed(STORE, WHERE, "/tmp", new IOException("Connection reset"));
    VideoStoreUnavailableException shortRead = S3Failures.transferBroken(STORE, WHERE, 10, 100);

    assertThat(copy.isMisconfiguration()).isFalse();
    assertThat(copy.getMessage()).contains("Connection reset").contains(WHERE);
    assertThat(shortRead.getMessage()).contains("sent 10 of the 100 bytes");
  }
}
