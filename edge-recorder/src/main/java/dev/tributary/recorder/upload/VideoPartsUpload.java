package dev.tributary.recorder.upload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.VideoUpload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads one camera's MP4 as a multipart upload (docs/protocol.md): asks the gateway for part URLs
 * (each bound to its part's MD5), PUTs every part the ledger does not yet record, a few at once,
 * and records each part's ETag durably right after the object store's 2xx. A restart resumes the
 * same upload with only the missing parts; expired URLs are asked for again; an upload the store no
 * longer knows is started afresh.
 */
final class VideoPartsUpload {
  private static final Logger LOG = LoggerFactory.getLogger(VideoPartsUpload.class);

  /** Used when the manifest answer advertised no part size (the protocol's default). */
  static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;

  /** Ask for fresh part URLs when the held ones expire sooner than this. */
  private static final Duration URL_MARGIN = Duration.ofSeconds(60);

  /** Consecutive checksum refusals (corruption in transit, or a file changing) before giving up. */
  static final int MAX_BAD_DIGESTS = 5;

  private final Spool spool;
  private final GatewayClient client;
  private final UploaderConfig config;
  private final StepRetry retry;
  private final ExecutorService partPool;
  private final String episodeId;

  VideoPartsUpload(
      Spool spool,
      GatewayClient client,
      UploaderConfig config,
      StepRetry retry,
      ExecutorService partPool,
      String episodeId) {
    this.spool = spool;
    this.client = client;
    this.config = config;
    this.retry = retry;
    this.partPool = partPool;
    this.episodeId = episodeId;
  }

  /** Part URLs of one upload as the gateway answered them. */
  private record PartUrls(String uploadId, Map<Integer, String> urls, Instant expiresAt) {
    boolean expiresSoon() {
      return expiresAt != null && Instant.now().plus(URL_MARGIN).isAfter(expiresAt);
    }
  }

  /**
   * Uploads every part not yet acknowledged and marks the object uploaded in the ledger.
   *
   * @return the multipart upload id that the camera's {@code VideoSegment} completes
   */
  String upload(String camera, String objectKey, Path file)
      throws InterruptedException, IOException, EpisodeRejectedException {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new EpisodeRejectedException("video " + camera + ": " + file + " does not exist");
    }
    VideoUpload held = target(camera);
    long partSize = held != null && held.partSize() > 0 ? held.partSize() : DEFAULT_PART_SIZE;
    List<String> md5s = FileParts.md5s(file, size, partSize);
    int partCount = md5s.size();
    PartUrls urls = null;
    int failures = 0;
    int badDigests = 0;
    while (true) {
      if (urls == null || urls.expiresSoon()) {
        urls = requestUrls(camera, objectKey, size, partSize, md5s);
      }
      List<Integer> missing = new ArrayList<>();
      Map<Integer, String> acked = target(camera).partETags();
      for (int n = 1; n <= partCount; n++) {
        if (!acked.containsKey(n)) {
          missing.add(n);
        }
      }
      if (missing.isEmpty()) {
        spool.update(episodeId, b -> b.objectUploaded(camera));
        return urls.uploadId();
      }
      Map<Integer, CallOutcome> outcomes =
          sendParts(camera, file, size, partSize, md5s, urls, missing);
      CallOutcome.Retry worst = null;
      boolean expired = false;
      boolean gone = false;
      boolean badDigest = false;
      for (Map.Entry<Integer, CallOutcome> entry : outcomes.entrySet()) {
        CallOutcome outcome = entry.getValue();
        if (outcome instanceof CallOutcome.Accepted) {
          continue;
        } else if (outcome instanceof CallOutcome.Unauthorized) {
          expired = true;
        } else if (outcome instanceof CallOutcome.Rejected rejected && rejected.status() == 404) {
          gone = true;
        } else if (outcome instanceof CallOutcome.Rejected rejected
            && rejected.status() == 400
            && "BadDigest".equals(rejected.error())) {
          badDigest = true;
        } else if (outcome instanceof CallOutcome.Rejected rejected) {
          throw new EpisodeRejectedException(
              "object store refused part "
                  + entry.getKey()
                  + " of video "
                  + camera
                  + ": "
                  + rejected.reason());
        } else if (outcome instanceof CallOutcome.Retry r) {
          worst = r;
        }
      }
      if (expired || gone || badDigest || worst != null) {
        failures++;
        badDigests = badDigest ? badDigests + 1 : 0;
        if (badDigests >= MAX_BAD_DIGESTS) {
          throw new EpisodeRejectedException(
              "object store refused the bytes of video "
                  + camera
                  + " "
                  + badDigests
                  + " times in a row (BadDigest: they differ from their MD5); has "
                  + file
                  + " changed since it was recorded?");
        }
        if (gone) {
          // Aborted (e.g. by the bucket's lifecycle rule) or unknown: start a new upload.
          LOG.warn(
              "episode {}: the object store no longer knows upload {} of video {}; starting a"
                  + " new upload",
              episodeId,
              urls.uploadId(),
              camera);
          spool.update(episodeId, b -> b.objectNotUploaded(camera));
          urls = null;
        } else if (expired) {
          urls = null;
        }
        String reason =
            gone
                ? "multipart upload gone"
                : expired
                    ? "part URL refused (expired or invalid): asking for fresh URLs"
                    : badDigest ? "part checksum refused (BadDigest)" : worst.reason();
        retry.pause(
            "video " + camera + " parts",
            reason,
            failures,
            worst == null ? null : worst.retryAfter());
      } else {
        failures = 0;
      }
    }
  }

  private VideoUpload target(String camera) {
    return spool.ledger(episodeId).videoUploads().get(camera);
  }

  private PartUrls requestUrls(
      String camera, String objectKey, long size, long partSize, List<String> md5s)
      throws InterruptedException, IOException, EpisodeRejectedException {
    VideoUpload held = target(camera);
    String heldId = held == null ? null : held.uploadId();
    JsonNode answer =
        retry.require(
            "part URLs of video " + camera,
            () -> client.requestPartUrls(episodeId, camera, size, partSize, md5s, heldId));
    String uploadId = answer.path("uploadId").asText(null);
    JsonNode parts = answer.path("parts");
    if (uploadId == null || !parts.isArray() || parts.size() != md5s.size()) {
      throw new EpisodeRejectedException(
          "the gateway's part URLs for video "
              + camera
              + " do not match the request ("
              + md5s.size()
              + " parts): "
              + answer);
    }
    Map<Integer, String> urls = new HashMap<>();
    parts.forEach(p -> urls.put(p.path("partNumber").asInt(), p.path("url").asText()));
    String key = answer.path("objectKey").asText(objectKey);
    spool.update(episodeId, b -> b.multipartUpload(camera, key, uploadId, partSize));
    if (heldId != null && !heldId.equals(uploadId)) {
      LOG.warn(
          "episode {}: upload {} of video {} is no longer in progress; uploading all parts again"
              + " to upload {}",
          episodeId,
          heldId,
          camera,
          uploadId);
    }
    return new PartUrls(uploadId, urls, expiry(answer.path("expiresAt").asText(null)));
  }

  /**
   * PUTs the missing parts, {@code partConcurrency} at once, recording each acknowledged one in the
   * ledger as soon as it is acknowledged; answers each part's outcome.
   */
  private Map<Integer, CallOutcome> sendParts(
      String camera,
      Path file,
      long size,
      long partSize,
      List<String> md5s,
      PartUrls urls,
      List<Integer> missing)
      throws InterruptedException {
    Map<Integer, CallOutcome> outcomes = new HashMap<>();
    for (int from = 0; from < missing.size(); from += config.partConcurrency()) {
      List<Integer> batch =
          missing.subList(from, Math.min(missing.size(), from + config.partConcurrency()));
      List<Callable<CallOutcome>> calls = new ArrayList<>();
      for (int n : batch) {
        calls.add(
            () -> {
              CallOutcome outcome =
                  client.uploadPart(
                      urls.urls().get(n),
                      file,
                      FileParts.offset(n, partSize),
                      FileParts.length(n, size, partSize),
                      md5s.get(n - 1),
                      config.objectUploadTimeout());
              if (outcome instanceof CallOutcome.Accepted accepted) {
                String etag = accepted.etag() == null ? "" : accepted.etag();
                spool.update(episodeId, b -> b.partUploaded(camera, n, etag));
              }
              return outcome;
            });
      }
      retry.uploading();
      List<Future<CallOutcome>> results = partPool.invokeAll(calls);
      boolean failed = false;
      for (int i = 0; i < batch.size(); i++) {
        int n = batch.get(i);
        CallOutcome outcome = outcome(results.get(i));
        outcomes.put(n, outcome);
        failed |= !(outcome instanceof CallOutcome.Accepted);
      }
      if (failed) {
        return outcomes;
      }
    }
    return outcomes;
  }

  private static CallOutcome outcome(Future<CallOutcome> result) throws InterruptedException {
    try {
      return result.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new CallOutcome.Retry("part upload failed: " + cause, null);
    }
  }

  private static Instant expiry(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
