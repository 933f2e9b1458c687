package dev.tributary.gateway.publish;

import dev.tributary.gateway.Sha256;
import dev.tributary.gateway.error.Rejection;
import dev.tributary.gateway.status.EpisodeLedger;
import dev.tributary.gateway.status.EpisodeLedger.ManifestFacts;
import dev.tributary.gateway.status.EpisodeLedger.Part;
import dev.tributary.gateway.status.EpisodeLedger.Progress;
import dev.tributary.gateway.status.VerdictBoard;
import dev.tributary.gateway.validation.EpisodeValidator;
import dev.tributary.gateway.validation.JointShape;
import dev.tributary.gateway.validation.PayloadDecoder;
import dev.tributary.gateway.validation.ReceivedChunk;
import dev.tributary.gateway.validation.VideoKeys;
import dev.tributary.gateway.video.PartPlan;
import dev.tributary.gateway.video.VideoStore;
import dev.tributary.gateway.video.VideoStore.PresignedPart;
import dev.tributary.schema.CameraSpec;
import dev.tributary.schema.CurationVerdict;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.VideoSegment;
import dev.tributary.schema.codec.AvroCodec;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The episode protocol without HTTP: decode, validate, check against what was already accepted,
 * publish, remember. Each method answers a stage that completes only after Kafka acknowledged the
 * event, or fails with a {@link Rejection}. Parts already acknowledged with identical content are
 * answered again without a second event.
 */
public final class EpisodeIntake {
  private static final Logger LOG = LoggerFactory.getLogger(EpisodeIntake.class);

  private static final PayloadDecoder<EpisodeManifest> MANIFEST =
      PayloadDecoder.of(EpisodeManifest.class);
  private static final PayloadDecoder<VideoSegment> VIDEO = PayloadDecoder.of(VideoSegment.class);
  private static final PayloadDecoder<EpisodeCommit> COMMIT =
      PayloadDecoder.of(EpisodeCommit.class);

  /**
   * One camera's upload target in the manifest answer; the part URLs come from {@link
   * #videoUpload}, once the recorder knows the file's size and part checksums.
   */
  public record VideoUpload(String cameraKey, String objectKey, long partSize) {}

  /**
   * A recorder's request for part URLs: the video's size, the part size it cut the file into, the
   * base64 MD5 of every part in order, and the upload id it already holds (null for a new one).
   */
  public record PartUrlsRequest(
      long sizeBytes, long partSize, List<String> partMd5s, String uploadId) {}

  /** Where to PUT one part (header {@code Content-MD5} required) and how many bytes it holds. */
  public record PartUrl(int partNumber, long sizeBytes, String url) {}

  /** The part URLs of one camera's multipart upload, all expiring at {@code expiresAt}. */
  public record PartUrls(
      String episodeId,
      String cameraKey,
      String objectKey,
      String uploadId,
      long partSize,
      String expiresAt,
      List<PartUrl> parts) {}

  public record ManifestAccepted(String episodeId, List<VideoUpload> videoUploads) {}

  public record ChunkAccepted(String episodeId, int sequence) {}

  /** A batch's answer: the sequences of its chunks, in the order they were sent. */
  public record BatchAccepted(String episodeId, int[] sequences) {}

  public record VideoAccepted(String episodeId, String cameraKey) {}

  public record CommitAccepted(String episodeId) {}

  /** The status answer; {@code status} is RECEIVED until a curation verdict is known. */
  public record EpisodeStatus(
      String episodeId, String status, List<String> reasons, String duplicateOf) {}

  /** Status plus what this instance saw arrive, for diagnostics headers. */
  public record StatusView(EpisodeStatus status, Progress progress) {}

  private final IngestPublisher publisher;
  private final EpisodeLedger ledger;
  private final VerdictBoard verdicts;
  private final VideoStore videos;
  private final Executor videoCheckExecutor;
  private final Duration presignTtl;
  private final long videoPartSize;

  /**
   * @param videoCheckExecutor runs every object-store call (never the event loop)
   * @param videoPartSize the part size advertised in manifest answers
   */
  public EpisodeIntake(
      IngestPublisher publisher,
      EpisodeLedger ledger,
      VerdictBoard verdicts,
      VideoStore videos,
      Executor videoCheckExecutor,
      Duration presignTtl,
      long videoPartSize) {
    this.publisher = publisher;
    this.ledger = ledger;
    this.verdicts = verdicts;
    this.videos = videos;
    this.videoCheckExecutor = videoCheckExecutor;
    this.presignTtl = presignTtl;
    this.videoPartSize = videoPartSize;
  }

  public CompletionStage<ManifestAccepted> manifest(
      String siteId, String pathEpisodeId, byte[] body) {
    String episodeId = EpisodeValidator.requireEpisodeId(pathEpisodeId);
    EpisodeManifest manifest = MANIFEST.decode(body);
    EpisodeValidator.validateManifest(episodeId, siteId, manifest);
    Set<String> cameras = new LinkedHashSet<>();
    for (CameraSpec camera : manifest.getCameras()) {
      cameras.add(camera.getKey());
    }
    long hash = contentHash(MANIFEST.codec(), manifest);
    List<VideoUpload> uploads = new ArrayList<>();
    for (String camera : cameras) {
      uploads.add(
          new VideoUpload(camera, VideoKeys.objectKey(siteId, episodeId, camera), videoPartSize));
    }
    return accept(siteId, episodeId, Part.manifest(), hash, manifest, "manifest")
        .thenApply(
            ok -> {
              ledger.recordManifest(episodeId, siteId, hash, JointShape.of(manifest), cameras);
              return new ManifestAccepted(episodeId, uploads);
            });
  }

  /** A chunk in Avro: read in place when canonical (see {@link ReceivedChunk#read}). */
  public CompletionStage<ChunkAccepted> chunk(
      String siteId, String pathEpisodeId, String pathSequence, byte[] body) {
    String episodeId = EpisodeValidator.requireEpisodeId(pathEpisodeId);
    int sequence = EpisodeValidator.requireSequence(pathSequence);
    return chunk(siteId, episodeId, sequence, ReceivedChunk.read(body));
  }

  /** A chunk that arrived as another format and was converted to the record at the edge. */
  public CompletionStage<ChunkAccepted> chunk(
      String siteId, String pathEpisodeId, String pathSequence, JointChunk converted) {
    String episodeId = EpisodeValidator.requireEpisodeId(pathEpisodeId);
    int sequence = EpisodeValidator.requireSequence(pathSequence);
    return chunk(siteId, episodeId, sequence, ReceivedChunk.of(converted));
  }

  private CompletionStage<ChunkAccepted> chunk(
      String siteId, String episodeId, int sequence, ReceivedChunk chunk) {
    CheckedChunk checked = check(siteId, episodeId, sequence, chunk, jointShape(episodeId));
    ChunkAccepted answer = new ChunkAccepted(episodeId, sequence);
    if (checked.acknowledged()) {
      return CompletableFuture.completedFuture(answer);
    }
    return publisher
        .publishEncoded(siteId, episodeId, JointChunk.class, chunk.canonical(), "chunk")
        .thenApply(
            metadata -> {
              ledger.record(episodeId, siteId, checked.part(), checked.hash());
              return answer;
            });
  }

  /**
   * Several chunks of one episode in one request (a batch): every chunk is checked first, exactly
   * as a single chunk would be, and the first invalid one refuses the whole batch with its index
   * and sequence (nothing is published); then each chunk not already acknowledged here becomes its
   * own event. The stage completes when the broker acknowledged every one; if any failed it fails
   * like a single chunk would, and the ones that succeeded are remembered, so re-sending the whole
   * batch publishes only what is missing.
   *
   * @param chunks in the order sent; each names its own sequence
   */
  public CompletionStage<BatchAccepted> chunks(
      String siteId, String pathEpisodeId, List<ReceivedChunk> chunks) {
    String episodeId = EpisodeValidator.requireEpisodeId(pathEpisodeId);
    JointShape joints = jointShape(episodeId);
    int[] sequences = new int[chunks.size()];
    Set<Integer> seen = new HashSet<>();
    List<CheckedChunk> toPublish = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      ReceivedChunk chunk = chunks.get(i);
      int sequence = chunk.view().sequence();
      CheckedChunk checked;
      try {
        checked = check(siteId, episodeId, sequence, chunk, joints);
      } catch (Rejection e) {
        throw e.in(batchPosition(i, sequence));
      }
      if (!seen.add(sequence)) {
        throw Rejection.malformed(
            "duplicate_sequence",
            batchPosition(i, sequence)
                + ": sequence "
                + sequence
                + " appears twice in the batch: send each chunk once per request");
      }
      sequences[i] = sequence;
      if (!checked.acknowledged()) {
        toPublish.add(checked);
      }
    }
    BatchAccepted answer = new BatchAccepted(episodeId, sequences);
    if (toPublish.isEmpty()) {
      return CompletableFuture.completedFuture(answer);
    }
    List<IngestPublisher.Encoded> payloads = new ArrayList<>(toPublish.size());
    for (CheckedChunk checked : toPublish) {
      ReceivedChunk chunk = checked.chunk();
      payloads.add(new IngestPublisher.Encoded(chunk.bytes(), chunk.offset(), chunk.length()));
    }
    List<CompletableFuture<RecordMetadata>> acks =
        publisher.publishEncodedAll(siteId, episodeId, JointChunk.class, payloads, "chunk");
    CompletableFuture<?>[] remembered = new CompletableFuture<?>[acks.size()];
    for (int i = 0; i < acks.size(); i++) {
      CheckedChunk checked = toPublish.get(i);
      remembered[i] =
          acks.get(i)
              .thenRun(() -> ledger.record(episodeId, siteId, checked.part(), checked.hash()));
    }
    // allOf waits for every ack, so the answer never precedes a send still in flight.
    return CompletableFuture.allOf(remembered).thenApply(ok -> answer);
  }

  /** Where a chunk sits in a batch, for error messages (built only when one is needed). */
  private static String batchPosition(int index, int sequence) {
    return "chunk [" + index + "] (sequence " + sequence + ") of the batch";
  }

  /** A chunk that passed the rules and the ledger: publish it unless it is acknowledged. */
  private record CheckedChunk(ReceivedChunk chunk, Part part, long hash, boolean acknowledged) {}

  /**
   * The protocol's chunk rules, then the ledger: 403 for another site's episode, 409 for a
   * different body under an acknowledged sequence.
   */
  private CheckedChunk check(
      String siteId, String episodeId, int sequence, ReceivedChunk chunk, JointShape joints) {
    EpisodeValidator.validateChunk(episodeId, sequence, chunk.view(), joints);
    // The canonical bytes are what AvroCodec.encode writes, so this equals contentHash(record).
    long hash = contentHash(chunk.bytes(), chunk.offset(), chunk.length());
    Part part = Part.chunk(sequence);
    ledger.check(episodeId, siteId, part, hash);
    boolean acknowledged = ledger.isAccepted(episodeId, part, hash);
    if (acknowledged) {
      LOG.debug(
          "intake: {} of episode {} re-sent by site {}; already acknowledged",
          part,
          episodeId,
          siteId);
    }
    return new CheckedChunk(chunk, part, hash, acknowledged);
  }

  /** The manifest's joint count when this instance accepted the manifest, else -1. */
  private JointShape jointShape(String episodeId) {
    ManifestFacts facts = ledger.manifest(episodeId);
    return facts == null ? JointShape.UNKNOWN : facts.joints();
  }

  /**
   * Opens (or resumes) the multipart upload of one camera's video and presigns a URL per part, each
   * bound to that part's MD5. Nothing is published: the video counts once its {@link #video}
   * reference is accepted.
   */
  public CompletionStage<PartUrls> videoUpload(
      String siteId, String pathEpisodeId, String pathCameraKey, PartUrlsRequest request) {
    String episodeId = EpisodeValidator.requireEpisodeId(pathEpisodeId);
    String cameraKey = EpisodeValidator.requireCameraKey(pathCameraKey);
    requireOwnCamera(siteId, episodeId, cameraKey);
    PartPlan plan = PartPlan.of(request.sizeBytes(), request.partSize());
    plan.checkMd5s(request.partMd5s());
    String requested =
        request.uploadId() == null ? null : PartPlan.requireUploadId(request.uploadId());
    String objectKey = VideoKeys.objectKey(siteId, episodeId, cameraKey);
    return CompletableFuture.supplyAsync(
        () -> {
          String uploadId = videos.openUpload(objectKey, requested);
          List<PartUrl> parts = new ArrayList<>(plan.partCount());
          String expiresAt = null;
          for (int n = 1; n <= plan.partCount(); n++) {
            PresignedPart url =
                videos.presignPart(
                    objectKey, uploadId, n, request.partMd5s().get(n - 1), presignTtl);
            parts.add(new PartUrl(n, plan.sizeOf(n), url.url()));
            expiresAt = url.expiresAt().toString();
          }
          if (!uploadId.equals(requested)) {
            LOG.info(
                "intake: site {} uploads {} in {} part(s) of {} bytes, upload {}{}",
                siteId,
                objectKey,
                plan.partCount(),
                plan.partSize(),
                uploadId,
                requested == null ? "" : " (upload " + requested + " is no longer in progress)");
          }
          return new PartUrls(
              episodeId, cameraKey, objectKey, uploadId, plan.partSize(), expiresAt, parts);
        },
        videoCheckExecutor);
  }

  /**
   * Accepts a camera's video reference: completes its multipart upload {@code pathUploadId} (when
   * given) from the parts the store holds, checks the object's size and SHA-256, then publishes.
   */
  public CompletionStage<VideoAccepted> video(
      String siteId, String pathEpisodeId, String pathCameraKey, String pathUploadId, byte[] body) {
    String episodeId = EpisodeValidator.requireEpisodeId(pathEpisodeId);
    String cameraKey = EpisodeValidator.requireCameraKey(pathCameraKey);
    String uploadId = pathUploadId == null ? null : PartPlan.requireUploadId(pathUploadId);
    VideoSegment video = VIDEO.decode(body);
    ManifestFacts facts = ledger.manifest(episodeId);
    EpisodeValidator.validateVideo(
        episodeId, cameraKey, siteId, video, facts == null ? null : facts.cameras());
    Part part = Part.video(cameraKey);
    long hash = contentHash(VIDEO.codec(), video);
    ledger.check(episodeId, siteId, part, hash);
    return CompletableFuture.runAsync(
            () -> {
              if (uploadId != null) {
                videos.complete(video.getObjectKey(), uploadId, video.getSizeBytes());
              }
              videos.verify(video.getObjectKey(), video.getSizeBytes(), video.getSha256());
            },
            videoCheckExecutor)
        .thenCompose(ok -> accept(siteId, episodeId, part, hash, video, "video"))
        .thenApply(ok -> new VideoAccepted(episodeId, cameraKey));
  }

  public CompletionStage<CommitAccepted> commit(String siteId, String pathEpisodeId, byte[] body) {
    String episodeId = EpisodeValidator.requireEpisodeId(pathEpisodeId);
    EpisodeCommit commit = COMMIT.decode(body);
    ManifestFacts facts = ledger.manifest(episodeId);
    EpisodeValidator.validateCommit(episodeId, commit, facts == null ? null : facts.cameras());
    long hash = contentHash(COMMIT.codec(), commit);
    return accept(siteId, episodeId, Part.commit(), hash, commit, "commit")
        .thenApply(
            ok -> {
              LOG.info(
                  "intake: episode {} of site {} committed ({} chunks, {} samples, cameras {})",
                  episodeId,
                  siteId,
                  commit.getChunkCount(),
                  commit.getSampleCount(),
                  commit.getVideoFrameCounts().keySet());
              return new CommitAccepted(episodeId);
            });
  }

  public StatusView status(String siteId, String pathEpisodeId) {
    String episodeId = EpisodeValidator.requireEpisodeId(pathEpisodeId);
    CurationVerdict verdict = verdicts.get(episodeId);
    Progress progress = ledger.progress(episodeId);
    if (verdict == null && progress == null) {
      throw Rejection.notFound(
          "episode_not_found",
          "episode "
              + episodeId
              + " is unknown here: send its manifest first (or it was accepted by another gateway"
              + " instance and has no verdict yet)");
    }
    String owner = progress != null ? progress.siteId() : verdict.getSiteId();
    if (!owner.equals(siteId)) {
      throw Rejection.forbidden(
          "episode_of_other_site",
          "episode " + episodeId + " belongs to another site: use that site's token");
    }
    EpisodeStatus status =
        verdict == null
            ? new EpisodeStatus(episodeId, "RECEIVED", List.of(), null)
            : new EpisodeStatus(
                episodeId,
                verdict.getStatus().name(),
                List.copyOf(verdict.getReasons()),
                verdict.getDuplicateOf());
    return new StatusView(status, progress);
  }

  /** Refuses another site's episode and a camera its manifest (when known here) does not name. */
  private void requireOwnCamera(String siteId, String episodeId, String cameraKey) {
    Progress progress = ledger.progress(episodeId);
    if (progress != null && !progress.siteId().equals(siteId)) {
      throw Rejection.forbidden(
          "episode_of_other_site",
          "episode " + episodeId + " belongs to another site: use that site's token");
    }
    ManifestFacts facts = ledger.manifest(episodeId);
    if (facts != null && !facts.cameras().contains(cameraKey)) {
      throw Rejection.invalid(
          "unknown_camera",
          "camera '" + cameraKey + "' is not in the episode's manifest " + facts.cameras());
    }
  }

  /**
   * Publishes a checked part unless the identical part was already acknowledged here, then
   * remembers it.
   */
  private CompletionStage<Void> accept(
      String siteId, String episodeId, Part part, long hash, SpecificRecord payload, String kind) {
    ledger.check(episodeId, siteId, part, hash);
    if (ledger.isAccepted(episodeId, part, hash)) {
      LOG.debug(
          "intake: {} of episode {} re-sent by site {}; already acknowledged",
          part,
          episodeId,
          siteId);
      return CompletableFuture.completedFuture(null);
    }
    return publisher
        .publish(siteId, episodeId, payload, kind)
        .thenAccept(metadata -> ledger.record(episodeId, siteId, part, hash));
  }

  /** The first 64 bits of the SHA-256 of the record's canonical encoding; never 0. */
  private static <V extends SpecificRecord> long contentHash(AvroCodec<V> codec, V value) {
    return contentHash(codec.encode(value));
  }

  private static long contentHash(byte[] canonical) {
    return contentHash(canonical, 0, canonical.length);
  }

  private static long contentHash(byte[] bytes, int offset, int length) {
    byte[] digest = Sha256.of(bytes, offset, length);
    long hash = ByteBuffer.wrap(digest).getLong();
    return hash == 0 ? 1 : hash;
  }
}
