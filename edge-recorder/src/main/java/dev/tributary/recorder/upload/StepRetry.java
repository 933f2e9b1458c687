package dev.tributary.recorder.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry policy for the calls of one episode: retries a call until it is accepted or permanently
 * rejected, backing off with full jitter, honouring {@code Retry-After}, and reporting each wait to
 * the uploader's status.
 */
final class StepRetry {
  private static final Logger LOG = LoggerFactory.getLogger(StepRetry.class);

  /** Consecutive 409 answers after which a step counts as permanently rejected. */
  static final int MAX_CONFLICTS = 5;

  private final Backoff backoff;
  private final Uploader.Pauser pauser;
  private final Uploader.Tracker tracker;
  private final String episodeId;

  StepRetry(Backoff backoff, Uploader.Pauser pauser, Uploader.Tracker tracker, String episodeId) {
    this.backoff = backoff;
    this.pauser = pauser;
    this.tracker = tracker;
    this.episodeId = episodeId;
  }

  /** Marks the episode as making progress (not waiting to retry). */
  void uploading() {
    tracker.uploading(episodeId);
  }

  /** A call that must be accepted: permanent rejection aborts the episode. */
  JsonNode require(String step, Step call) throws InterruptedException, EpisodeRejectedException {
    CallOutcome outcome = call(step, call);
    if (outcome instanceof CallOutcome.Accepted accepted) {
      return accepted.body();
    }
    throw new EpisodeRejectedException(step + ": " + ((CallOutcome.Rejected) outcome).reason());
  }

  /**
   * Retries until the call is accepted or permanently rejected; returns that outcome. A 409 is
   * retried (it may be a conflict with a request still in flight) but only {@link #MAX_CONFLICTS}
   * times in a row: a gateway that keeps answering 409 holds different content under this identity,
   * and re-sending the same bytes forever cannot change that.
   */
  CallOutcome call(String step, Step call) throws InterruptedException {
    int failures = 0;
    int conflicts = 0;
    while (true) {
      tracker.uploading(episodeId);
      CallOutcome outcome = call.send();
      if (outcome instanceof CallOutcome.Accepted || outcome instanceof CallOutcome.Rejected) {
        return outcome;
      }
      if (outcome instanceof CallOutcome.Retry retry && retry.status() == 409) {
        conflicts++;
        if (conflicts >= MAX_CONFLICTS) {
          return new CallOutcome.Rejected(
              409, retry.error(), retry.message() + " (409 " + conflicts + " times in a row)");
        }
      } else {
        conflicts = 0;
      }
      failures++;
      if (outcome instanceof CallOutcome.Unauthorized denied) {
        pause(
            step,
            "site token refused ("
                + denied.status()
                + " "
                + denied.error()
                + ": "
                + denied.message()
                + "); re-enrol the site to get a new token",
            failures,
            backoff.cap());
      } else {
        CallOutcome.Retry retry = (CallOutcome.Retry) outcome;
        pause(step, retry.reason(), failures, retry.retryAfter());
      }
    }
  }

  /**
   * Waits before retry number {@code failures} of {@code step}, logging the first and every 10th.
   */
  void pause(String step, String reason, int failures, Duration retryAfter)
      throws InterruptedException {
    Duration delay = backoff.delay(failures, retryAfter);
    tracker.retrying(episodeId, reason);
    if (failures == 1 || failures % 10 == 0) {
      LOG.warn(
          "episode {}: {} not acknowledged ({}); retry {} in {} ms{}",
          episodeId,
          step,
          reason,
          failures,
          delay.toMillis(),
          retryAfter != null ? " (server asked Retry-After " + retryAfter.toSeconds() + " s)" : "");
    }
    pauser.pause(delay);
  }

  @FunctionalInterface
  interface Step {
    CallOutcome send() throws InterruptedException;
  }
}
