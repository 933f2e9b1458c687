package dev.tributary.recorder.camera;

import dev.tributary.schema.CameraSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rig's cameras, opened once and read continuously; an episode takes the frames captured
 * between its {@link #begin} and {@link #end}. Empty for a joints-only rig.
 */
public final class CameraRig implements AutoCloseable {
  /** How long {@link #end} waits for a frame after the episode's end (a camera that stalls). */
  private static final long END_WAIT_NANOS = 1_000_000_000L;

  private final CameraSettings settings;
  private final List<Camera> cameras;

  private CameraRig(CameraSettings settings, List<Camera> cameras) {
    this.settings = settings;
    this.cameras = cameras;
  }

  public static CameraRig none() {
    return new CameraRig(null, List.of());
  }

  /**
   * Opens every camera; a camera that cannot be opened closes the others and is named in the
   * exception.
   */
  public static CameraRig open(List<CameraSource> sources, CameraSettings settings)
      throws IOException {
    List<Camera> opened = new ArrayList<>();
    try {
      for (CameraSource source : sources) {
        opened.add(Camera.open(source, settings));
      }
    } catch (IOException | RuntimeException e) {
      opened.forEach(Camera::close);
      throw e;
    }
    return new CameraRig(settings, List.copyOf(opened));
  }

  public boolean isEmpty() {
    return cameras.isEmpty();
  }

  /** The manifest's camera list. */
  public List<CameraSpec> specs() {
    List<CameraSpec> out = new ArrayList<>();
    for (Camera camera : cameras) {
      out.add(
          new CameraSpec(
              camera.source().key(),
              camera.source().name(),
              settings.width(),
              settings.height(),
              (float) settings.fps(),
              "h264"));
    }
    return out;
  }

  /** Starts an episode at {@code fromNanos}: each camera writes to {@code file.apply(key)}. */
  public void begin(Function<String, Path> file, long fromNanos) throws IOException {
    try {
      for (Camera camera : cameras) {
        camera.begin(file.apply(camera.source().key()), fromNanos);
      }
    } catch (IOException | RuntimeException e) {
      abort();
      throw e;
    }
  }

  /** The first camera that stopped delivering frames, and why. */
  public Optional<String> failure() {
    return cameras.stream().map(Camera::failure).filter(f -> f != null).findFirst();
  }

  /** Ends the episode at {@code toNanos}; one take per camera, in configuration order. */
  public List<CameraTake> end(long toNanos) throws IOException {
    List<CameraTake> takes = new ArrayList<>();
    IOException first = null;
    for (Camera camera : cameras) {
      try {
        takes.add(camera.end(toNanos, END_WAIT_NANOS));
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
    return takes;
  }

  /** Drops the episode in progress (its files are deleted with the episode). */
  public void abort() {
    cameras.forEach(Camera::abort);
  }

  @Override
  public void close() {
    cameras.forEach(Camera::close);
  }
}
