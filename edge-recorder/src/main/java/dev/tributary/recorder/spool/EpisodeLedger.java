package dev.tributary.recorder.spool;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The upload state of one episode, replaced atomically on disk after every acknowledged step. A
 * step is recorded only after the gateway (or object store) answered 2xx, so after a crash the
 * uploader resumes with exactly the steps not yet acknowledged.
 *
 * <p>Immutable: every change returns a copy via {@link #toBuilder()}.
 */
public record EpisodeLedger(
    String episodeId,
    EpisodeState state,
    long recordedAtMicros,
    boolean manifestAcked,
    SortedSet<Integer> chunksAcked,
    Map<String, VideoUpload> videoUploads,
    Set<String> objectsUploaded,
    Set<String> videosAcked,
    boolean commitAcked,
    int sampleCount,
    String contentSha256,
    long acknowledgedAtMicros,
    long acknowledgedOrder,
    String failureReason,
    String note) {

  public EpisodeLedger {
    chunksAcked = chunksAcked == null ? new TreeSet<>() : new TreeSet<>(chunksAcked);
    videoUploads = videoUploads == null ? new TreeMap<>() : new TreeMap<>(videoUploads);
    objectsUploaded = objectsUploaded == null ? new TreeSet<>() : new TreeSet<>(objectsUploaded);
    videosAcked = videosAcked == null ? new TreeSet<>() : new TreeSet<>(videosAcked);
    chunksAcked = java.util.Collections.unmodifiableSortedSet(chunksAcked);
    videoUploads = java.util.Collections.unmodifiableMap(videoUploads);
    objectsUploaded = java.util.Collections.unmodifiableSet(objectsUploaded);
    videosAcked = java.util.Collections.unmodifiableSet(videosAcked);
  }

  static EpisodeLedger recording(String episodeId, long recordedAtMicros) {
    return new EpisodeLedger(
        episodeId,
        EpisodeState.RECORDING,
        recordedAtMicros,
        false,
        null,
        null,
        null,
        null,
        false,
        0,
        null,
        0,
        0,
        null,
        null);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Mutable copy used to derive the next ledger. */
  public static final class Builder {
    private String episodeId;
    private EpisodeState state;
    private long recordedAtMicros;
    private boolean manifestAcked;
    private final SortedSet<Integer> chunksAcked;
    private final Map<String, VideoUpload> videoUploads;
    private final Set<String> objectsUploaded;
    private final Set<String> videosAcked;
    private boolean commitAcked;
    private int sampleCount;
    private String contentSha256;
    private long acknowledgedAtMicros;
    private long acknowledgedOrder;
    private String failureReason;
    private String note;

    private Builder(EpisodeLedger l) {
      episodeId = l.episodeId;
      state = l.state;
      recordedAtMicros = l.recordedAtMicros;
      manifestAcked = l.manifestAcked;
      chunksAcked = new TreeSet<>(l.chunksAcked);
      videoUploads = new TreeMap<>(l.videoUploads);
      objectsUploaded = new TreeSet<>(l.objectsUploaded);
      videosAcked = new TreeSet<>(l.videosAcked);
      commitAcked = l.commitAcked;
      sampleCount = l.sampleCount;
      contentSha256 = l.contentSha256;
      acknowledgedAtMicros = l.acknowledgedAtMicros;
      acknowledgedOrder = l.acknowledgedOrder;
      failureReason = l.failureReason;
      note = l.note;
    }

    public Builder state(EpisodeState value) {
      state = value;
      return this;
    }

    public Builder manifestAcked() {
      manifestAcked = true;
      return this;
    }

    public Builder chunkAcked(int sequence) {
      chunksAcked.add(sequence);
      return this;
    }

    /**
     * The targets of a manifest answer; an upload already in progress for a camera is kept (a
     * re-sent manifest must not lose acknowledged parts).
     */
    public Builder videoTargets(List<VideoUpload> targets) {
      for (VideoUpload target : targets) {
        VideoUpload held = videoUploads.get(target.cameraKey());
        videoUploads.put(
            target.cameraKey(),
            held == null || held.uploadId() == null
                ? target
                : new VideoUpload(
                    target.cameraKey(),
                    target.objectKey(),
                    held.partSize(),
                    held.uploadId(),
                    held.partETags()));
      }
      return this;
    }

    /** The multipart upload a camera's parts go to; a different id forgets the acked parts. */
    public Builder multipartUpload(String cameraKey, String objectKey, String uploadId, long size) {
      VideoUpload held =
          videoUploads.getOrDefault(cameraKey, VideoUpload.target(cameraKey, objectKey, size));
      videoUploads.put(cameraKey, held.withUpload(uploadId, size));
      return this;
    }

    /** The object store acknowledged one part (2xx with this ETag). */
    public Builder partUploaded(String cameraKey, int partNumber, String etag) {
      VideoUpload held = videoUploads.get(cameraKey);
      if (held == null || held.uploadId() == null) {
        throw new IllegalStateException(
            "part " + partNumber + " of camera " + cameraKey + " has no upload in the ledger");
      }
      videoUploads.put(cameraKey, held.withPart(partNumber, etag));
      return this;
    }

    /** Every part of the camera's video is acknowledged by the object store. */
    public Builder objectUploaded(String cameraKey) {
      objectsUploaded.add(cameraKey);
      return this;
    }

    /** The camera's video must be uploaded again, in a new multipart upload. */
    public Builder objectNotUploaded(String cameraKey) {
      objectsUploaded.remove(cameraKey);
      VideoUpload held = videoUploads.get(cameraKey);
      if (held != null) {
        videoUploads.put(cameraKey, held.withoutUpload());
      }
      return this;
    }

    public Builder videoAcked(String cameraKey) {
      videosAcked.add(cameraKey);
      return this;
    }

    public Builder committed(
        int samples, String sha256, long acknowledgedAtMicros, long acknowledgedOrder) {
      this.commitAcked = true;
      this.sampleCount = samples;
      this.contentSha256 = sha256;
      this.acknowledgedAtMicros = acknowledgedAtMicros;
      this.acknowledgedOrder = acknowledgedOrder;
      this.state = EpisodeState.ACKNOWLEDGED;
      return this;
    }

    public Builder summary(int samples, String sha256) {
      this.sampleCount = samples;
      this.contentSha256 = sha256;
      return this;
    }

    public Builder failed(String reason) {
      this.state = EpisodeState.FAILED;
      this.failureReason = reason;
      return this;
    }

    public Builder note(String value) {
      this.note = value;
      return this;
    }

    public EpisodeLedger build() {
      return new EpisodeLedger(
          episodeId,
          state,
          recordedAtMicros,
          manifestAcked,
          chunksAcked,
          videoUploads,
          objectsUploaded,
          videosAcked,
          commitAcked,
          sampleCount,
          contentSha256,
          acknowledgedAtMicros,
          acknowledgedOrder,
          failureReason,
          note);
    }
  }
}
