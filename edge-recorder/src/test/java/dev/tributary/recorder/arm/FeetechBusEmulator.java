package dev.tributary.recorder.arm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntBinaryOperator;

/**
 * A Feetech STS3215 bus (one arm's six servos) on a pseudo-terminal pair made by {@code socat}: the
 * recorder opens {@link #hostPort()} as it would /dev/ttyACM0, the emulator answers PING and READ
 * (Present_Position, Homing_Offset) from a script, and injects faults: no answer, a bad checksum, a
 * missing servo, an unplugged cable (socat killed).
 */
public final class FeetechBusEmulator implements AutoCloseable {
  public enum Fault {
    TIMEOUT,
    CHECKSUM
  }

  private final Process socat;
  private final Path host;
  private final RandomAccessFile servos;
  private final IntBinaryOperator positions;
  private final Map<Integer, Integer> homingOffsets;
  private final Set<Integer> missing = ConcurrentHashMap.newKeySet();
  private final Set<Integer> staleBeforeHomingOffset = ConcurrentHashMap.newKeySet();
  private final Map<Integer, Map<Integer, Fault>> faults = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicInteger> positionReads = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicInteger> positionAnswers = new ConcurrentHashMap<>();
  private final AtomicInteger transactions = new AtomicInteger();
  private final Thread thread;
  private volatile boolean closed;

  /** True when Debian's socat is installed (the emulator needs it for the pseudo-terminals). */
  public static boolean socatAvailable() {
    return Files.isExecutable(Path.of("/usr/bin/socat"))
        || Files.isExecutable(Path.of("/bin/socat"));
  }

  /**
   * Starts an emulated arm. {@code positions.applyAsInt(id, n)} is the Present_Position of servo
   * {@code id} at its {@code n}-th answered position read (faulted reads do not advance it).
   */
  public static FeetechBusEmulator start(
      Path dir, String name, IntBinaryOperator positions, Map<Integer, Integer> homingOffsets)
      throws IOException, InterruptedException {
    Path host = dir.resolve(name + "-host");
    Path servos = dir.resolve(name + "-servos");
    Process socat =
        new ProcessBuilder("socat", "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + servos)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!(Files.exists(host) && Files.exists(servos))) {
      if (Instant.now().isAfter(deadline) || !socat.isAlive()) {
        socat.destroyForcibly();
        throw new IOException(
            "socat did not create the pseudo-terminal pair " + host + " / " + servos);
      }
      socat.waitFor(10, TimeUnit.MILLISECONDS);
    }
    return new FeetechBusEmulator(
        socat, host, new RandomAccessFile(servos.toFile(), "rw"), positions, homingOffsets);
  }

  private FeetechBusEmulator(
      Process socat,
      Path host,
      RandomAccessFile servos,
      IntBinaryOperator positions,
      Map<Integer, Integer> homingOffsets) {
    this.socat = socat;
    this.host = host;
    this.servos = servos;
    this.positions = positions;
    this.homingOffsets = homingOffsets;
    this.thread = new Thread(this::serve, "feetech-emulator-" + host.getFileName());
    thread.setDaemon(true);
    thread.start();
  }

  public String hostPort() {
    return host.toString();
  }

  /** Servo {@code id} stops answering (a broken cable in the daisy chain). */
  public void removeServo(int id) {
    missing.add(id);
  }

  /**
   * Servo {@code id}'s next homing-offset answer is preceded by a ping's status packet, as when the
   * answer to an earlier, timed-out ping arrives late (a loaded host or a slow USB adapter): the
   * reader takes it for the start of the answer it waits for.
   */
  public void staleBeforeHomingOffset(int id) {
    staleBeforeHomingOffset.add(id);
  }

  /**
   * The {@code nth} position read of servo {@code id} (0-based, counting every request) gets a
   * fault.
   */
  public void fault(int id, int nth, Fault fault) {
    faults.computeIfAbsent(id, k -> new ConcurrentHashMap<>()).put(nth, fault);
  }

  /** Position reads of servo {@code id} answered correctly so far. */
  public int positionAnswers(int id) {
    return positionAnswers.computeIfAbsent(id, k -> new AtomicInteger()).get();
  }

  public int transactions() {
    return transactions.get();
  }

  /** Pulls the cable: socat exits and the recorder's port fails. */
  public void unplug() throws InterruptedException {
    socat.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
  }

  private void serve() {
    try (InputStream in = java.nio.channels.Channels.newInputStream(servos.getChannel());
        OutputStream out = java.nio.channels.Channels.newOutputStream(servos.getChannel())) {
      while (!closed) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        if (b != 0xFF || in.read() != 0xFF) {
          continue;
        }
        int id = in.read();
        int length = in.read();
        byte[] body = in.readNBytes(length); // instruction, params, checksum
        byte[] packet = new byte[4 + length];
        packet[0] = (byte) 0xFF;
        packet[1] = (byte) 0xFF;
        packet[2] = (byte) id;
        packet[3] = (byte) length;
        System.arraycopy(body, 0, packet, 4, length);
        if (FeetechProtocol.checksum(packet, packet.length - 1) != packet[packet.length - 1]) {
          continue; // a real servo ignores a corrupt instruction
        }
        transactions.incrementAndGet();
        byte[] reply =
            (body[0] & 0xFF) == FeetechProtocol.SYNC_READ
                ? syncAnswer(body)
                : answer(id, body[0] & 0xFF, body);
        if (reply != null) {
          out.write(reply);
          out.flush();
        }
      }
    } catch (IOException e) {
      // the pty went away (unplugged or closed)
    }
  }

  /** Each listed servo answers a SYNC_READ with its own READ status packet, in list order. */
  private byte[] syncAnswer(byte[] body) {
    java.io.ByteArrayOutputStream replies = new java.io.ByteArrayOutputStream();
    // body: instruction, address, length, ids…, checksum
    for (int i = 3; i < body.length - 1; i++) {
      int id = body[i] & 0xFF;
      byte[] reply =
          answer(
              id, FeetechProtocol.READ, new byte[] {(byte) FeetechProtocol.READ, body[1], body[2]});
      if (reply != null) {
        replies.writeBytes(reply);
      }
    }
    return replies.size() == 0 ? null : replies.toByteArray();
  }

  private byte[] answer(int id, int instruction, byte[] body) {
    if (missing.contains(id)) {
      return null;
    }
    if (instruction == FeetechProtocol.PING) {
      return FeetechProtocol.status(id, 0);
    }
    if (instruction != FeetechProtocol.READ) {
      return null;
    }
    int address = body[1] & 0xFF;
    if (address == FeetechProtocol.HOMING_OFFSET) {
      byte[] reply =
          FeetechProtocol.status(
              id,
              0,
              le(FeetechProtocol.encodeSignMagnitude(homingOffsets.getOrDefault(id, 0), 11)));
      if (!staleBeforeHomingOffset.remove(id)) {
        return reply;
      }
      java.io.ByteArrayOutputStream late = new java.io.ByteArrayOutputStream();
      late.writeBytes(FeetechProtocol.status(id, 0));
      late.writeBytes(reply);
      return late.toByteArray();
    }
    if (address != FeetechProtocol.PRESENT_POSITION) {
      return FeetechProtocol.status(id, 0, (byte) 0, (byte) 0);
    }
    int request = positionReads.computeIfAbsent(id, k -> new AtomicInteger()).getAndIncrement();
    Fault fault = faults.getOrDefault(id, Map.of()).get(request);
    if (fault == Fault.TIMEOUT) {
      return null;
    }
    AtomicInteger answered = positionAnswers.computeIfAbsent(id, k -> new AtomicInteger());
    int value =
        positions.applyAsInt(id, fault == null ? answered.getAndIncrement() : answered.get());
    byte[] reply =
        FeetechProtocol.status(id, 0, le(FeetechProtocol.encodeSignMagnitude(value, 15)));
    if (fault == Fault.CHECKSUM) {
      reply[reply.length - 1] ^= 0x5A;
    }
    return reply;
  }

  private static byte[] le(int value) {
    return new byte[] {(byte) value, (byte) (value >> 8)};
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socat.destroyForcibly();
    servos.close();
  }
}
