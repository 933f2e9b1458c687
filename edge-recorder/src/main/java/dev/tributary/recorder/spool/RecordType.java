package dev.tributary.recorder.spool;

/** What a spool record holds; the first payload byte. Values are on disk: never renumber. */
public enum RecordType {
  /** Avro single-object {@code EpisodeManifest}; a later one supersedes an earlier one. */
  MANIFEST(1),
  /** Avro single-object {@code JointChunk}. */
  CHUNK(2),
  /** Avro single-object {@code VideoSegment}: the camera's MP4 is complete and durable. */
  VIDEO(3),
  /** Avro single-object {@code EpisodeCommit}: the recording is complete. */
  COMMIT(4);

  private final byte code;

  RecordType(int code) {
    this.code = (byte) code;
  }

  public byte code() {
    return code;
  }

  static RecordType of(byte code) {
    for (RecordType type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    return null;
  }
}
