package dev.tributary.recorder.site;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.recorder.upload.Backoff;
import dev.tributary.recorder.upload.CallOutcome;
import dev.tributary.recorder.upload.GatewayClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the site token: the stored one if the spool has it, else by exchanging the organizer's
 * enrolment code at the gateway ({@code POST /v1/enroll}) and storing the answer owner-only.
 */
public final class SiteEnrolment {
  private static final Logger LOG = LoggerFactory.getLogger(SiteEnrolment.class);

  /** What the gateway issued. */
  public record Enrolled(String siteId, String token) {}

  private SiteEnrolment() {}

  /**
   * Exchanges {@code code} once; network trouble and 5xx/429 are retried with backoff until it
   * succeeds, {@code sleeper} is interrupted, or the code is refused.
   */
  public static Enrolled enroll(GatewayClient client, String code, Backoff backoff, Sleeper sleeper)
      throws EnrolmentException, InterruptedException {
    if (code == null || code.isBlank()) {
      throw new EnrolmentException(
          "no site token is stored and no enrolment code was given: ask the organizer for an"
              + " enrolment code and pass it (e.g. `enroll --code ...`)");
    }
    int failures = 0;
    while (true) {
      CallOutcome outcome = client.enroll(code.trim());
      if (outcome instanceof CallOutcome.Accepted accepted) {
        JsonNode body = accepted.body();
        String token = body.path("token").asText("");
        if (token.isEmpty()) {
          throw new EnrolmentException("the gateway's enrolment answer holds no token: " + body);
        }
        return new Enrolled(body.path("siteId").asText(""), token);
      }
      if (outcome instanceof CallOutcome.Unauthorized denied) {
        throw new EnrolmentException(
            "enrolment code refused by "
                + client.base()
                + " ("
                + denied.error()
                + ": "
                + denied.message()
                + "); codes are single use: ask the organizer for a new one");
      }
      if (outcome instanceof CallOutcome.Rejected rejected) {
        throw new EnrolmentException("enrolment refused: " + rejected.reason());
      }
      CallOutcome.Retry retry = (CallOutcome.Retry) outcome;
      failures++;
      Duration delay = backoff.delay(failures, retry.retryAfter());
      if (failures == 1 || failures % 10 == 0) {
        LOG.warn(
            "enrolment at {} not answered ({}); retry {} in {} ms",
            client.base(),
            retry.reason(),
            failures,
            delay.toMillis());
      }
      sleeper.sleep(delay);
    }
  }

  /**
   * The stored token, or a new one obtained with {@code code} and stored in the spool directory. A
   * site id returned by the gateway that differs from {@code expectedSiteId} is an error.
   */
  public static String obtainToken(
      Path spoolDir, String expectedSiteId, GatewayClient client, String code, Sleeper sleeper)
      throws EnrolmentException, InterruptedException, IOException {
    Optional<String> stored = SiteToken.load(spoolDir);
    if (stored.isPresent()) {
      return stored.get();
    }
    Enrolled enrolled =
        enroll(
            client,
            code,
            new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30), new Random()),
            sleeper);
    if (expectedSiteId != null
        && !enrolled.siteId().isEmpty()
        && !enrolled.siteId().equals(expectedSiteId)) {
      throw new EnrolmentException(
          "the enrolment code belongs to site '"
              + enrolled.siteId()
              + "', not '"
              + expectedSiteId
              + "': use the code issued for this site");
    }
    SiteToken.store(spoolDir, enrolled.token());
    LOG.info(
        "site {} enrolled at {}; token stored owner-only in {}",
        enrolled.siteId(),
        client.base(),
        SiteToken.file(spoolDir));
    return enrolled.token();
  }

  /** Waits between enrolment attempts; interrupted when the caller shuts down. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration delay) throws InterruptedException;
  }
}
