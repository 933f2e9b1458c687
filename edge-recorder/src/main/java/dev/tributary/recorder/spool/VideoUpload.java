package dev.tributary.recorder.spool;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One camera's video upload: the object key and part size the gateway's manifest answer named, and
 * the multipart upload in progress, with every part the object store acknowledged (part number ->
 * ETag). Kept in the ledger so that a restarted recorder resumes the same upload and sends only the
 * parts not yet acknowledged.
 *
 * @param partSize bytes per part (0 = not advertised; the uploader's default applies)
 * @param uploadId the object store's multipart upload id, null before the first part URLs
 */
public record VideoUpload(
    String cameraKey,
    String objectKey,
    long partSize,
    String uploadId,
    SortedMap<Integer, String> partETags) {

  public VideoUpload {
    partETags =
        Collections.unmodifiableSortedMap(
            partETags == null ? new TreeMap<>() : new TreeMap<>(partETags));
  }

  /** A target from a manifest answer, no upload started. */
  public static VideoUpload target(String cameraKey, String objectKey, long partSize) {
    return new VideoUpload(cameraKey, objectKey, partSize, null, null);
  }

  /** This target with a (possibly new) upload: the acknowledged parts belong to the old one. */
  VideoUpload withUpload(String id, long size) {
    return new VideoUpload(cameraKey, objectKey, size, id, id.equals(uploadId) ? partETags : null);
  }

  VideoUpload withPart(int partNumber, String etag) {
    SortedMap<Integer, String> parts = new TreeMap<>(partETags);
    parts.put(partNumber, etag);
    return new VideoUpload(cameraKey, objectKey, partSize, uploadId, parts);
  }

  VideoUpload withoutUpload() {
    return new VideoUpload(cameraKey, objectKey, partSize, null, null);
  }
}
