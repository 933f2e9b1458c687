package dev.tributary.gateway.status;

import dev.tributary.schema.CurationVerdict;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest curation verdict per episode, fed from the verdicts topic. Bounded: the least recently
 * updated episodes are forgotten first.
 */
public final class VerdictBoard {
  private final Map<String, CurationVerdict> verdicts;

  public VerdictBoard(int capacity) {
    this.verdicts =
        new LinkedHashMap<>(1024, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, CurationVerdict> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Applies a record of the verdicts topic; null is a tombstone. */
  public synchronized void apply(String episodeId, CurationVerdict verdict) {
    if (episodeId == null) {
      return;
    }
    verdicts.remove(episodeId);
    if (verdict != null) {
      verdicts.put(episodeId, verdict);
    }
  }

  public synchronized CurationVerdict get(String episodeId) {
    return verdicts.get(episodeId);
  }

  public synchronized int size() {
    return verdicts.size();
  }
}
