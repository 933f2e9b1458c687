package dev.tributary.recorder.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * File-system primitives that make a write survive a crash or power loss: fsync of the file and of
 * the directory that names it, and atomic replacement (write temp, fsync, rename, fsync dir).
 */
public final class Durable {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private Durable() {}

  /**
   * Makes the directory entries of {@code dir} durable (a created, renamed or deleted file is only
   * durable once its directory was fsynced).
   */
  public static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Fsyncs a regular file's data and metadata. */
  public static void fsyncFile(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /** Creates a directory (and parents) and makes its entry durable in its parent directory. */
  public static void createDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      createDirectory(parent);
    }
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException raced) {
      return;
    }
    if (parent != null) {
      fsyncDirectory(parent);
    }
  }

  /**
   * Replaces {@code target} atomically: readers see either the old or the new content, never a mix,
   * and the new content is durable when this returns.
   */
  public static void replaceAtomically(Path target, byte[] content) throws IOException {
    replaceAtomically(target, content, false);
  }

  /**
   * Like {@link #replaceAtomically(Path, byte[])} for a secret: the file is rw------- from birth.
   */
  public static void replaceSecretAtomically(Path target, byte[] content) throws IOException {
    replaceAtomically(target, content, true);
  }

  private static void replaceAtomically(Path target, byte[] content, boolean ownerOnly)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = dir.resolve(target.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    if (ownerOnly) {
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    fsyncDirectory(dir);
  }
}
