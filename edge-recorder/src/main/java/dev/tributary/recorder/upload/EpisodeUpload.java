package dev.tributary.recorder.upload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.recorder.spool.EpisodeLedger;
import dev.tributary.recorder.spool.EpisodeState;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpooledEpisode;
import dev.tributary.recorder.spool.VideoUpload;
import dev.tributary.schema.CameraSpec;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.VideoSegment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads one spooled episode in protocol order (manifest, chunks, videos, commit), skipping every
 * step its ledger already records as acknowledged and recording each new acknowledgement durably
 * right after the 2xx. Retries each step until it is acknowledged or permanently rejected.
 */
final class EpisodeUpload {
  private static final Logger LOG = LoggerFactory.getLogger(EpisodeUpload.class);

  /** Refresh upload URLs that expire sooner than this. */
  private static final Duration URL_MARGIN = Duration.ofSeconds(60);

  /** Consecutive 409 answers after which a step counts as permanently rejected. */
  static final int MAX_CONFLICTS = 5;

  private final Spool spool;
  private final GatewayClient client;
  private final UploaderConfig config;
  private final Backoff backoff;
  private final Uploader.Pauser pauser;
  private final Uploader.Tracker tracker;
  private final String episodeId;

  EpisodeUpload(
      Spool spool,
      GatewayClient client,
      UploaderConfig config,
      Backoff backoff,
      Uploader.Pauser pauser,
      Uploader.Tracker tracker,
      String episodeId) {
    this.spool = spool;
    this.client = client;
    this.config = config;
    this.backoff = backoff;
    this.pauser = pauser;
    this.tracker = tracker;
    this.episodeId = episodeId;
  }

  /** Returns the final ledger (ACKNOWLEDGED or FAILED), or throws when the uploader closes. */
  EpisodeLedger run() throws InterruptedException, IOException {
    EpisodeLedger ledger = spool.ledger(episodeId);
    if (ledger == null || ledger.state().isFinal() || ledger.state() == EpisodeState.RECORDING) {
      return ledger;
    }
    SpooledEpisode episode;
    try {
      episode = spool.read(episodeId);
    } catch (IOException e) {
      return fail("spooled data unreadable: " + e.getMessage());
    }
    long started = System.nanoTime();
    try {
      if (!ledger.manifestAcked()) {
        sendManifest(episode);
      }
      for (JointChunk chunk : episode.chunks()) {
        if (!spool.ledger(episodeId).chunksAcked().contains(chunk.getSequence())) {
          require("chunk " + chunk.getSequence(), () -> client.putChunk(chunk));
          spool.update(episodeId, b -> b.chunkAcked(chunk.getSequence()));
        }
      }
      for (CameraSpec camera : episode.manifest().getCameras()) {
        sendVideo(episode, camera.getKey().toString());
      }
      require("commit", () -> client.putCommit(episode.commit()));
      EpisodeLedger done = spool.acknowledge(episodeId, episode.commit());
      LOG.info(
          "uploaded episode {}: {} chunk(s), {} sample(s), {} video(s) in {} ms; commit"
              + " acknowledged, spooled data deleted",
          episodeId,
          episode.chunks().size(),
          episode.commit().getSampleCount(),
          episode.videos().size(),
          (System.nanoTime() - started) / 1_000_000);
      return done;
    } catch (EpisodeRejectedException e) {
      return fail(e.getMessage());
    }
  }

  private EpisodeLedger fail(String reason) throws IOException {
    LOG.error(
        "episode {} permanently rejected: {}. Its data stays in the spool for inspection; it will"
            + " not be retried",
        episodeId,
        reason);
    return spool.update(episodeId, b -> b.failed(reason));
  }

  private void sendManifest(SpooledEpisode episode)
      throws InterruptedException, IOException, EpisodeRejectedException {
    JsonNode answer = require("manifest", () -> client.putManifest(episode.manifest()));
    spool.update(
        episodeId,
        b ->
            b.manifestAcked()
                .state(EpisodeState.UPLOADING)
                .videoUploads(GatewayClient.videoUploads(answer)));
  }

  private void sendVideo(SpooledEpisode episode, String camera)
      throws InterruptedException, IOException, EpisodeRejectedException {
    if (spool.ledger(episodeId).videosAcked().contains(camera)) {
      return;
    }
    VideoSegment spooled = episode.videos().get(camera);
    Path file = episode.videoFiles().get(camera);
    if (spooled == null || file == null) {
      throw new EpisodeRejectedException(
          "manifest names camera " + camera + " but the spool has no video for it");
    }
    boolean uploadedThisRun = false;
    while (true) {
      if (!spool.ledger(episodeId).objectsUploaded().contains(camera)) {
        uploadObject(episode, camera, file);
        uploadedThisRun = true;
      }
      VideoUpload target = spool.ledger(episodeId).videoUploads().get(camera);
      String objectKey =
          target != null && target.objectKey() != null
              ? target.objectKey()
              : spooled.getObjectKey().toString();
      VideoSegment reference = VideoSegment.newBuilder(spooled).setObjectKey(objectKey).build();
      CallOutcome outcome = call("video " + camera, () -> client.putVideoSegment(reference));
      if (outcome instanceof CallOutcome.Accepted) {
        spool.update(episodeId, b -> b.videoAcked(camera));
        return;
      }
      CallOutcome.Rejected rejected = (CallOutcome.Rejected) outcome;
      if (uploadedThisRun || rejected.status() != 422) {
        throw new EpisodeRejectedException("video " + camera + ": " + rejected.reason());
      }
      // The object an earlier run uploaded is missing or differs at the store: upload it again
      // once.
      LOG.warn(
          "episode {}: gateway does not find the video {} uploaded earlier ({}); uploading it again",
          episodeId,
          camera,
          rejected.reason());
      spool.update(episodeId, b -> b.objectNotUploaded(camera));
    }
  }

  private void uploadObject(SpooledEpisode episode, String camera, Path file)
      throws InterruptedException, IOException, EpisodeRejectedException {
    int failures = 0;
    while (true) {
      VideoUpload target = freshTarget(episode, camera);
      tracker.uploading(episodeId);
      CallOutcome outcome =
          client.uploadObject(target.uploadUrl(), file, config.objectUploadTimeout());
      if (outcome instanceof CallOutcome.Accepted) {
        spool.update(episodeId, b -> b.objectUploaded(camera));
        return;
      } else if (outcome instanceof CallOutcome.Rejected rejected) {
        throw new EpisodeRejectedException(
            "object store refused the video " + camera + ": " + rejected.reason());
      } else if (outcome instanceof CallOutcome.Unauthorized denied) {
        // Expired or invalid presigned URL: ask the gateway for a new one.
        spool.update(episodeId, b -> b.clearVideoUploads());
        failures++;
        pause(
            "video upload " + camera,
            denied.status() + " " + denied.error() + ": " + denied.message(),
            failures,
            null);
      } else {
        CallOutcome.Retry retry = (CallOutcome.Retry) outcome;
        failures++;
        pause("video upload " + camera, retry.reason(), failures, retry.retryAfter());
      }
    }
  }

  private VideoUpload freshTarget(SpooledEpisode episode, String camera)
      throws InterruptedException, IOException, EpisodeRejectedException {
    VideoUpload target = spool.ledger(episodeId).videoUploads().get(camera);
    if (target == null || expiresSoon(target)) {
      sendManifest(episode);
      target = spool.ledger(episodeId).videoUploads().get(camera);
      if (target == null) {
        throw new EpisodeRejectedException(
            "the gateway's manifest answer has no upload URL for camera " + camera);
      }
    }
    return target;
  }

  private static boolean expiresSoon(VideoUpload target) {
    if (target.expiresAt() == null || target.expiresAt().isBlank()) {
      return false;
    }
    try {
      Instant expiry = OffsetDateTime.parse(target.expiresAt()).toInstant();
      return Instant.now().plus(URL_MARGIN).isAfter(expiry);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** A call that must be accepted: permanent rejection aborts the episode. */
  private JsonNode require(String step, Step call)
      throws InterruptedException, EpisodeRejectedException {
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
  private CallOutcome call(String step, Step call) throws InterruptedException {
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

  private void pause(String step, String reason, int failures, Duration retryAfter)
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
