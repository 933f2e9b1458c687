package dev.tributary.catalog.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one concatenated MP4 per camera ({@code videos/observation.images.<camera>/chunk-000/
 * file-000.mp4}) from the episodes' video objects, in episode order, and returns each episode's
 * from/to timestamps in it. Every episode must have the same cameras and every object must be
 * present: a dataset whose video spans point at the wrong episode is worse than none.
 */
final class VideoExport {
  private VideoExport() {}

  /** One camera of the export: its LeRobot feature key, video facts and per-episode spans. */
  record Camera(
      String featureKey, Mp4Concatenator.VideoInfo info, List<Mp4Concatenator.Span> spans) {}

  static List<Camera> write(ExportPlan plan, VideoSource source, Path root, ExportProgress progress)
      throws IOException {
    List<ExportPlan.Episode> episodes = plan.episodes();
    List<String> cameras = episodes.get(0).cameraKeys;
    if (cameras.isEmpty()) {
      return List.of();
    }
    for (ExportPlan.Episode e : episodes) {
      if (!e.cameraKeys.equals(cameras) || e.videoKeys.size() != cameras.size()) {
        throw new ExportException(
            "episode "
                + e.episodeId
                + " has cameras "
                + e.cameraKeys
                + " and "
                + e.videoKeys.size()
                + " video keys, the first episode "
                + cameras
                + "; a LeRobot dataset has one camera set: export joints only or filter the set");
      }
    }
    List<Camera> out = new ArrayList<>();
    for (int c = 0; c < cameras.size(); c++) {
      String featureKey = featureKey(cameras.get(c));
      List<Path> inputs = new ArrayList<>();
      for (ExportPlan.Episode e : episodes) {
        String key = e.videoKeys.get(c);
        Path file = source.locate(key);
        if (file == null) {
          throw new ExportException(
              "video object "
                  + key
                  + " of episode "
                  + e.episodeId
                  + " is missing from the object store; export joints only or restore it");
        }
        inputs.add(file);
      }
      Path dir = root.resolve("videos").resolve(featureKey).resolve("chunk-000");
      Files.createDirectories(dir);
      progress.update("videos", c, cameras.size());
      Mp4Concatenator.Result result;
      try {
        result = Mp4Concatenator.concatenate(inputs, dir.resolve("file-000.mp4"));
      } catch (IOException e) {
        throw new ExportException(
            "cannot concatenate the " + cameras.get(c) + " videos: " + e.getMessage(), e);
      }
      out.add(new Camera(featureKey, result.info(), result.spans()));
      progress.update("videos", c + 1L, cameras.size());
    }
    return out;
  }

  /**
   * The LeRobot feature key of a camera: recorders that follow LeRobot already name cameras {@code
   * observation.images.<role>}; bare names get the prefix.
   */
  static String featureKey(String cameraKey) {
    String prefix = "observation.images.";
    return cameraKey.startsWith(prefix) ? cameraKey : prefix + cameraKey;
  }
}
