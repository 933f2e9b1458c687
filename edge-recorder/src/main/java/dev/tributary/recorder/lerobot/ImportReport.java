package dev.tributary.recorder.lerobot;

import java.util.List;

/**
 * What an import did.
 *
 * @param imported episodes newly written to the spool
 * @param alreadySpooled episodes found in the spool from an earlier import (same content)
 * @param failed episodes that could not be imported, with the reason
 * @param notes dataset-level remarks (e.g. videos absent: joints only)
 */
public record ImportReport(
    List<Imported> imported, List<String> alreadySpooled, List<Failed> failed, List<String> notes) {

  /**
   * One imported episode.
   *
   * @param videos camera videos spooled with it
   * @param videoMethods per camera, how its video was produced (e.g. "copied", "re-encoded")
   */
  public record Imported(
      long episodeIndex,
      String episodeId,
      int samples,
      String contentSha256,
      int videos,
      List<String> videoMethods) {}

  /** One episode that could not be imported. */
  public record Failed(long episodeIndex, String reason) {}
}
