package dev.tributary.recorder.spool;

/**
 * Limits of a spool.
 *
 * @param quotaBytes above this many bytes of unacknowledged episode data, new recordings are
 *     refused (uploads continue and free space as episodes are acknowledged)
 * @param minFreeBytes new recordings are also refused when the file system has less free space
 */
public record SpoolConfig(long quotaBytes, long minFreeBytes) {
  public static final long DEFAULT_QUOTA_BYTES = 8L << 30;
  public static final long DEFAULT_MIN_FREE_BYTES = 256L << 20;

  public SpoolConfig {
    if (quotaBytes <= 0) {
      throw new IllegalArgumentException(
          "spool quota must be positive, got " + quotaBytes + " bytes");
    }
    if (minFreeBytes < 0) {
      throw new IllegalArgumentException(
          "minimum free disk space must be >= 0, got " + minFreeBytes + " bytes");
    }
  }

  public static SpoolConfig defaults() {
    return new SpoolConfig(DEFAULT_QUOTA_BYTES, DEFAULT_MIN_FREE_BYTES);
  }

  public SpoolConfig withQuotaBytes(long bytes) {
    return new SpoolConfig(bytes, minFreeBytes);
  }
}
