package dev.tributary.recorder.lerobot;

import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolFullException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Imports a LeRobotDataset folder ({@code lerobot-record} output, v3.0 or v2.1) into the spool: one
 * Tributary episode per LeRobot episode with its joints bit for bit and one MP4 per camera. The
 * version-specific part is reading the metadata ({@link V3Layout}, {@link V21Layout}); the rest is
 * {@link EpisodeImporter}. Episode ids derive from the site and the joint content, so importing the
 * same folder twice spools nothing new.
 */
public final class LeRobotImporter {
  private final String siteId;
  private final String rigId;
  private final FeatureKeys keys;

  public LeRobotImporter(String siteId, String rigId) {
    this(siteId, rigId, FeatureKeys.AUTO);
  }

  /**
   * @param keys which columns hold state and action when the dataset does not use LeRobot's keys
   */
  public LeRobotImporter(String siteId, String rigId, FeatureKeys keys) {
    this.siteId = siteId;
    this.rigId = rigId;
    this.keys = keys;
  }

  /**
   * Imports every episode. A dataset that ships no video file at all for a camera (the published
   * sample, a folder copied without {@code videos/}) is imported joints-only with a note; any other
   * missing or unusable video fails that episode with a one-line reason.
   *
   * @throws ImportException when the folder is not a readable LeRobotDataset of a supported version
   */
  public ImportReport importInto(Path root, Spool spool)
      throws ImportException, SpoolFullException {
    DatasetInfo info = DatasetInfo.read(root, keys);
    DatasetLayout layout = DatasetLayout.of(info);
    List<EpisodeRef> episodes = layout.episodes();
    List<String> notes = new ArrayList<>(info.notes());
    notes.addAll(totalsDisagreement(info, episodes));
    Set<String> absent = absentCameras(info, episodes);
    if (!absent.isEmpty()) {
      notes.add("video files absent for " + absent + ": episodes imported with joints only");
    }
    EpisodeImporter importer = new EpisodeImporter(info, layout.tasks(), absent, siteId, rigId);
    List<ImportReport.Imported> imported = new ArrayList<>();
    List<String> already = new ArrayList<>();
    List<ImportReport.Failed> failed = new ArrayList<>();
    for (EpisodeRef ref : episodes) {
      try {
        EpisodeImporter.Outcome outcome = importer.importEpisode(ref, spool);
        if (outcome.alreadySpooled()) {
          already.add(outcome.episode().episodeId());
        } else {
          imported.add(outcome.episode());
        }
      } catch (ImportException e) {
        failed.add(new ImportReport.Failed(ref.index(), e.getMessage()));
      } catch (IOException | RuntimeException e) {
        failed.add(new ImportReport.Failed(ref.index(), ImportException.oneLine(e.getMessage())));
      }
    }
    return new ImportReport(imported, already, failed, notes);
  }

  /**
   * Lines naming each declared total that the episode metadata does not add up to (a trimmed copy,
   * an interrupted recording): the episodes are imported as the files hold them.
   */
  static List<String> totalsDisagreement(DatasetInfo info, List<EpisodeRef> episodes) {
    List<String> out = new ArrayList<>();
    if (info.totalEpisodes() >= 0 && info.totalEpisodes() != episodes.size()) {
      out.add(
          "meta/info.json declares total_episodes "
              + info.totalEpisodes()
              + " but the episode metadata lists "
              + episodes.size()
              + ": importing the episodes listed");
    }
    long frames = 0;
    for (EpisodeRef ref : episodes) {
      if (ref.length() < 0) {
        return out; // lengths not declared: nothing to compare
      }
      frames += ref.length();
    }
    if (info.totalFrames() >= 0 && info.totalFrames() != frames) {
      out.add(
          "meta/info.json declares total_frames "
              + info.totalFrames()
              + " but the episodes listed hold "
              + frames
              + ": importing the frames the files hold");
    }
    return out;
  }

  /** Cameras for which not one of the episodes' video files exists. */
  static Set<String> absentCameras(DatasetInfo info, List<EpisodeRef> episodes) {
    Set<String> absent = new LinkedHashSet<>();
    for (String key : info.cameraKeys()) {
      boolean any = false;
      for (EpisodeRef ref : episodes) {
        EpisodeRef.VideoRef video = ref.videos().get(key);
        if (video != null && Files.exists(video.file())) {
          any = true;
          break;
        }
      }
      if (!any) {
        absent.add(key);
      }
    }
    return absent;
  }
}
