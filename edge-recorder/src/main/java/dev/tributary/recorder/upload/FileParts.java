package dev.tributary.recorder.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A file cut into multipart-upload parts: part n covers bytes [(n-1)·partSize, n·partSize). */
final class FileParts {
  private FileParts() {}

  static int count(long sizeBytes, long partSize) {
    return (int) Math.max(1, (sizeBytes + partSize - 1) / partSize);
  }

  static long offset(int partNumber, long partSize) {
    return (partNumber - 1) * partSize;
  }

  static long length(int partNumber, long sizeBytes, long partSize) {
    return Math.min(partSize, sizeBytes - offset(partNumber, partSize));
  }

  /** The base64 MD5 of every part, in order: the {@code Content-MD5} each part is sent with. */
  static List<String> md5s(Path file, long sizeBytes, long partSize) throws IOException {
    List<String> out = new ArrayList<>();
    byte[] buffer = new byte[64 * 1024];
    for (int n = 1; n <= count(sizeBytes, partSize); n++) {
      MessageDigest md5 = newMd5();
      try (InputStream in = open(file, offset(n, partSize), length(n, sizeBytes, partSize))) {
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
          md5.update(buffer, 0, read);
        }
      }
      out.add(Base64.getEncoder().encodeToString(md5.digest()));
    }
    return out;
  }

  /** A stream of {@code length} bytes of {@code file} from {@code offset}. */
  static InputStream open(Path file, long offset, long length) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      channel.position(offset);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new FilterInputStream(Channels.newInputStream(channel)) {
      private long remaining = length;

      @Override
      public int read() throws IOException {
        if (remaining <= 0) {
          return -1;
        }
        int b = super.read();
        if (b >= 0) {
          remaining--;
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
          return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, remaining));
        if (n > 0) {
          remaining -= n;
        }
        return n;
      }
    };
  }

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has MD5", e);
    }
  }
}
