package dev.tributary.recorder.spool;

/** One record read back from a segment file, with where it sits in the file. */
public record SpoolRecord(RecordType type, byte[] body, long offset) {}
