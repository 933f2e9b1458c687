package dev.tributary.recorder.doctor;

import static org.bytedeco.ffmpeg.global.avdevice.avdevice_free_list_devices;
import static org.bytedeco.ffmpeg.global.avdevice.avdevice_list_input_sources;
import static org.bytedeco.ffmpeg.global.avdevice.avdevice_register_all;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;

import com.fazecast.jSerialComm.SerialPort;
import dev.tributary.recorder.arm.FeetechBus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avdevice.AVDeviceInfoList;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avutil;

/** The rig-side checks of {@code doctor}: the arms' serial ports and servos, and the cameras. */
public final class RigChecks {
  static final int SERVOS = 6;

  private RigChecks() {}

  /** The serial ports this machine has, for the fix text. */
  static String serialPorts() {
    List<String> names = new ArrayList<>();
    for (SerialPort port : SerialPort.getCommPorts()) {
      names.add(port.getSystemPortPath() + " (" + port.getPortDescription() + ")");
    }
    return names.isEmpty() ? "no serial ports found" : "serial ports: " + String.join(", ", names);
  }

  /** Opens an arm's port and pings servos 1-6. */
  public static Finding arm(String role, String port) {
    String subject = role;
    if (port == null) {
      return Finding.problem(
          subject,
          "no " + role + " port configured",
          "set "
              + role
              + "-port= in the config file ("
              + serialPorts()
              + "; plug the arm in and run doctor again to see which appears)");
    }
    try (FeetechBus bus = FeetechBus.open(port, 35)) {
      List<Integer> silent = new ArrayList<>();
      for (int id = 1; id <= SERVOS; id++) {
        if (!bus.ping(id) && !bus.ping(id)) {
          silent.add(id);
        }
      }
      if (silent.size() == SERVOS) {
        return Finding.problem(
            subject,
            port + " opens but no servo answers",
            "switch on the arm's power supply (the USB cable alone does not power the servos) and check the 3-pin cable to servo 1");
      }
      if (!silent.isEmpty()) {
        return Finding.problem(
            subject,
            port + ": servo(s) " + silent + " do not answer",
            "check the cable into servo " + silent.get(0) + " and the daisy chain before it");
      }
      return Finding.ok(subject, port + ": servos 1-6 answer");
    } catch (IOException e) {
      return Finding.problem(subject, e.getMessage(), serialPorts());
    }
  }

  private static String loadFailure;
  private static boolean loaded;

  /**
   * Why FFmpeg's capture library cannot load here (null when it can); the first failure is kept.
   */
  private static synchronized String captureUnavailable() {
    if (!loaded) {
      loaded = true;
      try {
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
        avdevice_register_all();
      } catch (Throwable e) {
        loadFailure = SiteChecks.describe(e);
      }
    }
    return loadFailure;
  }

  /**
   * Lists the capture devices of FFmpeg's input format {@code formatName} (v4l2, avfoundation,
   * dshow, lavfi) and opens each configured camera ({@code key=device}).
   */
  public static List<Finding> cameras(List<String> configured, String formatName) {
    List<Finding> findings = new ArrayList<>();
    String why = captureUnavailable();
    if (why != null) {
      // Bytedeco's libavdevice on Linux links PulseAudio's client library, which a headless box
      // may lack: capture is then unavailable, which matters only when cameras are configured.
      String missing = why.contains("libpulse") ? "libpulse.so.0" : null;
      String fix =
          missing != null
              ? "install PulseAudio's client library, which FFmpeg's capture devices load"
                  + " (Debian/Ubuntu/Raspberry Pi OS: sudo apt install libpulse0)"
              : "report this with your OS and CPU (the jar carries FFmpeg for linux x86_64/arm64,"
                  + " macOS arm64/x86_64, Windows x86_64)";
      if (configured.isEmpty()) {
        findings.add(
            Finding.ok(
                "cameras",
                "none configured (joints only); FFmpeg capture is unavailable here ("
                    + (missing != null ? missing + " missing" : why)
                    + "): to add cameras, "
                    + fix));
      } else {
        findings.add(Finding.problem("cameras", "FFmpeg capture did not load: " + why, fix));
      }
      return findings;
    }
    AVInputFormat format = av_find_input_format(formatName);
    if (format == null) {
      findings.add(
          Finding.problem(
              "cameras",
              "FFmpeg has no " + formatName + " capture here",
              "cameras cannot be recorded on this platform"));
      return findings;
    }
    List<String> devices = listDevices(format, formatName);
    String listed = devices.isEmpty() ? "none listed" : String.join(", ", devices);
    if (configured.isEmpty()) {
      findings.add(
          Finding.ok(
              "cameras",
              "none configured (joints only); FFmpeg " + formatName + " devices: " + listed));
      return findings;
    }
    for (String camera : configured) {
      int eq = camera.indexOf('=');
      if (eq <= 0) {
        findings.add(
            Finding.problem(
                "camera",
                "'" + camera + "' is not KEY=DEVICE",
                "write e.g. camera=top=/dev/video0,wrist=/dev/video2"));
        continue;
      }
      String key = camera.substring(0, eq);
      String device = camera.substring(eq + 1);
      AVFormatContext context = new AVFormatContext(null);
      int result = avformat_open_input(context, device, format, (AVDictionary) null);
      if (result < 0) {
        findings.add(
            Finding.problem(
                "camera",
                key
                    + ": FFmpeg "
                    + formatName
                    + " cannot open "
                    + device
                    + " ("
                    + error(result)
                    + ")",
                "plug it in or pick one of: "
                    + listed
                    + (formatName.equals("v4l2")
                        ? " (Linux: add yourself to the video group)"
                        : "")));
      } else {
        avformat_close_input(context);
        findings.add(
            Finding.ok("camera", key + ": " + device + " opens with FFmpeg " + formatName));
      }
    }
    return findings;
  }

  private static List<String> listDevices(AVInputFormat format, String formatName) {
    List<String> devices = new ArrayList<>();
    AVDeviceInfoList list = new AVDeviceInfoList(null);
    int count = avdevice_list_input_sources(format, (String) null, null, list);
    if (count > 0 && !list.isNull()) {
      for (int i = 0; i < list.nb_devices(); i++) {
        var info = list.devices(i);
        devices.add(
            info.device_name().getString() + " (" + info.device_description().getString() + ")");
      }
    }
    if (!list.isNull()) {
      avdevice_free_list_devices(list);
    }
    if (devices.isEmpty() && formatName.equals("v4l2")) {
      try (var stream = Files.list(Path.of("/dev"))) {
        stream
            .map(Path::toString)
            .filter(p -> p.startsWith("/dev/video"))
            .sorted()
            .forEach(devices::add);
      } catch (IOException e) {
        // no /dev: nothing to list
      }
    }
    return devices;
  }

  private static String error(int code) {
    byte[] buffer = new byte[256];
    avutil.av_strerror(code, buffer, buffer.length);
    return new String(buffer, java.nio.charset.StandardCharsets.UTF_8).trim().replace("\0", "");
  }
}
