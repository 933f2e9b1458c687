package dev.tributary.catalog.config;

import dev.tributary.schema.config.Configs;
import dev.tributary.schema.config.Default;
import java.time.Duration;

/**
 * Bounds on {@code POST /api/v1/sql}, so one caller's statement cannot hold the service's cores or
 * memory (it shares the machine with the gateway and the pipeline in the embedded setup). Each
 * limit is answered with its own error code. Config keys: {@code sql.statement-timeout}, ...
 *
 * @param statementTimeout a statement still running after this long is cancelled ({@code
 *     statement_timeout}, 422)
 * @param maxConcurrent statements running at once over all callers; one more gets 429 {@code
 *     too_many_statements} at once (no queue)
 * @param memoryLimit DuckDB's {@code memory_limit} per statement ({@code memory_limit}, 422)
 * @param maxResultBytes largest answer (JSON, approximately); a larger one is refused ({@code
 *     result_too_large}, 422) rather than cut silently; ask for fewer rows or columns
 * @param threads DuckDB threads per statement; 1 keeps a heavy statement to one core
 */
public record SqlLimits(
    @Default("30s") Duration statementTimeout,
    @Default("2") int maxConcurrent,
    @Default("512MiB") long memoryLimit,
    @Default("16MiB") long maxResultBytes,
    @Default("1") int threads) {

  public SqlLimits {
    statementTimeout = statementTimeout == null ? Duration.ofSeconds(30) : statementTimeout;
    if (statementTimeout.compareTo(Duration.ofMillis(100)) < 0
        || statementTimeout.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(
          "catalog sql.statementTimeout "
              + statementTimeout
              + " is outside 100 ms .. 1 h: default 30s");
    }
    if (maxConcurrent < 1 || maxConcurrent > 64) {
      throw new IllegalArgumentException(
          "catalog sql.maxConcurrent " + maxConcurrent + " is outside 1 .. 64: default 2");
    }
    if (memoryLimit < 16L * 1024 * 1024) {
      throw new IllegalArgumentException(
          "catalog sql.memoryLimit " + memoryLimit + " bytes is below 16 MiB: default 512MiB");
    }
    if (maxResultBytes < 1024 || maxResultBytes > 1024L * 1024 * 1024) {
      throw new IllegalArgumentException(
          "catalog sql.maxResultBytes "
              + maxResultBytes
              + " is outside 1 KiB .. 1 GiB: default 16MiB");
    }
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException(
          "catalog sql.threads " + threads + " is outside 1 .. 64: default 1");
    }
  }

  public static SqlLimits defaults() {
    return Configs.defaults(SqlLimits.class);
  }

  public SqlLimits withStatementTimeout(Duration value) {
    return Configs.with(this, "statementTimeout", value);
  }

  public SqlLimits withMaxConcurrent(int value) {
    return Configs.with(this, "maxConcurrent", value);
  }

  public SqlLimits withMemoryLimit(long value) {
    return Configs.with(this, "memoryLimit", value);
  }

  public SqlLimits withMaxResultBytes(long value) {
    return Configs.with(this, "maxResultBytes", value);
  }
}
