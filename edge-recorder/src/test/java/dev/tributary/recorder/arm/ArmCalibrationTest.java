package dev.tributary.recorder.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArmCalibrationTest {
  static final ArmCalibration.Motor PAN = new ArmCalibration.Motor(1, 0, -1470, 1000, 3000);

  @Test
  void bodyJointsMapTheirCalibratedRangeOntoMinus100To100LikeLeRobot() {
    var mode = ArmCalibration.NormMode.RANGE_M100_100;
    assertThat(ArmCalibration.normalize(PAN, mode, 1000)).isEqualTo(-100f);
    assertThat(ArmCalibration.normalize(PAN, mode, 2000)).isEqualTo(0f);
    assertThat(ArmCalibration.normalize(PAN, mode, 2500)).isEqualTo(50f);
    assertThat(ArmCalibration.normalize(PAN, mode, 3500)).as("clamped").isEqualTo(100f);
    var inverted = new ArmCalibration.Motor(1, 1, 0, 1000, 3000);
    assertThat(ArmCalibration.normalize(inverted, mode, 2500)).isEqualTo(-50f);
  }

  @Test
  void theGripperMapsOntoZeroTo100() {
    var mode = ArmCalibration.NormMode.RANGE_0_100;
    assertThat(ArmCalibration.normalize(PAN, mode, 1500)).isEqualTo(25f);
    assertThat(ArmCalibration.normalize(PAN, mode, 500)).isEqualTo(0f);
    var inverted = new ArmCalibration.Motor(6, 1, 0, 1000, 3000);
    assertThat(ArmCalibration.normalize(inverted, mode, 1500)).isEqualTo(75f);
  }

  @Test
  void degreesAreCentredOnTheRangeMiddle() {
    assertThat(ArmCalibration.normalize(PAN, ArmCalibration.NormMode.DEGREES, 2000 + 4095 / 4))
        .isEqualTo(1023 * 360f / 4095);
  }

  @Test
  void aFileWithoutARangeSaysWhichMotorAndKey(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("x.json"),
            "{\"gripper\": {\"id\": 6, \"drive_mode\": 0, \"homing_offset\": 0, \"range_min\": 10}}");
    assertThatThrownBy(() -> ArmCalibration.load(file))
        .hasMessageContaining("motor 'gripper' has no range_max");
    assertThatThrownBy(() -> ArmCalibration.load(dir.resolve("none.json")))
        .hasMessageContaining("lerobot-calibrate");
  }

  @Test
  void packetsCarryTheInvertedSumChecksumAndSignMagnitudeValues() {
    byte[] read = FeetechProtocol.instruction(1, FeetechProtocol.READ, 56, 2);
    // FF FF 01 04 02 38 02 ~(1+4+2+56+2)=~65=0xBE
    assertThat(read).containsExactly(0xFF, 0xFF, 1, 4, 2, 0x38, 2, 0xBE);
    assertThat(FeetechProtocol.decodeSignMagnitude(0x8000 | 100, 15)).isEqualTo(-100);
    assertThat(
            FeetechProtocol.decodeSignMagnitude(FeetechProtocol.encodeSignMagnitude(-1470, 11), 11))
        .isEqualTo(-1470);
  }
}
