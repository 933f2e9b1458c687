package dev.tributary.recorder.spool;

import dev.tributary.schema.CameraSync;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointContentHash;
import dev.tributary.schema.VideoSegment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes one episode into the spool. Every method returns after what it wrote is durable. The
 * episode becomes visible to the uploader only at {@link #finish()}.
 */
public final class EpisodeWriter implements AutoCloseable {
  private final Spool spool;
  private final Path dir;
  private final SegmentFile segment;
  private EpisodeManifest manifest;
  private final JointContentHash hash = new JointContentHash();
  private final Map<String, Integer> videoFrameCounts = new LinkedHashMap<>();
  private int nextSequence;
  private int samples;
  private boolean done;

  EpisodeWriter(Spool spool, Path dir, SegmentFile segment, EpisodeManifest manifest) {
    this.spool = spool;
    this.dir = dir;
    this.segment = segment;
    this.manifest = manifest;
  }

  public String episodeId() {
    return manifest.getEpisodeId();
  }

  public EpisodeManifest manifest() {
    return manifest;
  }

  /** Appends the next chunk; sequences must be contiguous from 0. */
  public void appendChunk(JointChunk chunk) throws IOException {
    if (chunk.getSequence() != nextSequence) {
      throw new IllegalArgumentException(
          "chunk sequence " + chunk.getSequence() + " out of order, expected " + nextSequence);
    }
    segment.append(RecordType.CHUNK, Codecs.CHUNK.encode(chunk));
    hash.add(chunk);
    samples += chunk.getCaptureMonoNanos().size();
    nextSequence++;
  }

  /** Where a camera's MP4 is written while it is being encoded (not yet part of the episode). */
  public Path partialVideoFile(String cameraKey) {
    return dir.resolve(Spool.videoFileName(cameraKey) + ".part");
  }

  /**
   * Adopts the finished MP4 at {@link #partialVideoFile}: fsyncs and renames it, hashes it and
   * appends its {@link VideoSegment} record.
   */
  public VideoSegment addVideo(
      String cameraKey, int frameCount, long firstFrameMicros, long lastFrameMicros)
      throws IOException {
    return addVideo(cameraKey, frameCount, firstFrameMicros, lastFrameMicros, null, null);
  }

  /**
   * Like {@link #addVideo(String, int, long, long)} for a video with capture times: its first
   * frame's time on the recorder's monotonic clock and its measured synchronisation with the joint
   * samples (either may be null).
   */
  public VideoSegment addVideo(
      String cameraKey,
      int frameCount,
      long firstFrameMicros,
      long lastFrameMicros,
      Long firstFrameMonoNanos,
      CameraSync jointSync)
      throws IOException {
    Path part = partialVideoFile(cameraKey);
    Path file = dir.resolve(Spool.videoFileName(cameraKey));
    Durable.fsyncFile(part);
    Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Durable.fsyncDirectory(dir);
    VideoSegment segmentRecord =
        VideoSegment.newBuilder()
            .setEpisodeId(episodeId())
            .setCameraKey(cameraKey)
            .setObjectKey(objectKey(manifest.getSiteId(), episodeId(), cameraKey))
            .setSizeBytes(Files.size(file))
            .setSha256(sha256(file))
            .setFrameCount(frameCount)
            .setFirstFrameMicros(firstFrameMicros)
            .setLastFrameMicros(lastFrameMicros)
            .setContainer("mp4")
            .setCodec("h264")
            .setFirstFrameMonoNanos(firstFrameMonoNanos)
            .setJointSync(jointSync)
            .build();
    segment.append(RecordType.VIDEO, Codecs.VIDEO.encode(segmentRecord));
    videoFrameCounts.put(cameraKey, frameCount);
    return segmentRecord;
  }

  /**
   * Replaces the manifest (a later manifest record supersedes the first), e.g. without a camera
   * that delivered no frame. Only before {@link #finish()}: nothing is uploaded before it.
   */
  public void replaceManifest(EpisodeManifest replacement) throws IOException {
    segment.append(RecordType.MANIFEST, Codecs.MANIFEST.encode(replacement));
    manifest = replacement;
  }

  /** Appends the commit record and hands the episode to the uploader. */
  public EpisodeCommit finish() throws IOException {
    return finish(Spool.nowMicros());
  }

  /** Like {@link #finish()} with an explicit commit time (deterministic sources). */
  public EpisodeCommit finish(long committedAtMicros) throws IOException {
    EpisodeCommit commit =
        EpisodeCommit.newBuilder()
            .setEpisodeId(episodeId())
            .setChunkCount(nextSequence)
            .setSampleCount(samples)
            .setVideoFrameCounts(new LinkedHashMap<>(videoFrameCounts))
            .setContentSha256(hash.hex())
            .setCommittedAtMicros(committedAtMicros)
            .build();
    segment.append(RecordType.COMMIT, Codecs.COMMIT.encode(commit));
    segment.close();
    done = true;
    spool.completed(episodeId(), commit);
    return commit;
  }

  /**
   * Deletes this unfinished episode entirely (used when a regenerable recording such as the
   * simulator is stopped on purpose: a later run records it again from the same seed).
   */
  public void discard() throws IOException {
    if (done) {
      return;
    }
    done = true;
    segment.close();
    spool.delete(episodeId());
  }

  /** Closes the file; an unfinished episode stays on disk and is salvaged on the next start. */
  @Override
  public void close() throws IOException {
    if (!done) {
      segment.close();
      done = true;
    }
  }

  public static String objectKey(String siteId, String episodeId, String cameraKey) {
    return "sites/" + siteId + "/episodes/" + episodeId + "/" + cameraKey + ".mp4";
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
