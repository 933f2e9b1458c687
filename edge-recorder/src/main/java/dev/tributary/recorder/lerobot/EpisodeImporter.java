package dev.tributary.recorder.lerobot;

import dev.tributary.media.MediaException;
import dev.tributary.media.Mp4SegmentCutter;
import dev.tributary.recorder.spool.EpisodeWriter;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolFullException;
import dev.tributary.schema.CameraSpec;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;

/**
 * The version-independent core of a LeRobot import: turns one {@link EpisodeRef} into one spool
 * episode (joints bit for bit, one MP4 per camera, SYNTHETIC timestamps). Videos are cut (v3) or
 * copied (v2.1) into a staging folder before the spool episode is opened, so a video that cannot be
 * produced leaves nothing in the spool.
 */
final class EpisodeImporter {
  /** A camera's segment may differ from the episode's length by this many frames. */
  static final int FRAME_TOLERANCE = 1;

  private static final String[] SO101 = {
    "shoulder_pan.pos",
    "shoulder_lift.pos",
    "elbow_flex.pos",
    "wrist_flex.pos",
    "wrist_roll.pos",
    "gripper.pos"
  };

  /** What happened to one episode. */
  record Outcome(ImportReport.Imported episode, boolean alreadySpooled) {}

  private final DatasetInfo info;
  private final Map<Long, String> tasks;
  private final Set<String> absentCameras;
  private final String siteId;
  private final String rigId;
  private final Map<Path, List<Group>> dataRows = new HashMap<>();

  /**
   * @param absentCameras cameras whose videos the dataset does not have at all (imported joints
   *     only); any other camera's missing video makes the episode incomplete
   */
  EpisodeImporter(
      DatasetInfo info,
      Map<Long, String> tasks,
      Set<String> absentCameras,
      String siteId,
      String rigId) {
    this.info = info;
    this.tasks = tasks;
    this.absentCameras = absentCameras;
    this.siteId = siteId;
    this.rigId = rigId;
  }

  Outcome importEpisode(EpisodeRef ref, Spool spool)
      throws ImportException, SpoolFullException, IOException {
    List<Group> frames = frames(ref);
    String task = ref.task() != null ? ref.task() : taskOf(frames.get(0));
    long anchor = Files.getLastModifiedTime(ref.dataFile()).to(TimeUnit.MICROSECONDS);
    JointFrames joints = JointFrames.of(frames, info, anchor);
    String episodeId =
        UUID.nameUUIDFromBytes(
                ("lerobot/" + siteId + "/" + info.robotType() + "/" + joints.contentSha256)
                    .getBytes(StandardCharsets.UTF_8))
            .toString();
    if (spool.contains(episodeId)) {
      return new Outcome(
          new ImportReport.Imported(
              ref.index(), episodeId, joints.samples, joints.contentSha256, 0, List.of()),
          true);
    }
    Path staging = Files.createTempDirectory("tributary-lerobot-import-");
    try {
      Map<String, Mp4SegmentCutter.Segment> videos = stageVideos(ref, joints.samples, staging);
      return new Outcome(
          write(ref, spool, episodeId, task, joints, anchor, videos, staging), false);
    } finally {
      deleteTree(staging);
    }
  }

  private List<Group> frames(EpisodeRef ref) throws ImportException {
    Path file = ref.dataFile();
    String name = info.root().relativize(file).toString();
    List<Group> rows = dataRows.get(file);
    if (rows == null) {
      if (!Files.isRegularFile(file)) {
        throw new IncompleteEpisodeException("its data file " + name + " is missing");
      }
      try {
        rows = ParquetRows.readAll(file);
      } catch (IOException | RuntimeException e) {
        throw new IncompleteEpisodeException(
            "its data file "
                + name
                + " is unreadable or still being written ("
                + e.getMessage()
                + ")");
      }
      dataRows.put(file, rows);
    }
    List<Group> frames = new ArrayList<>();
    try {
      for (Group row : rows) {
        if (ParquetRows.getLong(row, "episode_index") == ref.index()) {
          frames.add(row);
        }
      }
      frames.sort(Comparator.comparingLong(r -> ParquetRows.getLong(r, "frame_index")));
    } catch (RuntimeException e) {
      throw new ImportException(name + " has malformed rows: " + e.getMessage());
    }
    if (frames.isEmpty()) {
      throw new IncompleteEpisodeException(
          "no rows with episode_index " + ref.index() + " in " + name);
    }
    if (ref.length() >= 0 && frames.size() < ref.length()) {
      throw new IncompleteEpisodeException(
          name + " holds " + frames.size() + " of the episode's " + ref.length() + " rows");
    }
    if (ref.length() >= 0 && frames.size() > ref.length()) {
      throw new ImportException(
          name + " holds " + frames.size() + " rows but the metadata says " + ref.length());
    }
    return frames;
  }

  private String taskOf(Group firstFrame) {
    if (!ParquetRows.has(firstFrame, "task_index")) {
      return "";
    }
    return tasks.getOrDefault(ParquetRows.getLong(firstFrame, "task_index"), "");
  }

  /** Produces each camera's MP4 in {@code staging}; returns what was produced, per camera. */
  private Map<String, Mp4SegmentCutter.Segment> stageVideos(
      EpisodeRef ref, int samples, Path staging) throws ImportException {
    Map<String, Mp4SegmentCutter.Segment> out = new LinkedHashMap<>();
    for (String key : info.cameraKeys()) {
      if (absentCameras.contains(key)) {
        continue;
      }
      EpisodeRef.VideoRef video = ref.videos().get(key);
      if (video == null) {
        throw new IncompleteEpisodeException("the metadata has no video entry for " + key);
      }
      String name = info.root().relativize(video.file()).toString();
      if (!Files.isRegularFile(video.file())) {
        throw new IncompleteEpisodeException("video file " + name + " (" + key + ") is missing");
      }
      Path target = staging.resolve(key + ".mp4");
      Mp4SegmentCutter.Segment segment;
      try {
        if (video.wholeFile()) {
          Files.copy(video.file(), target);
          segment = Mp4SegmentCutter.probe(target);
        } else {
          segment =
              Mp4SegmentCutter.cut(
                  video.file(), video.fromSeconds(), video.toSeconds(), info.fps(), target);
        }
      } catch (MediaException | IOException e) {
        String reason = name + " (" + key + "): " + e.getMessage();
        if (e.getMessage() != null && e.getMessage().contains("cannot decode")) {
          throw new ImportException(reason);
        }
        throw new IncompleteEpisodeException(reason);
      }
      if (segment.frames() < samples - FRAME_TOLERANCE) {
        throw new IncompleteEpisodeException(
            String.format(
                "%s (%s) has %d frame(s) for this %d-frame episode%s",
                name,
                key,
                segment.frames(),
                samples,
                video.wholeFile()
                    ? ""
                    : String.format(
                        " in [%.3f s, %.3f s)", video.fromSeconds(), video.toSeconds())));
      }
      if (segment.frames() > samples + FRAME_TOLERANCE) {
        throw new ImportException(
            String.format(
                "%s (%s) has %d frames for this %d-frame episode (tolerance %d)",
                name, key, segment.frames(), samples, FRAME_TOLERANCE));
      }
      out.put(key, segment);
    }
    return out;
  }

  private ImportReport.Imported write(
      EpisodeRef ref,
      Spool spool,
      String episodeId,
      String task,
      JointFrames joints,
      long anchor,
      Map<String, Mp4SegmentCutter.Segment> videos,
      Path staging)
      throws SpoolFullException, IOException {
    List<CameraSpec> cameras = new ArrayList<>();
    videos.forEach(
        (key, s) ->
            cameras.add(
                new CameraSpec(
                    key, role(key), s.width(), s.height(), (float) info.fps(), s.codec())));
    EpisodeManifest manifest =
        EpisodeManifest.newBuilder()
            .setEpisodeId(episodeId)
            .setSiteId(siteId)
            .setRigId(rigId)
            .setRobotType(info.robotType())
            .setJoints(specs(info.state().names(), joints.state))
            .setActionJoints(actionSpecs(joints))
            .setCameras(cameras)
            .setTask(task)
            .setRecorderVersion("tributary-edge-recorder/0.1.0 lerobot-import")
            .setStartedAtMicros(anchor)
            .setTimestampSource(joints.timestampSource)
            .setJointRateHz((float) info.fps())
            .setSource(info.layout() == DatasetInfo.Layout.V3 ? "lerobot-v3" : "lerobot-v2.1")
            .build();
    EpisodeWriter writer = spool.startEpisode(manifest);
    try {
      int chunkSamples = Math.max(1, (int) Math.round(info.fps()));
      int sequence = 0;
      for (int from = 0; from < joints.samples; from += chunkSamples) {
        writer.appendChunk(
            joints.chunk(
                episodeId, sequence++, from, Math.min(joints.samples, from + chunkSamples)));
      }
      List<String> methods = new ArrayList<>();
      for (var entry : videos.entrySet()) {
        String key = entry.getKey();
        int frames = entry.getValue().frames();
        Files.move(
            staging.resolve(key + ".mp4"),
            writer.partialVideoFile(key),
            StandardCopyOption.REPLACE_EXISTING);
        writer.addVideo(
            key, frames, anchor, anchor + Math.round(Math.max(0, frames - 1) / info.fps() * 1e6));
        methods.add(
            key
                + ": "
                + (ref.videos().get(key).wholeFile()
                    ? "copied"
                    : entry.getValue().method() == Mp4SegmentCutter.Method.STREAM_COPY
                        ? "cut (stream copy)"
                        : "re-encoded to h264"));
      }
      EpisodeCommit commit = writer.finish(anchor + (long) (joints.samples / info.fps() * 1e6));
      return new ImportReport.Imported(
          ref.index(),
          episodeId,
          commit.getSampleCount(),
          commit.getContentSha256().toString(),
          videos.size(),
          methods);
    } catch (IOException | RuntimeException e) {
      for (String key : videos.keySet()) {
        Files.deleteIfExists(writer.partialVideoFile(key));
      }
      // Regenerable from the dataset: drop the unfinished episode instead of salvaging it.
      writer.discard();
      throw e;
    }
  }

  /** "observation.images.front" -> "front". */
  static String role(String cameraKey) {
    int dot = cameraKey.lastIndexOf('.');
    return dot < 0 ? cameraKey : cameraKey.substring(dot + 1);
  }

  /**
   * SO-100 datasets name joints {@code main_shoulder_pan} etc.; SO-101 uses {@code
   * shoulder_pan.pos}.
   */
  static String canonical(String name) {
    String base = name.startsWith("main_") ? name.substring(5) : name;
    for (String so101 : SO101) {
      if (so101.equals(base) || so101.equals(base + ".pos")) {
        return so101;
      }
    }
    return name;
  }

  private List<JointSpec> specs(List<String> names, float[][] values) {
    // SO-100's main_* names become SO-101's only on those arms (a CR5's "gripper" stays as is).
    List<String> aliased = names.stream().map(EpisodeImporter::canonical).toList();
    List<String> canonical = JointUnits.isBusServoArm(info.robotType(), aliased) ? aliased : names;
    List<String> units = JointUnits.of(info.robotType(), canonical, values);
    List<JointSpec> out = new ArrayList<>(names.size());
    for (int j = 0; j < names.size(); j++) {
      out.add(new JointSpec(canonical.get(j), units.get(j)));
    }
    return out;
  }

  /** The action's own columns; null when it shares the state's names (then its units too). */
  private List<JointSpec> actionSpecs(JointFrames joints) {
    if (info.action() == null || info.action().names().equals(info.state().names())) {
      return null;
    }
    return specs(info.action().names(), joints.action);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: a leftover folder in the temp directory harms nothing.
    }
  }
}
