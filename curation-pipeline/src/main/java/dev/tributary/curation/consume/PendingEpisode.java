package dev.tributary.curation.consume;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.verdict.Decision;

/**
 * A decided episode waiting for the next commit.
 *
 * @param toEpisodes whether its row is still missing from {@code episodes}
 * @param toFrames whether its samples are still missing from {@code frames}
 */
record PendingEpisode(
    AssembledEpisode episode, Decision decision, boolean toEpisodes, boolean toFrames) {}
