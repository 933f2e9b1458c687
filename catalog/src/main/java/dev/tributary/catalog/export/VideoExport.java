package dev.tributary.catalog.export;

import dev.tributary.media.ConstantRateVideoWriter;
import dev.tributary.media.FrameRateConverter;
import dev.tributary.media.MediaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes each camera's episodes into {@code videos/<key>/chunk-XXX/file-YYY.mp4} so that LeRobot
 * finds, for every row, a frame at {@code from_timestamp + frame_index / fps} (rule 28 of {@code
 * docs/lerobot-format-rules.md}): every episode becomes exactly {@code length} frames on the
 * dataset's grid, in one encoding per camera.
 *
 * <p>Per episode and camera: a source already in the wanted codec, on the grid, one frame per row,
 * at the camera's size and pixel format is copied packet by packet (fast, lossless); any other is
 * decoded, re-timed onto the grid ({@link FrameRateConverter}: repeats, skips, snaps drift, holds
 * the last frame when short) and re-encoded, starting on a keyframe. Files roll over as LeRobot's
 * writer does: an episode goes to a new file when the current file plus the episode would reach
 * {@code video_files_size_in_mb}, and also when its codec configuration (extradata: SPS/PPS, AV1
 * sequence header) differs from the file's, because one MP4 track carries one configuration.
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
      EpisodeVideoProbe first = probes.get(0);
      String codec = options.videoCodec().codecName();
      int width = first.width() & ~1;
      int height = first.height() & ~1;
      String pixFmt = pixelFormat(probes, episodes, codec, fps);
      String[] why = new String[episodes.size()];
      Map<String, Integer> misfits = new LinkedHashMap<>();
      int reencoded = 0;
      for (int i = 0; i < episodes.size(); i++) {
        why[i] =
            whyReencode(probes.get(i), codec, fps, episodes.get(i).length, width, height, pixFmt);
        if (why[i] != null) {
          reencoded++;
          misfits.merge(why[i].replaceAll("\\b[0-9][0-9.]*\\b", "#"), 1, Integer::sum);
        }
      }
      if (reencoded > 0) {
        notes.add(
            featureKey
                + ": re-encoded "
                + (reencoded == episodes.size() ? "" : reencoded + " of ")
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
                + ")"
                + (reencoded == episodes.size()
                    ? ""
                    : "; copied the other " + (episodes.size() - reencoded)));
      }
      List<Span> spans = new ArrayList<>();
      List<ImageStats.Episode> stats = new ArrayList<>();
      int chunk = 0;
      int fileIndex = 0;
      int held = 0;
      int encodingBreaks = 0;
      byte[] fileEncoding = null;
      Mp4Appender appender = null;
      try {
        for (int i = 0; i < episodes.size(); i++) {
          ExportPlan.Episode e = episodes.get(i);
          boolean copy = why[i] == null;
          Path segment = inputs.get(i);
          byte[] encoding = probes.get(i).extradata();
          if (!copy) {
            segment = work.resolve(featureKey + "-" + i + ".mp4");
            held += encode(inputs.get(i), segment, options, fps, width, height, e);
            encoding = EpisodeVideoProbe.read(segment).extradata();
          }
          long size = Files.size(segment);
          if (appender != null) {
            boolean full = appender.bytes() + size >= options.videoFileBytes();
            // One MP4 track has one codec configuration: a copy and a re-encode (or copies from
            // two encoders) whose configurations differ cannot share a file.
            boolean otherEncoding = !Arrays.equals(encoding, fileEncoding);
            if (full || otherEncoding) {
              encodingBreaks += full ? 0 : 1;
              appender.finish();
              appender = null;
              int[] next = options.next(chunk, fileIndex);
              chunk = next[0];
              fileIndex = next[1];
            }
          }
          if (appender == null) {
            Path dir =
                root.resolve("videos")
                    .resolve(featureKey)
                    .resolve(String.format("chunk-%03d", chunk));
            Files.createDirectories(dir);
            appender = new Mp4Appender(dir.resolve(String.format("file-%03d.mp4", fileIndex)), fps);
            fileEncoding = encoding;
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
          stats.add(imageStats(segment, width, height, e, camera));
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
      if (encodingBreaks > 0) {
        notes.add(
            featureKey
                + ": "
                + encodingBreaks
                + " files started before video_files_size_in_mb because the next episode's codec"
                + " configuration differed from the file's (copied and re-encoded episodes)");
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

  /**
   * The camera's pixel format: the sources' own when every episode can be copied and they share
   * one, else yuv420p (what re-encodes are written in, so copies must match it).
   */
  private static String pixelFormat(
      List<EpisodeVideoProbe> probes, List<ExportPlan.Episode> episodes, String codec, int fps) {
    String first = probes.get(0).pixFmt();
    for (int i = 0; i < probes.size(); i++) {
      if (probes.get(i).misfit(codec, fps, episodes.get(i).length) != null
          || !probes.get(i).pixFmt().equals(first)) {
        return "yuv420p";
      }
    }
    return first;
  }

  /** Why an episode's video must be re-encoded, or {@code null} when it can be copied as is. */
  private static String whyReencode(
      EpisodeVideoProbe p,
      String codec,
      int fps,
      long length,
      int width,
      int height,
      String pixFmt) {
    String why = p.misfit(codec, fps, length);
    if (why == null && (p.width() != width || p.height() != height || !p.pixFmt().equals(pixFmt))) {
      why = p.width() + "x" + p.height() + " " + p.pixFmt() + ", not the camera's format";
    }
    return why;
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
