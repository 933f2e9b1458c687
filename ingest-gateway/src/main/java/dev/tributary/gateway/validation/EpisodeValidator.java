package dev.tributary.gateway.validation;

import dev.tributary.gateway.error.Rejection;
import dev.tributary.schema.ActionJoints;
import dev.tributary.schema.CameraSpec;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointSpec;
import dev.tributary.schema.VideoSegment;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The protocol's content rules (docs/protocol.md, "Validation at the gateway"). Plain code: no
 * HTTP, no Kafka. Every rule fails with its own reason code and a message that says how to fix it.
 */
public final class EpisodeValidator {
  private static final Pattern EPISODE_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern CAMERA_KEY = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final int MAX_JOINTS = 256;
  private static final int MAX_CAMERAS = 32;
  private static final int MAX_TEXT = 4096;

  private EpisodeValidator() {}

  /** The episode id in the path: a lower-case UUID. */
  public static String requireEpisodeId(String pathEpisodeId) {
    if (pathEpisodeId == null || !EPISODE_ID.matcher(pathEpisodeId).matches()) {
      throw Rejection.malformed(
          "invalid_episode_id",
          "episode id '"
              + truncate(pathEpisodeId)
              + "' is not a lower-case UUID (36 characters, e.g."
              + " 3f2b8c1e-0d4a-4c59-9a77-1b2c3d4e5f60): generate it with UUID.randomUUID()");
    }
    return pathEpisodeId;
  }

  /** The sequence in the path: a non-negative decimal int. */
  public static int requireSequence(String pathSequence) {
    int sequence;
    try {
      sequence = Integer.parseInt(pathSequence);
    } catch (NumberFormatException e) {
      throw Rejection.malformed(
          "invalid_sequence",
          "chunk sequence '" + truncate(pathSequence) + "' in the path is not an integer");
    }
    if (sequence < 0) {
      throw Rejection.invalid(
          "negative_sequence", "chunk sequence " + sequence + " is negative: sequences start at 0");
    }
    return sequence;
  }

  private static void requireJointNames(String field, List<JointSpec> joints, boolean mayBeEmpty) {
    if ((joints.isEmpty() && !mayBeEmpty) || joints.size() > MAX_JOINTS) {
      throw Rejection.invalid(
          "invalid_joints",
          "the manifest declares "
              + joints.size()
              + " "
              + field
              + ": declare "
              + (mayBeEmpty ? "0" : "1")
              + "-"
              + MAX_JOINTS
              + " in canonical order");
    }
    Set<String> names = new HashSet<>();
    for (JointSpec joint : joints) {
      if (joint.getName().isBlank() || !names.add(joint.getName())) {
        throw Rejection.invalid(
            "invalid_joints",
            field
                + " name '"
                + truncate(joint.getName())
                + "' is empty or repeated: every joint needs a unique name");
      }
    }
  }

  /** The camera key in the path: {@code [A-Za-z0-9._-]}, at most 128 characters. */
  public static String requireCameraKey(String cameraKey) {
    if (cameraKey == null
        || !CAMERA_KEY.matcher(cameraKey).matches()
        || cameraKey.equals(".")
        || cameraKey.equals("..")) {
      throw Rejection.malformed(
          "invalid_camera_key",
          "camera key '"
              + truncate(cameraKey)
              + "' may only contain letters, digits, '.', '_' and '-' (1-128 characters)");
    }
    return cameraKey;
  }

  public static void validateManifest(String episodeId, String tokenSiteId, EpisodeManifest m) {
    requireSameEpisode(episodeId, m.getEpisodeId());
    if (!tokenSiteId.equals(m.getSiteId())) {
      throw Rejection.forbidden(
          "site_mismatch",
          "the manifest names site '"
              + truncate(m.getSiteId())
              + "' but the token belongs to site '"
              + tokenSiteId
              + "': set siteId to your own site");
    }
    requireJointNames("joints", m.getJoints(), false);
    requireJointNames("actionJoints", ActionJoints.own(m) ? m.getActionJoints() : List.of(), true);
    if (m.getCameras().size() > MAX_CAMERAS) {
      throw Rejection.invalid(
          "invalid_camera",
          "the manifest declares " + m.getCameras().size() + " cameras; at most " + MAX_CAMERAS);
    }
    Set<String> keys = new HashSet<>();
    for (CameraSpec camera : m.getCameras()) {
      requireCameraKeyInBody(camera.getKey());
      if (!keys.add(camera.getKey())) {
        throw Rejection.invalid(
            "invalid_camera",
            "camera key '" + camera.getKey() + "' appears twice: camera keys must be unique");
      }
      if (camera.getWidth() <= 0
          || camera.getHeight() <= 0
          || !(camera.getFps() > 0)
          || !Float.isFinite(camera.getFps())) {
        throw Rejection.invalid(
            "invalid_camera",
            "camera '"
                + camera.getKey()
                + "' has width "
                + camera.getWidth()
                + ", height "
                + camera.getHeight()
                + ", fps "
                + camera.getFps()
                + ": all must be positive");
      }
    }
    if (!(m.getJointRateHz() > 0) || !Float.isFinite(m.getJointRateHz())) {
      throw Rejection.invalid(
          "invalid_joint_rate",
          "jointRateHz " + m.getJointRateHz() + " must be a positive number, e.g. 30");
    }
    if (m.getStartedAtMicros() <= 0) {
      throw Rejection.invalid(
          "invalid_start_time",
          "startedAtMicros "
              + m.getStartedAtMicros()
              + " must be microseconds since the Unix epoch");
    }
    if (m.getTask().length() > MAX_TEXT
        || m.getRobotType().isBlank()
        || m.getRobotType().length() > 256
        || m.getRigId().isBlank()
        || m.getRigId().length() > 256) {
      throw Rejection.invalid(
          "invalid_text_field",
          "robotType and rigId must be non-empty (at most 256 characters) and task at most "
              + MAX_TEXT
              + " characters");
    }
  }

  /**
   * @param shape the manifest's state and action columns, {@link JointShape#UNKNOWN} when this
   *     instance did not accept the manifest
   */
  public static void validateChunk(
      String episodeId, int pathSequence, JointChunk chunk, JointShape shape) {
    validateChunk(episodeId, pathSequence, ChunkView.of(chunk), shape);
  }

  /**
   * @param shape the manifest's state and action columns, {@link JointShape#UNKNOWN} when this
   *     instance did not accept the manifest
   */
  public static void validateChunk(
      String episodeId, int pathSequence, ChunkView chunk, JointShape shape) {
    requireSameEpisode(episodeId, chunk.episodeId());
    if (chunk.sequence() < 0) {
      throw Rejection.invalid(
          "negative_sequence",
          "chunk sequence " + chunk.sequence() + " is negative: sequences start at 0");
    }
    if (chunk.sequence() != pathSequence) {
      throw Rejection.invalid(
          "sequence_mismatch",
          "the path says chunk "
              + pathSequence
              + " but the body says "
              + chunk.sequence()
              + ": send each chunk to /v1/episodes/{episodeId}/chunks/{its sequence}");
    }
    if (chunk.firstSampleIndex() < 0) {
      throw Rejection.invalid(
          "invalid_first_sample_index",
          "firstSampleIndex " + chunk.firstSampleIndex() + " must be >= 0");
    }
    int samples = chunk.sampleCount();
    if (samples == 0) {
      throw Rejection.invalid(
          "empty_chunk", "the chunk has no samples: send at least one sample per chunk");
    }
    if (chunk.captureWallMicrosCount() != samples) {
      throw columnMismatch("captureWallMicros", chunk.captureWallMicrosCount(), samples);
    }
    ChunkView.Columns state = chunk.state();
    ChunkView.Columns action = chunk.action();
    if (state.count() == 0) {
      throw Rejection.invalid(
          "joint_count_mismatch", "state has no joints: send one column per manifest joint");
    }
    if (shape.known() && state.count() != shape.state()) {
      throw Rejection.invalid(
          "joint_count_mismatch",
          "state has "
              + state.count()
              + " joint columns but the manifest declares "
              + shape.state()
              + " joints");
    }
    if (shape.known() && action.count() != 0 && action.count() != shape.action()) {
      throw Rejection.invalid(
          "joint_count_mismatch",
          "action has "
              + action.count()
              + " columns but the manifest declares "
              + shape.action()
              + " (actionJoints, or joints when actionJoints is empty): send one column per"
              + " declared action joint, or none");
    }
    checkColumns("state", state, samples);
    checkColumns("action", action, samples);
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < samples; i++) {
      long t = chunk.captureMonoNanos(i);
      if (i > 0 && t <= previous) {
        throw Rejection.invalid(
            "non_monotonic_timestamps",
            "captureMonoNanos must strictly increase, but sample "
                + i
                + " ("
                + t
                + ") is not after sample "
                + (i - 1)
                + " ("
                + previous
                + ")");
      }
      previous = t;
    }
  }

  private static void checkColumns(String name, ChunkView.Columns columns, int samples) {
    for (int j = 0; j < columns.count(); j++) {
      int length = columns.length(j);
      if (length != samples) {
        throw columnMismatch(name + "[" + j + "]", length, samples);
      }
      for (int i = 0; i < samples; i++) {
        float value = columns.value(j, i);
        if (!Float.isFinite(value)) {
          throw Rejection.invalid(
              "non_finite_value",
              name + "[" + j + "][" + i + "] is " + value + ": values must be finite");
        }
      }
    }
  }

  private static Rejection columnMismatch(String column, int size, int samples) {
    return Rejection.invalid(
        "column_length_mismatch",
        column
            + " has "
            + size
            + " values but captureMonoNanos has "
            + samples
            + ": every column needs one value per sample");
  }

  /**
   * @param manifestCameras the manifest's camera keys when known, else null
   */
  public static void validateVideo(
      String episodeId,
      String pathCameraKey,
      String siteId,
      VideoSegment video,
      Set<String> manifestCameras) {
    requireSameEpisode(episodeId, video.getEpisodeId());
    if (!pathCameraKey.equals(video.getCameraKey())) {
      throw Rejection.invalid(
          "camera_key_mismatch",
          "the path says camera '"
              + pathCameraKey
              + "' but the body says '"
              + truncate(video.getCameraKey())
              + "'");
    }
    if (manifestCameras != null && !manifestCameras.contains(pathCameraKey)) {
      throw Rejection.invalid(
          "unknown_camera",
          "camera '" + pathCameraKey + "' is not in the episode's manifest " + manifestCameras);
    }
    String expectedKey = VideoKeys.objectKey(siteId, episodeId, pathCameraKey);
    if (!expectedKey.equals(video.getObjectKey())) {
      throw Rejection.invalid(
          "object_key_mismatch",
          "objectKey '"
              + truncate(video.getObjectKey())
              + "' is not this episode's key for camera '"
              + pathCameraKey
              + "': upload to the URL from the manifest answer and send objectKey '"
              + expectedKey
              + "'");
    }
    if (video.getSizeBytes() <= 0) {
      throw Rejection.invalid(
          "invalid_size", "sizeBytes " + video.getSizeBytes() + " must be the object's size (> 0)");
    }
    if (!SHA256_HEX.matcher(video.getSha256()).matches()) {
      throw Rejection.invalid(
          "invalid_sha256", "sha256 must be 64 lower-case hex characters of the file's SHA-256");
    }
    if (video.getFrameCount() < 0 || video.getLastFrameMicros() < video.getFirstFrameMicros()) {
      throw Rejection.invalid(
          "invalid_frame_range", "frameCount must be >= 0 and lastFrameMicros >= firstFrameMicros");
    }
  }

  /**
   * @param manifestCameras the manifest's camera keys when known, else null
   */
  public static void validateCommit(
      String episodeId, EpisodeCommit commit, Set<String> manifestCameras) {
    requireSameEpisode(episodeId, commit.getEpisodeId());
    if (commit.getChunkCount() < 0 || commit.getSampleCount() < 0) {
      throw Rejection.invalid(
          "invalid_counts",
          "chunkCount ("
              + commit.getChunkCount()
              + ") and sampleCount ("
              + commit.getSampleCount()
              + ") must be >= 0");
    }
    if (commit.getSampleCount() < commit.getChunkCount()) {
      throw Rejection.invalid(
          "invalid_counts",
          "sampleCount "
              + commit.getSampleCount()
              + " is below chunkCount "
              + commit.getChunkCount()
              + ": every chunk has at least one sample");
    }
    if (!SHA256_HEX.matcher(commit.getContentSha256()).matches()) {
      throw Rejection.invalid(
          "invalid_sha256",
          "contentSha256 must be 64 lower-case hex characters (dev.tributary.schema.JointContentHash)");
    }
    for (Map.Entry<String, Integer> e : commit.getVideoFrameCounts().entrySet()) {
      requireCameraKeyInBody(e.getKey());
      if (e.getValue() < 0) {
        throw Rejection.invalid(
            "invalid_counts", "videoFrameCounts[" + e.getKey() + "] must be >= 0");
      }
    }
    if (manifestCameras != null && !manifestCameras.equals(commit.getVideoFrameCounts().keySet())) {
      throw Rejection.invalid(
          "video_frame_counts_mismatch",
          "videoFrameCounts has cameras "
              + commit.getVideoFrameCounts().keySet()
              + " but the manifest declares "
              + manifestCameras
              + ": give one frame count per manifest camera");
    }
  }

  private static void requireCameraKeyInBody(String key) {
    if (!CAMERA_KEY.matcher(key).matches() || key.equals(".") || key.equals("..")) {
      throw Rejection.invalid(
          "invalid_camera_key",
          "camera key '"
              + truncate(key)
              + "' may only contain letters, digits, '.', '_' and '-' (1-128 characters)");
    }
  }

  private static void requireSameEpisode(String pathEpisodeId, String bodyEpisodeId) {
    if (!pathEpisodeId.equals(bodyEpisodeId)) {
      throw Rejection.invalid(
          "episode_id_mismatch",
          "the path names episode "
              + pathEpisodeId
              + " but the body names '"
              + truncate(bodyEpisodeId)
              + "': send each record to its own episode's URL");
    }
  }

  private static String truncate(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
