package dev.tributary.gateway.video;

import dev.tributary.gateway.error.Rejection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How one video is cut into multipart-upload parts: parts 1..n of {@code partSize} bytes, the last
 * one shorter (a video no larger than one part is a single part). Plain logic, no S3: it checks a
 * recorder's upload request and, before completion, the parts the store holds.
 *
 * @param sizeBytes the whole video's size
 * @param partSize every part's size except the last one's
 */
public record PartPlan(long sizeBytes, long partSize) {
  /** Smallest part size the protocol accepts (S3's own minimum is 5 MiB). */
  public static final long MIN_PART_SIZE = 8L * 1024 * 1024;

  /** Largest part size the protocol accepts. */
  public static final long MAX_PART_SIZE = 16L * 1024 * 1024;

  /** S3's limit on parts per upload. */
  public static final int MAX_PARTS = 10_000;

  private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9._~=+/-]{1,1024}");

  /**
   * A checked plan.
   *
   * @throws Rejection 422 {@code invalid_size} or {@code invalid_part_size} when out of range
   */
  public static PartPlan of(long sizeBytes, long partSize) {
    if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
      throw Rejection.invalid(
          "invalid_part_size",
          "partSize "
              + partSize
              + " is outside "
              + MIN_PART_SIZE
              + " .. "
              + MAX_PART_SIZE
              + " bytes (8-16 MiB): use the partSize of the manifest answer");
    }
    if (sizeBytes <= 0 || sizeBytes > partSize * MAX_PARTS) {
      throw Rejection.invalid(
          "invalid_size",
          "sizeBytes "
              + sizeBytes
              + " must be the video's size, > 0 and at most "
              + MAX_PARTS
              + " parts of "
              + partSize
              + " bytes");
    }
    return new PartPlan(sizeBytes, partSize);
  }

  public int partCount() {
    return (int) ((sizeBytes + partSize - 1) / partSize);
  }

  /** The size of part {@code partNumber} (1-based). */
  public long sizeOf(int partNumber) {
    return partNumber < partCount() ? partSize : sizeBytes - (long) (partCount() - 1) * partSize;
  }

  /**
   * Checks the recorder's per-part MD5s (base64 of the 16-byte digest, as S3's {@code Content-MD5}
   * header wants them): one per part.
   *
   * @throws Rejection 422 {@code part_count_mismatch} or {@code invalid_part_md5}
   */
  public void checkMd5s(List<String> partMd5s) {
    if (partMd5s == null || partMd5s.size() != partCount()) {
      throw Rejection.invalid(
          "part_count_mismatch",
          "partMd5s has "
              + (partMd5s == null ? 0 : partMd5s.size())
              + " entries but "
              + sizeBytes
              + " bytes in parts of "
              + partSize
              + " make "
              + partCount()
              + " part(s): send one base64 MD5 per part, in part order");
    }
    for (int i = 0; i < partMd5s.size(); i++) {
      if (!isMd5(partMd5s.get(i))) {
        throw Rejection.invalid(
            "invalid_part_md5",
            "partMd5s["
                + i
                + "] is not the base64 of a 16-byte MD5 digest (the Content-MD5 header value)");
      }
    }
  }

  /**
   * Checks the parts a store holds (part number -> size) before they are completed into the object:
   * every part present, each with its planned size.
   *
   * @throws Rejection 422 {@code video_parts_missing} or {@code video_size_mismatch}
   */
  public void checkStoredParts(String objectKey, String uploadId, Map<Integer, Long> stored) {
    List<Integer> missing = new ArrayList<>();
    for (int n = 1; n <= partCount(); n++) {
      if (!stored.containsKey(n)) {
        missing.add(n);
      }
    }
    if (!missing.isEmpty()) {
      throw Rejection.invalid(
          "video_parts_missing",
          "multipart upload "
              + uploadId
              + " of "
              + objectKey
              + " lacks part(s) "
              + abbreviate(missing)
              + " of "
              + partCount()
              + " ("
              + stored.size()
              + " stored): upload them (POST .../uploads gives fresh part URLs), then send the"
              + " VideoSegment again");
    }
    for (Map.Entry<Integer, Long> part : new TreeMap<>(stored).entrySet()) {
      int n = part.getKey();
      if (n > partCount() || part.getValue() != sizeOf(n)) {
        throw Rejection.invalid(
            "video_size_mismatch",
            "part "
                + n
                + " of upload "
                + uploadId
                + " holds "
                + part.getValue()
                + " bytes, but sizeBytes "
                + sizeBytes
                + " in parts of "
                + partSize
                + " needs "
                + (n > partCount() ? "no such part" : sizeOf(n) + " bytes")
                + ": the parts were cut differently than the VideoSegment declares; upload the"
                + " file again");
      }
    }
  }

  /**
   * The part size used by stored parts: the largest one (all but the last have the plan's size).
   */
  static long inferPartSize(Map<Integer, Long> stored) {
    return stored.values().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /**
   * @throws Rejection 400 {@code invalid_upload_id} when it cannot be an S3 upload id
   */
  public static String requireUploadId(String uploadId) {
    if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
      throw Rejection.malformed(
          "invalid_upload_id",
          "uploadId must be the id from the .../uploads answer (1-1024 URL-safe characters)");
    }
    return uploadId;
  }

  private static boolean isMd5(String base64) {
    if (base64 == null || base64.length() != 24) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(base64).length == 16;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String abbreviate(List<Integer> numbers) {
    return numbers.size() <= 20
        ? numbers.toString()
        : numbers.subList(0, 20) + " and " + (numbers.size() - 20) + " more";
  }
}
