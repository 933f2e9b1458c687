package dev.tributary.curation.diversity;

import dev.tributary.curation.state.StateReader;
import dev.tributary.curation.state.StateWriter;
import dev.tributary.schema.EpisodeManifest;
import java.util.HashMap;
import java.util.Map;

/**
 * Scores what an episode adds to the corpus: its diversity vector, its novelty against accepted
 * episodes of the same robot and task, and its coverage cell. Holds the novelty index; the pipeline
 * rebuilds it from the {@code episodes} table on start-up. Single-threaded.
 */
public final class DiversityScorer {
  private final int sceneLength;
  private final NoveltyIndex novelty;
  private final Map<Integer, CoverageCells> cellsByDimension = new HashMap<>();

  /**
   * @param sceneLength length of the scene block (0 when the pipeline samples no video)
   */
  public DiversityScorer(int sceneLength, NoveltyIndex novelty) {
    this.sceneLength = sceneLength;
    this.novelty = novelty;
  }

  /**
   * The episode's diversity vector (see {@link DiversityVector}).
   *
   * @param state the episode's {@code state[joint][sample]}
   */
  public float[] vector(EpisodeManifest m, float[][] state, float[] sceneOrNull) {
    float[] motion = MotionFeatures.of(m.getJoints(), state, m.getJointRateHz());
    return DiversityVector.of(sceneOrNull, sceneLength, motion, TaskFeatures.of(m.getTask()));
  }

  /** Novelty and cell of a vector, without recording it. */
  public Diversity score(String robotType, String task, float[] vector) {
    String group = NoveltyIndex.group(robotType, task);
    return new Diversity(vector, novelty.novelty(group, vector), cellOf(vector));
  }

  /** Records an accepted episode so later ones are compared with it. */
  public void accept(String robotType, String task, String episodeId, float[] vector) {
    novelty.add(NoveltyIndex.group(robotType, task), episodeId, vector);
  }

  public int cellOf(float[] vector) {
    return cellsByDimension.computeIfAbsent(vector.length, CoverageCells::new).cellOf(vector);
  }

  public long indexed() {
    return novelty.size();
  }

  /** Saves the scene length and the novelty index (coverage cells are derived, not saved). */
  public void writeTo(StateWriter out) {
    out.writeInt(sceneLength);
    novelty.writeTo(out);
  }

  public static DiversityScorer readFrom(StateReader in) {
    int sceneLength = in.readInt();
    return new DiversityScorer(sceneLength, NoveltyIndex.readFrom(in));
  }

  /**
   * @param novelty in [0, 1]: 1 for the first of its kind
   */
  public record Diversity(float[] vector, double novelty, int cell) {}
}
