package dev.tributary.catalog.auth;

import dev.tributary.catalog.config.CatalogAuthConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the bootstrap admin token comes from: config, a file (created once), or this process. */
public final class AdminTokens {
  private static final Logger LOG = LoggerFactory.getLogger(AdminTokens.class);

  private AdminTokens() {}

  public static String resolve(CatalogAuthConfig auth) {
    if (auth.adminToken() != null) {
      return auth.adminToken();
    }
    Path file = auth.adminTokenFile();
    if (file == null) {
      LOG.info(
          "catalog auth: no admin token configured; one was generated for this process only (set"
              + " auth.admin-token or auth.admin-token-file to keep one)");
      return generate();
    }
    try {
      if (Files.exists(file)) {
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (token.length() < CatalogAuthConfig.MIN_ADMIN_TOKEN_LENGTH) {
          throw new IllegalStateException(
              "admin token file "
                  + file
                  + " holds fewer than "
                  + CatalogAuthConfig.MIN_ADMIN_TOKEN_LENGTH
                  + " characters: delete it to get a new token, or write a long random one");
        }
        return token;
      }
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      String token = generate();
      Path tmp = Files.createTempFile(parent, ".admin-token", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        LOG.debug("file system without POSIX permissions; {} keeps its default mode", file);
      }
      Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file);
      LOG.info("catalog auth: wrote a new admin token to {}", file);
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read or create the admin token file " + file + ": " + e.getMessage(), e);
    }
  }

  private static String generate() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
