package dev.tributary.recorder.camera;

import dev.tributary.media.CaptureDevice;
import dev.tributary.media.CapturedVideoWriter;
import dev.tributary.media.MediaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One open camera and the thread that reads it. The device is read continuously, also between
 * episodes, so a frame's arrival time stays its capture time (a device left unread queues frames
 * and hands them over late); frames inside an episode's window are encoded to that episode's MP4 on
 * this thread, so a slow encode delays the next read by at most its own duration.
 */
final class Camera implements AutoCloseable {
  private final CameraSource source;
  private final CameraSettings settings;
  private final CaptureDevice device;
  private final Thread thread;
  private final Object lock = new Object();
  private Recording recording; // guarded by lock
  private long lastArrival = Long.MIN_VALUE; // guarded by lock
  private volatile String failure;
  private volatile boolean closed;

  /** The frames of one episode being written. */
  private static final class Recording {
    final Path file;
    final long fromNanos;
    final CapturedVideoWriter writer;
    long untilNanos = Long.MAX_VALUE;
    long[] times = new long[256];
    int frames;

    Recording(Path file, long fromNanos, CapturedVideoWriter writer) {
      this.file = file;
      this.fromNanos = fromNanos;
      this.writer = writer;
    }
  }

  private Camera(CameraSource source, CameraSettings settings, CaptureDevice device) {
    this.source = source;
    this.settings = settings;
    this.device = device;
    this.thread = new Thread(this::run, "camera-" + source.name());
    thread.setDaemon(true);
  }

  static Camera open(CameraSource source, CameraSettings settings) throws IOException {
    CaptureDevice device;
    try {
      device =
          CaptureDevice.open(
              settings.inputFormat(),
              source.device(),
              settings.deviceOptions(),
              settings.width(),
              settings.height());
    } catch (MediaException | UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new IOException(
          "camera "
              + source.name()
              + ": "
              + e.getMessage()
              + " (`doctor` lists the devices FFmpeg sees; check the cable and that no other"
              + " program holds the camera)",
          e);
    }
    Camera camera = new Camera(source, settings, device);
    camera.thread.start();
    return camera;
  }

  CameraSource source() {
    return source;
  }

  /** Why the camera stopped delivering frames; null while it runs. */
  String failure() {
    return failure;
  }

  private void run() {
    try {
      while (!closed) {
        if (!device.next()) {
          failure = "camera " + source.name() + " (" + source.device() + ") ended its stream";
          return;
        }
        long arrived = device.arrivalNanos();
        synchronized (lock) {
          Recording r = recording;
          if (r != null && arrived >= r.fromNanos && arrived <= r.untilNanos) {
            r.writer.write(device.image(), arrived);
            if (r.frames == r.times.length) {
              r.times = Arrays.copyOf(r.times, r.frames * 2);
            }
            r.times[r.frames++] = arrived;
          }
          lastArrival = arrived;
          lock.notifyAll();
        }
      }
    } catch (MediaException | IOException | RuntimeException e) {
      if (!closed) {
        failure =
            "camera " + source.name() + " (" + source.device() + ") failed: " + e.getMessage();
      }
    } finally {
      synchronized (lock) {
        lock.notifyAll();
      }
    }
  }

  /** Starts writing the frames captured from {@code fromNanos} on into {@code file}. */
  void begin(Path file, long fromNanos) throws IOException {
    CapturedVideoWriter writer =
        new CapturedVideoWriter(file, settings.width(), settings.height(), settings.fps());
    synchronized (lock) {
      recording = new Recording(file, fromNanos, writer);
    }
  }

  /**
   * Ends the recording at {@code toNanos}: waits (at most {@code maxWaitNanos}) until the camera
   * delivered a frame after that time, so no frame captured before it is still on its way, then
   * finishes the MP4. A take without frames leaves no file.
   */
  CameraTake end(long toNanos, long maxWaitNanos) throws IOException {
    Recording r;
    synchronized (lock) {
      if (recording != null) {
        recording.untilNanos = toNanos;
      }
      long deadline = System.nanoTime() + maxWaitNanos;
      while (lastArrival < toNanos && failure == null && thread.isAlive()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      r = recording;
      recording = null;
    }
    if (r == null) {
      return new CameraTake(source, new long[0]);
    }
    int frames = r.frames;
    if (frames == 0) {
      r.writer.close();
      Files.deleteIfExists(r.file);
      return new CameraTake(source, new long[0]);
    }
    r.writer.finish();
    return new CameraTake(source, Arrays.copyOf(r.times, frames));
  }

  /** Drops the recording in progress (its file is left for the caller to delete). */
  void abort() {
    synchronized (lock) {
      if (recording != null) {
        recording.writer.close();
        recording = null;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    abort();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!thread.isAlive()) {
      device.close();
    }
  }
}
