package dev.tributary.recorder.spool;

/** A presigned upload target the gateway issued for one camera (kept until it expires). */
public record VideoUpload(String cameraKey, String objectKey, String uploadUrl, String expiresAt) {}
