package dev.tributary.recorder.upload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.recorder.spool.EpisodeLedger;
import dev.tributary.recorder.spool.EpisodeState;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpooledChunk;
import dev.tributary.recorder.spool.SpooledUpload;
import dev.tributary.recorder.spool.VideoUpload;
import dev.tributary.schema.CameraSpec;
import dev.tributary.schema.VideoSegment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads one spooled episode in protocol order (manifest, chunks, videos in parts then their
 * references, commit), skipping every step its ledger already records as acknowledged and recording
 * each new acknowledgement durably right after the 2xx. Retries each step until it is acknowledged
 * or permanently rejected.
 */
final class EpisodeUpload {
  private static final Logger LOG = LoggerFactory.getLogger(EpisodeUpload.class);

  private final Spool spool;
  private final GatewayClient client;
  private final StepRetry retry;
  private final VideoPartsUpload parts;
  private final String episodeId;
  private final UploaderConfig config;

  EpisodeUpload(
      Spool spool,
      GatewayClient client,
      UploaderConfig config,
      Backoff backoff,
      Uploader.Pauser pauser,
      Uploader.Tracker tracker,
      ExecutorService partPool,
      String episodeId) {
    this.spool = spool;
    this.client = client;
    this.retry = new StepRetry(backoff, pauser, tracker, episodeId);
    this.parts = new VideoPartsUpload(spool, client, config, retry, partPool, episodeId);
    this.episodeId = episodeId;
    this.config = config;
  }

  /** Returns the final ledger (ACKNOWLEDGED or FAILED), or throws when the uploader closes. */
  EpisodeLedger run() throws InterruptedException, IOException {
    EpisodeLedger ledger = spool.ledger(episodeId);
    if (ledger == null || ledger.state().isFinal() || ledger.state() == EpisodeState.RECORDING) {
      return ledger;
    }
    SpooledUpload episode;
    try {
      episode = spool.readForUpload(episodeId);
    } catch (IOException e) {
      return fail("spooled data unreadable: " + e.getMessage());
    }
    long started = System.nanoTime();
    try {
      if (!ledger.manifestAcked()) {
        sendManifest(episode);
      }
      sendChunks(episode);
      for (CameraSpec camera : episode.manifest().getCameras()) {
        sendVideo(episode, camera.getKey().toString());
      }
      retry.require("commit", () -> client.putCommit(episode.commit()));
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

  private void sendManifest(SpooledUpload episode)
      throws InterruptedException, IOException, EpisodeRejectedException {
    JsonNode answer = retry.require("manifest", () -> client.putManifest(episode.manifest()));
    spool.update(
        episodeId,
        b ->
            b.manifestAcked()
                .state(EpisodeState.UPLOADING)
                .videoTargets(GatewayClient.videoUploads(answer)));
  }

  /**
   * Sends the chunks not yet acknowledged, several per request ({@code POST .../chunks}) up to the
   * configured count and size; a batch of one, or every chunk when configured so, takes the
   * single-chunk route. A batch's 202 acknowledges all its chunks; a retry re-sends the whole batch
   * (the gateway answers chunks it already has without a second event). A gateway without the batch
   * route (404) gets the rest of the episode one chunk per request.
   */
  private void sendChunks(SpooledUpload episode)
      throws InterruptedException, IOException, EpisodeRejectedException {
    Set<Integer> acked = spool.ledger(episodeId).chunksAcked();
    // The spooled encodings, sent as they are (no decoding, no encoding again).
    List<SpooledChunk> pending =
        episode.chunks().stream().filter(c -> !acked.contains(c.sequence())).toList();
    boolean batches = config.chunksPerRequest() > 1;
    ChunkBatcher batcher =
        new ChunkBatcher(
            pending, batches ? config.chunksPerRequest() : 1, config.maxChunkBatchBytes());
    while (batcher.hasNext()) {
      ChunkBatcher.Batch batch = batcher.next();
      if (batches && batch.chunks().size() > 1) {
        CallOutcome outcome =
            retry.call(batch.describe(), () -> client.postChunkBatch(episodeId, batch.body()));
        if (outcome instanceof CallOutcome.Accepted) {
          spool.update(
              episodeId,
              b -> {
                batch.chunks().forEach(c -> b.chunkAcked(c.sequence()));
                return b;
              });
          continue;
        }
        CallOutcome.Rejected rejected = (CallOutcome.Rejected) outcome;
        if (!batchRouteMissing(rejected)) {
          throw new EpisodeRejectedException(batch.describe() + ": " + rejected.reason());
        }
        LOG.warn(
            "episode {}: the gateway has no chunk batch route ({}); sending its chunks one per"
                + " request",
            episodeId,
            rejected.reason());
        batches = false;
      }
      for (SpooledChunk chunk : batch.chunks()) {
        retry.require(
            "chunk " + chunk.sequence(),
            () -> client.putChunk(episodeId, chunk.sequence(), chunk.bytes()));
        spool.update(episodeId, b -> b.chunkAcked(chunk.sequence()));
      }
    }
  }

  /** A gateway older than the batch route answers 404 not_found (or 405) for it. */
  private static boolean batchRouteMissing(CallOutcome.Rejected rejected) {
    return (rejected.status() == 404 && "not_found".equals(rejected.error()))
        || rejected.status() == 405;
  }

  private void sendVideo(SpooledUpload episode, String camera)
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
      VideoUpload target = spool.ledger(episodeId).videoUploads().get(camera);
      String objectKey =
          target != null && target.objectKey() != null
              ? target.objectKey()
              : spooled.getObjectKey().toString();
      if (!spool.ledger(episodeId).objectsUploaded().contains(camera)) {
        parts.upload(camera, objectKey, file);
        uploadedThisRun = true;
      }
      target = spool.ledger(episodeId).videoUploads().get(camera);
      // Null for an object a single PUT of an older recorder version wrote whole.
      String uploadId = target == null ? null : target.uploadId();
      VideoSegment reference = VideoSegment.newBuilder(spooled).setObjectKey(objectKey).build();
      CallOutcome outcome =
          retry.call("video " + camera, () -> client.putVideoSegment(reference, uploadId));
      if (outcome instanceof CallOutcome.Accepted) {
        spool.update(episodeId, b -> b.videoAcked(camera));
        return;
      }
      CallOutcome.Rejected rejected = (CallOutcome.Rejected) outcome;
      if (uploadedThisRun || rejected.status() != 422) {
        throw new EpisodeRejectedException("video " + camera + ": " + rejected.reason());
      }
      // The object (or upload) an earlier run sent is missing or differs at the store: upload it
      // again once, in a new multipart upload.
      LOG.warn(
          "episode {}: gateway does not accept the video {} uploaded earlier ({}); uploading it"
              + " again",
          episodeId,
          camera,
          rejected.reason());
      spool.update(episodeId, b -> b.objectNotUploaded(camera));
    }
  }
}
