package dev.tributary.recorder.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the SO-100/SO-101 arms are and which LeRobot calibration files describe them (the same ids
 * as lerobot-calibrate's {@code --robot.id} and {@code --teleop.id}).
 */
final class ArmOptions {
  @Option(
      names = "--follower-port",
      paramLabel = "PORT",
      description =
          "Serial port of the follower arm (state), e.g. /dev/ttyACM0, /dev/tty.usbmodem…, COM3.")
  String followerPort;

  @Option(
      names = "--follower-id",
      paramLabel = "ID",
      description = "Calibration id of the follower (lerobot's --robot.id).")
  String followerId;

  @Option(
      names = "--leader-port",
      paramLabel = "PORT",
      description = "Serial port of the leader arm (action); without it episodes have no action.")
  String leaderPort;

  @Option(
      names = "--leader-id",
      paramLabel = "ID",
      description = "Calibration id of the leader (lerobot's --teleop.id).")
  String leaderId;

  @Option(
      names = "--robot-type",
      paramLabel = "TYPE",
      defaultValue = "so101",
      description = "so101 or so100: names the calibration folders (default: ${DEFAULT-VALUE}).")
  String robotType;

  @Option(
      names = "--calibration-dir",
      paramLabel = "DIR",
      description =
          "LeRobot's calibration folder (default: $HF_LEROBOT_CALIBRATION, else"
              + " ~/.cache/huggingface/lerobot/calibration).")
  Path calibrationDir;

  @Option(
      names = "--camera",
      paramLabel = "KEY=DEVICE",
      split = ",",
      description =
          "Cameras to record (and for doctor to check), NAME=DEVICE: top=/dev/video0 (v4l2),"
              + " top=0 (AVFoundation), top=video=USB Camera (DirectShow), with --camera-input"
              + " lavfi a test picture, e.g. top=testsrc2=size=640x480:rate=30. The name becomes"
              + " observation.images.NAME. Comma-separated or repeated.")
  java.util.List<String> cameras = new java.util.ArrayList<>();

  @Option(
      names = "--camera-input",
      paramLabel = "FORMAT",
      description =
          "FFmpeg input format of the cameras (default: this OS's capture device, v4l2 on Linux,"
              + " avfoundation on macOS, dshow on Windows; lavfi for generated test pictures).")
  String cameraInput;

  @Option(
      names = "--camera-size",
      paramLabel = "WxH",
      defaultValue = "640x480",
      description =
          "Size asked of the cameras and recorded (frames are scaled to it) (default:"
              + " ${DEFAULT-VALUE}).")
  String cameraSize;

  @Option(
      names = "--camera-fps",
      paramLabel = "FPS",
      defaultValue = "30",
      description = "Frame rate asked of the cameras (default: ${DEFAULT-VALUE}).")
  int cameraFps;

  /** The cameras' capture settings. */
  dev.tributary.recorder.camera.CameraSettings cameraSettings() {
    String[] size = cameraSize.toLowerCase(java.util.Locale.ROOT).split("x");
    if (size.length != 2 || !size[0].matches("\\d+") || !size[1].matches("\\d+")) {
      throw new IllegalArgumentException(
          "--camera-size " + cameraSize + ": write WIDTHxHEIGHT, e.g. 640x480");
    }
    return new dev.tributary.recorder.camera.CameraSettings(
        cameraInput == null || cameraInput.isBlank()
            ? dev.tributary.recorder.camera.CameraSettings.systemInputFormat()
            : cameraInput,
        Integer.parseInt(size[0]),
        Integer.parseInt(size[1]),
        cameraFps);
  }

  Path calibrationRoot() {
    if (calibrationDir != null) {
      return calibrationDir;
    }
    return Optional.ofNullable(System.getenv("HF_LEROBOT_CALIBRATION"))
        .map(Path::of)
        .orElse(
            Path.of(
                System.getProperty("user.home"),
                ".cache",
                "huggingface",
                "lerobot",
                "calibration"));
  }

  Path followerCalibration() {
    return calibrationRoot()
        .resolve("robots")
        .resolve(robotType + "_follower")
        .resolve(require(followerId, "--follower-id") + ".json");
  }

  Path leaderCalibration() {
    return calibrationRoot()
        .resolve("teleoperators")
        .resolve(robotType + "_leader")
        .resolve(require(leaderId, "--leader-id") + ".json");
  }

  private static String require(String value, String option) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          option
              + " is missing: give the id you calibrated the arm under (lerobot-calibrate"
              + " --robot.id / --teleop.id), on the command line or as "
              + option.substring(2)
              + "= in the config file");
    }
    return value;
  }
}
