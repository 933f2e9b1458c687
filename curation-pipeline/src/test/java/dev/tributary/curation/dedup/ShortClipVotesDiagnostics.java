package dev.tributary.curation.dedup;

import dev.tributary.curation.bench.DedupEvaluation;
import dev.tributary.curation.bench.DedupEvaluation.Query;
import dev.tributary.curation.bench.DedupEvaluation.Transform;
import dev.tributary.curation.bench.SimTakes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 16, eighteenth round (diagnosis): for every trimmed copy (TRIM, TRIM_REENCODE,
 * TRIM_RESAMPLE_UNITS) of the held-out folder's originals that the lookup misses ({@code
 * -Dtributary.realHeldOutData=DIR}, REAL left out unless {@code -Dtributary.realData} is set), the
 * clip's length, its three-moment and two-moment triplets, and the votes its original gets at the
 * true offset (within 0.15 s) in each pass with a floor of one vote, and how many other episodes
 * get as many or more in that pass. Args: copies per original (default 3). Not a test: run its main
 * on the test classpath.
 */
public final class ShortClipVotesDiagnostics {
  private ShortClipVotesDiagnostics() {}

  public static void main(String[] args) throws Exception {
    int copies = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    DedupEvaluation.Split s = new DedupEvaluation.Split("test", 12, 8, 8);
    List<DedupEvaluation.Corpus> corpora = new ArrayList<>();
    Path temp = Files.createTempDirectory("short-clip-votes");
    corpora.addAll(MissedPairDiagnostics.realCorpora(temp, copies));
    Map<String, SimTakes.Take> takes = MissedPairDiagnostics.takesById(corpora);
    NearDuplicateIndex index = DedupEvaluation.permissiveIndex();
    List<Query> queries = DedupEvaluation.run(s, corpora, index);
    NearDuplicateConfig rule = NearDuplicateConfig.defaults();
    Map<String, Integer> summary = new TreeMap<>();
    System.out.println(
        "transform | clip s / orig s | three-moment triplets | two-moment query hashes |"
            + " pass 1 votes true / others >= | pass 2 votes true / others >= | found");
    for (Query q : queries) {
      if (q.transform() != Transform.TRIM
          && q.transform() != Transform.TRIM_REENCODE
          && q.transform() != Transform.TRIM_RESAMPLE_UNITS) {
        continue;
      }
      for (String expected : q.expected()) {
        NearDuplicateMatch m = MissedPairDiagnostics.found(q, expected);
        boolean hit = MissedPairDiagnostics.counted(m, rule);
        TrajectorySketch clip = q.sketch();
        int e = index.episodeNumber(expected);
        LandmarkTriplets.ThreeMoments three = LandmarkHashes.threeMoments(clip);
        int[] two = new int[1];
        LandmarkHashes.forQuery(clip, true, (h, t) -> two[0]++);
        int[] p1 = votes(index.tally(clip, three, 1, false), e, q.expectedOffsetS());
        int[] p2 = votes(index.tally(clip, three, 1, true), e, q.expectedOffsetS());
        SimTakes.Take o = takes.get(expected);
        if (!hit) {
          System.out.printf(
              "%s | %.1f / %.1f | %d | %d | %d / %d | %d / %d | %s%n",
              q.transform(),
              clip.durationS(),
              o.trajectory().durationS(),
              three.total(),
              two[0],
              p1[0],
              p1[1],
              p2[0],
              p2[1],
              m == null ? "no" : String.format("%.5f", m.correlation()));
        }
        String key =
            String.format(
                "%s %s clip %s, pass1 %s, pass2 %s",
                q.transform(),
                hit ? "found" : "MISSED",
                clip.durationS() <= 2.6 ? "<=2.6s" : ">2.6s",
                p1[0] >= 2 ? ">=2" : String.valueOf(p1[0]),
                p2[0] >= 2 ? ">=2" : p2[0] + (p2[1] == 0 ? " alone" : " tied"));
        summary.merge(key, 1, Integer::sum);
      }
    }
    System.out.println();
    summary.forEach((k, v) -> System.out.println(v + "\t" + k));
  }

  /** Votes at the true offset, and how many other (episode, offset) bins have at least as many. */
  private static int[] votes(List<NearDuplicateIndex.Candidate> all, int e, double trueOff) {
    int mine = 0;
    for (NearDuplicateIndex.Candidate c : all) {
      if (c.episode() == e && Math.abs(c.offsetS() - trueOff) <= 0.15) {
        mine = Math.max(mine, c.votes());
      }
    }
    int others = 0;
    for (NearDuplicateIndex.Candidate c : all) {
      if (c.episode() != e && mine > 0 && c.votes() >= mine) {
        others++;
      }
    }
    return new int[] {mine, others};
  }
}
