package dev.tributary.gateway.auth;

import dev.tributary.schema.RegistryEntry;
import java.util.concurrent.CompletionStage;

/**
 * Where registry changes are made durable: the compacted registry topic in production, a list in
 * tests. The answer completes with the record's offset once the write is acknowledged.
 */
public interface RegistryLog {
  CompletionStage<Long> append(String key, RegistryEntry entry);
}
