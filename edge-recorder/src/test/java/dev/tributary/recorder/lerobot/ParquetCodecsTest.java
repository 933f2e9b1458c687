package dev.tributary.recorder.lerobot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ParquetRows reads without Hadoop's codecs: files written by parquet-hadoop (with snappy-java,
 * zstd-jni, ... on this test class path) in every codec ParquetCodecs has come back bit for bit.
 */
class ParquetCodecsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
  void readsEveryCodecBitForBit(CompressionCodecName codec) throws Exception {
    DatasetFixture fixture =
        new DatasetFixture(dir.resolve("ds"), "v2.1", List.of(), 300).withCompression(codec);
    Path file = dir.resolve("data.parquet");
    fixture.writeData(file, 0, 1);
    try (ParquetFileReader written = ParquetFileReader.open(new LocalInputFile(file))) {
      assertThat(written.getFooter().getBlocks().get(0).getColumns())
          .allMatch(c -> c.getCodec() == codec);
    }
    List<Group> rows = ParquetRows.readAll(file);
    assertThat(rows).hasSize(300);
    for (int i = 0; i < rows.size(); i++) {
      float[] state = ParquetRows.floatList(rows.get(i), "observation.state");
      float[] action = ParquetRows.floatList(rows.get(i), "action");
      for (int j = 0; j < DatasetFixture.SO101.length; j++) {
        assertThat(Float.floatToRawIntBits(state[j]))
            .isEqualTo(Float.floatToRawIntBits(DatasetFixture.value(0, i, j, false)));
        assertThat(Float.floatToRawIntBits(action[j]))
            .isEqualTo(Float.floatToRawIntBits(DatasetFixture.value(0, i, j, true)));
      }
      assertThat(ParquetRows.getLong(rows.get(i), "frame_index")).isEqualTo(i);
    }
  }

  @Test
  void aCodecItLacksIsNamedInOneLine() {
    assertThatThrownBy(() -> ParquetCodecs.INSTANCE.getDecompressor(CompressionCodecName.BROTLI))
        .hasMessageContaining("compressed with BROTLI, which the recorder cannot read");
  }

  @Test
  void aCorruptPageIsAnIoErrorNotACrash() {
    byte[] garbage = new byte[64];
    java.util.Arrays.fill(garbage, (byte) 0xff);
    for (CompressionCodecName codec :
        List.of(
            CompressionCodecName.SNAPPY,
            CompressionCodecName.ZSTD,
            CompressionCodecName.LZ4_RAW,
            CompressionCodecName.GZIP)) {
      assertThatThrownBy(
              () ->
                  ParquetCodecs.INSTANCE
                      .getDecompressor(codec)
                      .decompress(BytesInput.from(garbage), 1000))
          .as(codec.name())
          .isInstanceOf(java.io.IOException.class);
    }
  }
}
