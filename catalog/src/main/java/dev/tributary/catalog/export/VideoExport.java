package dev.tributary.catalog.export;

import dev.tributary.media.ConstantRateVideoWriter;
import dev.tributary.media.FrameRateConverter;
import dev.tributary.media.MediaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes each camera's episodes into {@code videos/<key>/chunk-XXX/file-YYY.mp4} so that LeRobot
 * finds, for every row, a frame at {@code from_timestamp + frame_index / fps} (rule 28 of {@code
 * docs/lerobot-format-rules.md}): every episode becomes exactly {@code length} frames on the
 * dataset's grid, in one encoding per camera.
 *
 * <p>Per camera: when every source is already in the wanted codec, on the grid, one frame per row,
 * with one shared configuration, the packets are copied (fast, lossless). Otherwise every episode
 * is decoded, re-timed onto the grid ({@link FrameRateConverter}: repeats, skips, snaps drift,
 * holds the last frame when short) and re-encoded, each episode starting on a keyframe. Files roll
 * over as LeRobot's writer does: an episode goes to a new file when the current file plus the
 * episode would reach {@code video_files_size_in_mb}.
 */
final class VideoExport {
  private VideoExport() {}

  /** Where one episode sits in a camera's files. */
  record Span(int chunk, int file, double fromTimestamp, double toTimestamp) {}

  /** What info.json needs about a camera's video. */
  record VideoInfo(int width, int height, String codec, String pixFmt, int fps) {}

  /**
   * One camera of the export: its LeRobot feature key, video facts, per-episode spans and
   * per-episode image statistics ({@link ImageStats}).
   */
  record Camera(
      String featureKey, VideoInfo info, List<Span> spans, List<ImageStats.Episode> stats) {}

  /** Cameras written and dataset-level notes (what was re-encoded, padded). */
  record Result(List<Camera> cameras, List<String> notes) {}

  static Result write(
      ExportPlan plan,
      VideoSource source,
      Path root,
      ExportOptions options,
      ExportProgress progress)
      throws IOException {
    List<ExportPlan.Episode> episodes = plan.episodes();
    List<String> cameras = plan.cameraKeys();
    List<Camera> out = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (cameras.isEmpty()) {
      return new Result(out, notes);
    }
    int fps = plan.integerFps();
    long total = (long) cameras.size() * episodes.size();
    long done = 0;
    Path work = root.resolve(".work");
    Files.createDirectories(work);
    for (int c = 0; c < cameras.size(); c++) {
      String camera = cameras.get(c);
      String featureKey = featureKey(camera);
      List<Path> inputs = new ArrayList<>();
      List<EpisodeVideoProbe> probes = new ArrayList<>();
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
        try {
          probes.add(EpisodeVideoProbe.read(file));
        } catch (IOException ex) {
          throw new ExportException(
              "cannot read video " + key + " of episode " + e.episodeId + ": " + ex.getMessage(),
              ex);
        }
      }
      Map<String, Integer> misfits = new LinkedHashMap<>();
      EpisodeVideoProbe first = probes.get(0);
      for (int i = 0; i < episodes.size(); i++) {
        String why =
            probes.get(i).misfit(options.videoCodec().codecName(), fps, episodes.get(i).length);
        if (why == null && !probes.get(i).sameEncodingAs(first)) {
          why = "encoded differently from the camera's first episode";
        }
        if (why != null) {
          misfits.merge(why.replaceAll("\\b[0-9][0-9.]*\\b", "#"), 1, Integer::sum);
        }
      }
      boolean copy = misfits.isEmpty();
      int width = first.width() & ~1;
      int height = first.height() & ~1;
      String pixFmt = copy ? first.pixFmt() : "yuv420p";
      String codec = copy ? first.codec() : options.videoCodec().codecName();
      if (!copy) {
        notes.add(
            featureKey
                + ": re-encoded "
                + episodes.size()
                + " episodes to "
                + codec
                + " at "
                + fps
                + " fps "
                + width
                + "x"
                + height
                + " (sources: "
                + misfits
                + ")");
      }
      List<Span> spans = new ArrayList<>();
      List<ImageStats.Episode> stats = new ArrayList<>();
      int chunk = 0;
      int fileIndex = 0;
      int held = 0;
      Mp4Appender appender = null;
      try {
        for (int i = 0; i < episodes.size(); i++) {
          ExportPlan.Episode e = episodes.get(i);
          Path segment = inputs.get(i);
          if (!copy) {
            segment = work.resolve(featureKey + "-" + i + ".mp4");
            held += encode(inputs.get(i), segment, options, fps, width, height, e);
          }
          long size = Files.size(segment);
          if (appender != null && appender.bytes() + size >= options.videoFileBytes()) {
            appender.finish();
            appender = null;
            int[] next = options.next(chunk, fileIndex);
            chunk = next[0];
            fileIndex = next[1];
          }
          if (appender == null) {
            Path dir =
                root.resolve("videos")
                    .resolve(featureKey)
                    .resolve(String.format("chunk-%03d", chunk));
            Files.createDirectories(dir);
            appender = new Mp4Appender(dir.resolve(String.format("file-%03d.mp4", fileIndex)), fps);
          }
          long before = appender.frames();
          long appended;
          try {
            appended = appender.append(segment);
          } catch (IOException ex) {
            throw new ExportException(
                "cannot copy the "
                    + camera
                    + " video of episode "
                    + e.episodeId
                    + ": "
                    + ex.getMessage(),
                ex);
          }
          if (appended != e.length) {
            throw new ExportException(
                "the "
                    + camera
                    + " video of episode "
                    + e.episodeId
                    + " gave "
                    + appended
                    + " frames for "
                    + e.length
                    + " rows");
          }
          spans.add(
              new Span(chunk, fileIndex, before / (double) fps, appender.frames() / (double) fps));
          stats.add(
              imageStats(
                  segment,
                  copy ? probes.get(i).width() & ~1 : width,
                  copy ? probes.get(i).height() & ~1 : height,
                  e,
                  camera));
          if (!copy) {
            Files.deleteIfExists(segment);
          }
          progress.update("videos", ++done, total);
        }
        appender.finish();
      } finally {
        if (appender != null) {
          appender.close();
        }
      }
      if (held > 0) {
        notes.add(
            featureKey
                + ": "
                + held
                + " frames past the end of shorter videos repeat the episode's last frame");
      }
      out.add(
          new Camera(featureKey, new VideoInfo(width, height, codec, pixFmt, fps), spans, stats));
    }
    Files.deleteIfExists(work);
    return new Result(out, notes);
  }

  private static ImageStats.Episode imageStats(
      Path segment, int width, int height, ExportPlan.Episode e, String camera) {
    try {
      return ImageStats.of(segment, width, height, (int) e.length);
    } catch (MediaException ex) {
      throw new ExportException(
          "cannot sample the "
              + camera
              + " video of episode "
              + e.episodeId
              + " for image statistics: "
              + ex.getMessage(),
          ex);
    }
  }

  /** Re-times and re-encodes one episode; returns the number of held (repeated last) frames. */
  private static int encode(
      Path input,
      Path output,
      ExportOptions options,
      int fps,
      int width,
      int height,
      ExportPlan.Episode e) {
    try (ConstantRateVideoWriter writer =
        new ConstantRateVideoWriter(
            output, options.videoCodec(), width, height, fps, options.encoderThreads())) {
      FrameRateConverter.Result r = FrameRateConverter.convert(input, fps, (int) e.length, writer);
      writer.finish();
      return r.held();
    } catch (MediaException ex) {
      throw new ExportException(
          "cannot re-encode the video of episode " + e.episodeId + ": " + ex.getMessage(), ex);
    }
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
