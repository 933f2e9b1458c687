package dev.tributary.recorder.cli;

import dev.tributary.recorder.doctor.Finding;
import dev.tributary.recorder.doctor.RigChecks;
import dev.tributary.recorder.doctor.SiteChecks;
import dev.tributary.recorder.spool.SpoolConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Checks what recording and uploading need, one line each, OK or PROBLEM with what to fix:"
          + " the config file, the gateway (and its TLS certificate for https), the site token,"
          + " free disk space at the spool, the cameras (FFmpeg capture devices) and the arms'"
          + " serial ports and servos.",
      "Exits 0 when everything is OK, 1 otherwise.",
    })
final class DoctorCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin ArmOptions arm;

  @Option(names = "--gateway", paramLabel = "URL", description = "The gateway to check.")
  URI gateway;

  @Option(
      names = "--no-arm",
      description = "Do not check the arms (e.g. on a machine that only uploads or imports).")
  boolean noArm;

  RecorderSettings settings;

  /** The LeRobot calibration file an arm will be normalised with. */
  private Finding calibration(
      String role,
      String id,
      java.util.function.Supplier<java.nio.file.Path> file,
      String lerobotPrefix) {
    String subject = role.equals("follower") ? "cal-foll" : "cal-lead";
    String fix =
        "calibrate with lerobot-calibrate --"
            + lerobotPrefix
            + ".type="
            + arm.robotType
            + "_"
            + role
            + " --"
            + lerobotPrefix
            + ".port=<port> --"
            + lerobotPrefix
            + ".id=<name>, then set "
            + role
            + "-id=<name> (or point calibration-dir= at the folder holding the files)";
    if (id == null || id.isBlank()) {
      return Finding.problem(
          subject, "no " + role + "-id: which calibration file to use is unknown", fix);
    }
    try {
      var calibration = dev.tributary.recorder.arm.ArmCalibration.load(file.get());
      for (String motor : dev.tributary.recorder.arm.So101Arm.MOTORS) {
        calibration.motor(motor);
      }
      return Finding.ok(subject, calibration.source() + " (6 motors)");
    } catch (java.io.IOException e) {
      return Finding.problem(subject, e.getMessage(), fix);
    }
  }

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    List<Finding> findings = new ArrayList<>();
    findings.add(
        settings == null || settings.source().isEmpty()
            ? Finding.ok("config", "no config file (options, TRIBUTARY_RECORDER_* and defaults)")
            : Finding.ok("config", settings.source().get().toString()));
    Finding reach = SiteChecks.gateway(gateway);
    SiteChecks.tls(gateway).ifPresent(findings::add);
    findings.add(reach);
    findings.add(SiteChecks.token(common.spool, gateway, reach.ok()));
    findings.add(SiteChecks.disk(common.spool, SpoolConfig.defaults().minFreeBytes()));
    findings.addAll(RigChecks.cameras(arm.cameras, arm.cameraSettings().inputFormat()));
    if (!noArm) {
      findings.add(RigChecks.arm("follower", arm.followerPort));
      findings.add(calibration("follower", arm.followerId, arm::followerCalibration, "robot"));
      if (arm.leaderPort != null) {
        findings.add(RigChecks.arm("leader", arm.leaderPort));
        findings.add(calibration("leader", arm.leaderId, arm::leaderCalibration, "teleop"));
      }
    }
    findings.forEach(f -> out.println(f.line()));
    long problems = findings.stream().filter(f -> !f.ok()).count();
    out.println(problems == 0 ? "all good" : problems + " problem(s)");
    return problems == 0 ? 0 : 1;
  }
}
