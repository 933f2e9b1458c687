package dev.tributary.loadtest;

import java.io.IOException;

/** How a benchmark's child JVM learns that its parent wants it gone: its stdin ends. */
final class ParentLink {
  private ParentLink() {}

  /** Blocks until the parent closes this process's stdin (it never writes to it). */
  static void awaitStdinClosed() {
    try {
      while (System.in.read() >= 0) {
        // the parent never writes; end of stream means it wants us gone
      }
    } catch (IOException e) {
      // same as end of stream
    }
  }
}
