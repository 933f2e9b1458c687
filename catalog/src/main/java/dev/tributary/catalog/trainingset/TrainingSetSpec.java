package dev.tributary.catalog.trainingset;

import dev.tributary.schema.config.Configs;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a training set is made of: filters, a target size and the per-group cap. Empty filter lists
 * mean "any". Saved with the set, so a rebuild applies exactly the same rules.
 *
 * @param name unique, {@code [a-z0-9][a-z0-9._-]*}, at most 64 characters
 * @param robotTypes keep episodes of these robot types
 * @param tasks keep episodes with these task texts (exact match)
 * @param sites keep episodes of these sites
 * @param startedFrom keep episodes started at or after this instant ({@code null}: no bound)
 * @param startedBefore keep episodes started before this instant ({@code null}: no bound)
 * @param statuses admitted statuses; REJECTED and DUPLICATE are never admitted
 * @param excludedFlags drop episodes carrying any of these reasons (e.g. {@code camera_frozen})
 * @param minQuality drop episodes whose {@code quality_score} is below (or missing, when set)
 * @param targetSize N, the number of episodes wanted
 * @param capPerGroup at most this many episodes per (scene, task) group; scene = site for now
 * @param fps keep episodes at this joint rate ({@code null}: any; a set that still mixes rates is
 *     refused at build with the rates found)
 * @param cameras keep episodes that have all these cameras; the export then writes only these
 *     (empty: any, but every episode must have the same cameras)
 * @param resampleFps export every episode at this fps whatever its joint rate ({@code
 *     --resample-fps}): joints interpolated, videos re-timed (see the catalog README); {@code
 *     null}: no conversion, so the set must have one rate. Unlike {@code fps} it keeps episodes, it
 *     does not filter them
 */
public record TrainingSetSpec(
    String name,
    List<String> robotTypes,
    List<String> tasks,
    List<String> sites,
    Instant startedFrom,
    Instant startedBefore,
    List<String> statuses,
    List<String> excludedFlags,
    Double minQuality,
    int targetSize,
    int capPerGroup,
    Integer fps,
    List<String> cameras,
    Integer resampleFps) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /** Default admitted statuses. */
  public static final List<String> GOOD_STATUSES = List.of("ACCEPTED", "ACCEPTED_WITH_FLAGS");

  /** Lin et al. (2024): generalisation saturates around 50 demonstrations per environment. */
  public static final int DEFAULT_CAP_PER_GROUP = 50;

  public TrainingSetSpec {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new TrainingSetException(
          "training-set name '"
              + name
              + "' is invalid: use 1-64 of a-z, 0-9, '.', '_', '-' starting with a letter or digit");
    }
    if (targetSize < 1) {
      throw new TrainingSetException("target size must be at least 1, got " + targetSize);
    }
    if (capPerGroup < 1) {
      throw new TrainingSetException("cap per group must be at least 1, got " + capPerGroup);
    }
    robotTypes = List.copyOf(robotTypes == null ? List.of() : robotTypes);
    tasks = List.copyOf(tasks == null ? List.of() : tasks);
    sites = List.copyOf(sites == null ? List.of() : sites);
    statuses = List.copyOf(statuses == null || statuses.isEmpty() ? GOOD_STATUSES : statuses);
    for (String status : statuses) {
      if (status.equals("REJECTED") || status.equals("DUPLICATE")) {
        throw new TrainingSetException(
            "status "
                + status
                + " cannot be admitted to a training set; use ACCEPTED and/or"
                + " ACCEPTED_WITH_FLAGS");
      }
    }
    excludedFlags = List.copyOf(excludedFlags == null ? List.of() : excludedFlags);
    cameras = List.copyOf(cameras == null ? List.of() : cameras);
    if (fps != null && fps < 1) {
      throw new TrainingSetException("fps must be at least 1, got " + fps);
    }
    if (resampleFps != null && resampleFps < 1) {
      throw new TrainingSetException("resample fps must be at least 1, got " + resampleFps);
    }
    if (startedFrom != null && startedBefore != null && !startedFrom.isBefore(startedBefore)) {
      throw new TrainingSetException(
          "time range is empty: from " + startedFrom + " is not before " + startedBefore);
    }
  }

  /** Without the fps and camera filters (any rate, any camera set, as long as it is one). */
  public TrainingSetSpec(
      String name,
      List<String> robotTypes,
      List<String> tasks,
      List<String> sites,
      Instant startedFrom,
      Instant startedBefore,
      List<String> statuses,
      List<String> excludedFlags,
      Double minQuality,
      int targetSize,
      int capPerGroup) {
    this(
        name,
        robotTypes,
        tasks,
        sites,
        startedFrom,
        startedBefore,
        statuses,
        excludedFlags,
        minQuality,
        targetSize,
        capPerGroup,
        null,
        null,
        null);
  }

  /** The same spec keeping only episodes at {@code newFps} with all of {@code newCameras}. */
  public TrainingSetSpec withFormat(Integer newFps, List<String> newCameras) {
    return Configs.with(Configs.with(this, "fps", newFps), "cameras", newCameras);
  }

  /**
   * The same spec exported at {@code newResampleFps} whatever the episodes' joint rates ({@code
   * null}: no conversion).
   */
  public TrainingSetSpec withResampleFps(Integer newResampleFps) {
    return Configs.with(this, "resampleFps", newResampleFps);
  }

  /** All filters open, default statuses and cap: N episodes under {@code name}. */
  public static TrainingSetSpec of(String name, int targetSize) {
    return new TrainingSetSpec(
        name, null, null, null, null, null, null, null, null, targetSize, DEFAULT_CAP_PER_GROUP);
  }
}
