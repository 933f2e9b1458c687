package dev.tributary.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad configuration ends with a one-line explanation and a non-zero exit code, never a stack trace.
 */
class TributaryCliTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureStderr() {
    originalErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStderr() {
    System.setErr(originalErr);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertThat(TributaryCli.execute("run", "--no-such-option")).isEqualTo(2);
    assertThat(stderr()).contains("Unknown option: '--no-such-option'").doesNotContain("\tat ");
  }

  @Test
  void aDataFolderThatIsAFileIsRejectedInOneLine() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    assertThat(TributaryCli.execute("run", "--data-dir", file.toString(), "--sites", "0"))
        .isEqualTo(1);
    assertThat(stderr().strip())
        .startsWith("tributary: data folder")
        .contains("--data-dir")
        .doesNotContain("\n")
        .doesNotContain("\tat ");
  }

  @Test
  void aTakenPortIsNamedWithTheOptionThatMovesIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      assertThat(
              TributaryCli.execute(
                  "run",
                  "--data-dir",
                  dir.resolve("data").toString(),
                  "--sites",
                  "0",
                  "--kafka-port",
                  String.valueOf(port)))
          .isEqualTo(1);
      assertThat(stderr().strip())
          .isEqualTo(
              "tributary: port "
                  + port
                  + " for Kafka is already in use on 127.0.0.1; stop the other process or choose"
                  + " another port with --kafka-port");
    }
  }

  @Test
  void queryWithoutDataSaysHowToGetSome() {
    assertThat(TributaryCli.execute("query", "sites", "--data-dir", dir.resolve("none").toString()))
        .isEqualTo(1);
    assertThat(stderr()).contains("no Tributary data in").contains("./tributary run");
  }
}
