package dev.tributary.catalog.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.iceberg.inmemory.InMemoryFileIO;
import org.junit.jupiter.api.Test;

class RemoteFileCacheTest {
  @Test
  void aRemoteDataFileIsFetchedOnceAndServedLocallyAfterwards() throws Exception {
    InMemoryFileIO io = new InMemoryFileIO();
    String location =
        "s3://lake/warehouse/tributary/episodes/data/" + UUID.randomUUID() + ".parquet";
    io.addFile(location, "PAR1 data".getBytes(StandardCharsets.UTF_8));

    Path first = RemoteFileCache.local(io, location);
    assertThat(Files.readString(first)).isEqualTo("PAR1 data");
    io.deleteFile(location); // immutable once committed: the copy is all later reads need
    assertThat(RemoteFileCache.local(io, location)).isEqualTo(first);
    Files.delete(first);
  }

  @Test
  void aFileThatCannotBeFetchedSaysWhich() {
    String location = "s3://lake/missing-" + UUID.randomUUID() + ".parquet";
    assertThatThrownBy(() -> RemoteFileCache.local(new InMemoryFileIO(), location))
        .hasMessageContaining(location);
  }
}
