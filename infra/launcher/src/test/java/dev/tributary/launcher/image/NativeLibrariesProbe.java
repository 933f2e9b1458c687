package dev.tributary.launcher.image;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Arrays;

/**
 * Run inside a built image by {@link ContainerImagesIT}: loads every native library the services
 * unpack from their jars at run time (DuckDB, SQLite, zstd, snappy, lz4) and uses it once, so a C
 * library missing from the image fails here rather than in production. Prints one line per library.
 */
public final class NativeLibrariesProbe {
  private NativeLibrariesProbe() {}

  public static void main(String[] args) throws Exception {
    System.out.println("duckdb " + scalar("jdbc:duckdb:", "SELECT 40 + 2"));
    System.out.println("sqlite " + scalar("jdbc:sqlite::memory:", "SELECT sqlite_version()"));
    byte[] data = "tributary ".repeat(1000).getBytes(StandardCharsets.UTF_8);
    byte[] zstd = com.github.luben.zstd.Zstd.compress(data);
    check("zstd", com.github.luben.zstd.Zstd.decompress(zstd, data.length), data);
    byte[] snappy = org.xerial.snappy.Snappy.compress(data);
    check("snappy", org.xerial.snappy.Snappy.uncompress(snappy), data);
    net.jpountz.lz4.LZ4Factory lz4 = net.jpountz.lz4.LZ4Factory.nativeInstance();
    byte[] compressed = lz4.fastCompressor().compress(data);
    check("lz4", lz4.fastDecompressor().decompress(compressed, data.length), data);
  }

  private static String scalar(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void check(String name, byte[] roundTrip, byte[] data) {
    if (!Arrays.equals(roundTrip, data)) {
      throw new IllegalStateException(name + " round trip differs");
    }
    System.out.println(name + " ok");
  }
}
