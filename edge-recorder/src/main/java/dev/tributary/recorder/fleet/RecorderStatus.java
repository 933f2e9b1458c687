package dev.tributary.recorder.fleet;

/**
 * Episodes per state: recorded or being recorded and waiting ({@code spooled}), being uploaded
 * ({@code uploading}), committed at the gateway ({@code acknowledged}), and waiting to retry after
 * a failed call ({@code retrying}).
 */
public record RecorderStatus(int spooled, int uploading, int acknowledged, int retrying) {}
