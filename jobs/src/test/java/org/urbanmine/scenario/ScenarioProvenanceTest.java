package org.urbanmine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The decision of {@code compare} on two scenarios' records (no Spark): alike when the code
 * version and the input files of the folders both sides know are the same; else a warning naming
 * both scenarios, their runs and days, what differs, and the scenario computed first to rerun.
 * ScenarioComparisonPipelineTest reads the records from a real run history.
 */
class ScenarioProvenanceTest {
  private static final String OLD_CODE = "0.1.0+1a2b3c4";
  private static final String NEW_CODE = "0.1.0+4d5e6f7";
  private static final String RECORDS = "file:/data/records/";
  private static final String EWASTE = "file:/data/ewaste/";

  private static Map<String, String> inputs(String... pathsAndShas) {
    Map<String, String> inputs = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndShas.length; i += 2) {
      inputs.put(pathsAndShas[i], pathsAndShas[i + 1]);
    }
    return inputs;
  }

  private static final Map<String, String> SAME = inputs(RECORDS + "a.csv", "aa11", EWASTE + "pom.csv", "ee22");

  private static ScenarioProvenance.Computed baseline(String code, Map<String, String> inputs) {
    return new ScenarioProvenance.Computed("baseline", "20261201T020000Z-aaaaaa",
        Instant.parse("2026-12-01T02:00:00Z"), code, inputs);
  }

  private static ScenarioProvenance.Computed highCollection(String code, Map<String, String> inputs) {
    return new ScenarioProvenance.Computed("high-collection", "20261206T023000Z-bbbbbb",
        Instant.parse("2026-12-06T02:30:00Z"), code, inputs);
  }

  @Test
  void sameCodeAndInputsCompareLikeWithLike() {
    assertThat(ScenarioProvenance.unlike(baseline(OLD_CODE, SAME), highCollection(OLD_CODE, SAME))).isEmpty();
    // Input files in a folder only one side knows (another path one configuration names) say nothing.
    Map<String, String> more = new LinkedHashMap<>(SAME);
    more.put("file:/elsewhere/pom.csv", "ff33");
    assertThat(ScenarioProvenance.unlike(baseline(OLD_CODE, SAME), highCollection(OLD_CODE, more))).isEmpty();
  }

  @Test
  void otherCodeNamesBothScenariosRunsAndDaysAndTheOneToRerun() {
    assertThat(ScenarioProvenance.unlike(baseline(OLD_CODE, SAME), highCollection(NEW_CODE, SAME))).contains(
        "scenario baseline was computed by code 0.1.0+1a2b3c4 (run 20261201T020000Z-aaaaaa, 2026-12-01) and"
            + " high-collection by code 0.1.0+4d5e6f7 (run 20261206T023000Z-bbbbbb, 2026-12-06): different code;"
            + " rerun jobs/run nightly --scenario baseline to compare like with like");
    // A second side computed first: it is the one to rerun.
    assertThat(ScenarioProvenance.unlike(highCollection(NEW_CODE, SAME), baseline(OLD_CODE, SAME)).orElseThrow())
        .startsWith("scenario high-collection was computed by code 0.1.0+4d5e6f7 (run 20261206T023000Z-bbbbbb,"
            + " 2026-12-06) and baseline by code 0.1.0+1a2b3c4")
        .endsWith("rerun jobs/run nightly --scenario baseline to compare like with like");
  }

  @Test
  void otherInputFilesAreNamedWithWhatDiffers() {
    // high-collection saw a.csv with other bytes and a new b.csv in the records folder; pom.csv is
    // the same; x.csv is in a folder the baseline's side never saw: not compared.
    Map<String, String> later = inputs(RECORDS + "a.csv", "aa99", RECORDS + "b.csv", "bb11", EWASTE + "pom.csv", "ee22",
        "file:/elsewhere/x.csv", "ff33");
    assertThat(ScenarioProvenance.unlike(baseline(OLD_CODE, SAME), highCollection(OLD_CODE, later))).contains(
        "scenario baseline was computed by code 0.1.0+1a2b3c4 (run 20261201T020000Z-aaaaaa, 2026-12-01) and"
            + " high-collection by code 0.1.0+1a2b3c4 (run 20261206T023000Z-bbbbbb, 2026-12-06): different input"
            + " files: file:/data/records/a.csv (changed), file:/data/records/b.csv (only in high-collection's"
            + " inputs); rerun jobs/run nightly --scenario baseline to compare like with like");
    // A file gone from a folder both know differs too; with other code, both are said.
    Map<String, String> fewer = inputs(EWASTE + "pom.csv", "ee22", RECORDS + "c.csv", "cc11");
    assertThat(ScenarioProvenance.unlike(baseline(OLD_CODE, SAME), highCollection(NEW_CODE, fewer)).orElseThrow())
        .contains("): different code and input files: file:/data/records/a.csv (only in baseline's inputs),"
            + " file:/data/records/c.csv (only in high-collection's inputs); rerun");
  }

  @Test
  void manyFilesAreCounted() {
    // 7 records files, each with other bytes: the first 5 by path are named, the other 2 counted.
    Map<String, String> before = new LinkedHashMap<>();
    Map<String, String> after = new LinkedHashMap<>();
    for (int i = 1; i <= 7; i++) {
      before.put(RECORDS + "f" + i + ".csv", "old" + i);
      after.put(RECORDS + "f" + i + ".csv", "new" + i);
    }
    assertThat(ScenarioProvenance.unlike(baseline(OLD_CODE, before), highCollection(OLD_CODE, after)).orElseThrow())
        .contains("files: file:/data/records/f1.csv (changed), file:/data/records/f2.csv (changed),"
            + " file:/data/records/f3.csv (changed), file:/data/records/f4.csv (changed),"
            + " file:/data/records/f5.csv (changed) and 2 more; rerun");
  }
}
