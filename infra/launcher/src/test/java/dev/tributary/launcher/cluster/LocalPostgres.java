package dev.tributary.launcher.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (Debian's package) in a temporary folder, on loopback, as its own
 * process: initdb with trust authentication for loopback, then {@code postgres} itself. As root
 * (CI), it runs as the {@code postgres} user, which the server requires.
 */
final class LocalPostgres implements AutoCloseable {
  private final Child server;
  private final int port;

  private LocalPostgres(Child server, int port) {
    this.server = server;
    this.port = port;
  }

  /** The server's binaries, or null when PostgreSQL is not installed. */
  static Path binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("postgres")))
          .sorted()
          .reduce((a, b) -> b)
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  static LocalPostgres start(Path dir, int port, Path logDir) throws Exception {
    Path bin = binaries();
    Path data = dir.resolve("pgdata");
    Files.createDirectories(dir);
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
      // The server's user must be able to reach its folder (test folders are private to root).
      for (Path p = dir; p != null && !p.equals(p.getRoot()); p = p.getParent()) {
        run(List.of("chmod", "a+x", p.toString()));
      }
    }
    run(
        asPostgres(
            root,
            List.of(
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8")));
    Child server =
        Child.command(
                "postgres",
                logDir,
                asPostgres(
                    root,
                    List.of(
                        bin.resolve("postgres").toString(),
                        "-D",
                        data.toString(),
                        "-p",
                        String.valueOf(port),
                        "-c",
                        "listen_addresses=127.0.0.1",
                        "-c",
                        "unix_socket_directories=" + dir,
                        "-c",
                        "fsync=off")))
            .start()
            .awaitLog("ready to accept connections", Duration.ofSeconds(60));
    LocalPostgres pg = new LocalPostgres(server, port);
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE lake");
    }
    return pg;
  }

  private static List<String> asPostgres(boolean root, List<String> command) {
    if (!root) {
      return command;
    }
    List<String> out = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    out.addAll(command);
    return out;
  }

  private static void run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  @Override
  public void close() {
    server.close();
  }
}
