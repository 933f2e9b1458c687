package dev.tributary.curation.diversity;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The task text as hashed word unigrams and bigrams (the "hashing trick": no vocabulary, no model),
 * so "pick the red cube" and "pick up the red cube" are close and "fold the towel" is far.
 */
public final class TaskFeatures {
  public static final int LENGTH = 32;

  private TaskFeatures() {}

  public static float[] of(String task) {
    float[] out = new float[LENGTH];
    if (task == null) {
      return out;
    }
    String[] words =
        task.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 ]", " ").trim().split("\\s+");
    String previous = null;
    for (String w : words) {
      if (w.isEmpty()) {
        continue;
      }
      add(out, w);
      if (previous != null) {
        add(out, previous + " " + w);
      }
      previous = w;
    }
    return out;
  }

  private static void add(float[] v, String gram) {
    CRC32C crc = new CRC32C();
    crc.update(gram.getBytes(StandardCharsets.UTF_8));
    long h = crc.getValue();
    int index = (int) (h % LENGTH);
    v[index] += ((h >>> 31) & 1) == 0 ? 1 : -1; // signed, so collisions cancel rather than pile up
  }
}
