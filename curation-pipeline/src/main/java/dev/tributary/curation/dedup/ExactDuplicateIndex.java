package dev.tributary.curation.dedup;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which episode ids are already decided, and which episode first carried each exact key. Held in
 * memory and rebuilt from the {@code episodes} table at start-up (about 200 bytes per episode: see
 * the README). Single-threaded.
 */
public final class ExactDuplicateIndex {
  private final Set<String> decidedIds = new HashSet<>();
  private final Map<String, String> firstByKey = new HashMap<>();

  /** Whether this episode id has already been decided (in the table or earlier in this run). */
  public boolean isDecided(String episodeId) {
    return decidedIds.contains(episodeId);
  }

  /** The episode that first carried this key, if it is not {@code episodeId} itself. */
  public Optional<String> originalOf(String exactKey, String episodeId) {
    String first = exactKey == null ? null : firstByKey.get(exactKey);
    return first == null || first.equals(episodeId) ? Optional.empty() : Optional.of(first);
  }

  /**
   * Records a decided episode.
   *
   * @param status {@link Status#ORIGINAL} for an accepted, non-duplicate episode that later copies
   *     point to
   */
  public void record(String episodeId, String exactKey, Status status) {
    decidedIds.add(episodeId);
    if (status == Status.ORIGINAL && exactKey != null) {
      firstByKey.putIfAbsent(exactKey, episodeId);
    }
  }

  public int size() {
    return decidedIds.size();
  }

  public int keys() {
    return firstByKey.size();
  }

  /** How a decided episode takes part in duplicate detection. */
  public enum Status {
    /** Accepted (with or without flags): later episodes with its key are its duplicates. */
    ORIGINAL,
    /** Duplicate, rejected or otherwise not a reference for later copies. */
    OTHER
  }
}
