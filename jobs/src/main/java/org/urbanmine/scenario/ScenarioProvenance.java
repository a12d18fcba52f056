package org.urbanmine.scenario;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.urbanmine.publish.RunHistory;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.tables.MetalForecastTable;

/**
 * Whether two scenarios' published {@code metal_forecast} partitions were computed alike: by the
 * same code, from the same input files (the scenarios' configurations are meant to differ and are
 * not compared). A comparison of a fresh partition against a stale one measures the code's or the
 * data's change as much as the scenarios', so {@code compare} says so.
 *
 * <p>What computed a partition is read from {@code runs}: the run that wrote it
 * ({@link RunHistory#lastWriter}), its code version, and the input files as the history saw them
 * when it started ({@link RunHistory#inputsAsSeen}). Input files are compared folder by folder,
 * over the folders either run read itself, and only where both sides know the folder: a
 * {@code forecast --scenario} run reads no records but rests on the records the ingest before it
 * read, while a folder neither side had seen says nothing either way (a path only one scenario's
 * configuration names, say).
 */
public final class ScenarioProvenance {
  /** Input files named in a warning; the rest are counted. */
  static final int FILES_NAMED = 5;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private ScenarioProvenance() {}

  /**
   * One scenario's partition as computed.
   *
   * @param runId the run that wrote it
   * @param inputs SHA-256 by path of the input files as the history saw them when that run started
   */
  public record Computed(String scenario, String runId, Instant startedAt, String codeVersion,
      Map<String, String> inputs) {}

  /**
   * Why scenarios {@code a} and {@code b} as published do not compare like with like, in words,
   * naming both, or null when they do: both computed by the same code from the same input files.
   */
  public static String warning(Warehouse warehouse, String a, String b) {
    Optional<RunHistory.RecordedRun> runA = RunHistory.lastWriter(warehouse, MetalForecastTable.TABLE, a);
    Optional<RunHistory.RecordedRun> runB = RunHistory.lastWriter(warehouse, MetalForecastTable.TABLE, b);
    if (runA.isEmpty() || runB.isEmpty()) {
      return untraced(a, b, runA.isEmpty() ? a : b);
    }
    Set<String> folders = new TreeSet<>(folders(runA.get().inputs()));
    folders.addAll(folders(runB.get().inputs()));
    return unlike(computed(warehouse, runA.get(), folders), computed(warehouse, runB.get(), folders)).orElse(null);
  }

  private static Computed computed(Warehouse warehouse, RunHistory.RecordedRun run, Set<String> folders) {
    return new Computed(run.scenario(), run.runId(), run.startedAt(), run.codeVersion(),
        RunHistory.inputsAsSeen(warehouse, run.startedAt(), folders));
  }

  /** The warning when the history records no run that wrote {@code missing}'s partition. */
  static String untraced(String a, String b, String missing) {
    return "cannot tell whether scenarios " + a + " and " + b + " were computed alike: the run history ("
        + RunHistory.TABLE.name() + ") records no succeeded run of scenario " + missing + " that wrote its "
        + MetalForecastTable.TABLE.name() + " partition; " + rerun(missing);
  }

  /**
   * What differs between how {@code a} and {@code b} were computed, naming both scenarios, their
   * runs and days, and the scenario to rerun (the one computed first); empty when nothing does.
   * Input files are compared in the folders both sides know; in those, a file on one side only
   * differs as much as a changed one.
   */
  public static Optional<String> unlike(Computed a, Computed b) {
    boolean code = !Objects.equals(a.codeVersion(), b.codeVersion());
    Set<String> shared = folders(a.inputs());
    shared.retainAll(folders(b.inputs()));
    Set<String> paths = new TreeSet<>();
    for (Map<String, String> inputs : List.of(a.inputs(), b.inputs())) {
      inputs.keySet().stream().filter(p -> shared.contains(RunHistory.folderOf(p))).forEach(paths::add);
    }
    List<String> files = new ArrayList<>();
    for (String path : paths) {
      String shaA = a.inputs().get(path);
      String shaB = b.inputs().get(path);
      if (shaA == null) {
        files.add(path + " (only in " + b.scenario() + "'s inputs)");
      } else if (shaB == null) {
        files.add(path + " (only in " + a.scenario() + "'s inputs)");
      } else if (!shaA.equals(shaB)) {
        files.add(path + " (changed)");
      }
    }
    if (!code && files.isEmpty()) {
      return Optional.empty();
    }
    String what = code && !files.isEmpty() ? "different code and input files: " + named(files)
        : code ? "different code" : "different input files: " + named(files);
    Computed first = b.startedAt().isBefore(a.startedAt()) ? b : a;
    return Optional.of("scenario " + a.scenario() + " was computed by code " + a.codeVersion() + " (run "
        + a.runId() + ", " + DAY.format(a.startedAt()) + ") and " + b.scenario() + " by code " + b.codeVersion()
        + " (run " + b.runId() + ", " + DAY.format(b.startedAt()) + "): " + what + "; " + rerun(first.scenario()));
  }

  private static String rerun(String scenario) {
    return "rerun jobs/run nightly --scenario " + scenario + " to compare like with like";
  }

  private static String named(List<String> files) {
    String shown = String.join(", ", files.subList(0, Math.min(files.size(), FILES_NAMED)));
    return files.size() <= FILES_NAMED ? shown : shown + " and " + (files.size() - FILES_NAMED) + " more";
  }

  private static Set<String> folders(Map<String, String> inputs) {
    return inputs.keySet().stream().map(RunHistory::folderOf).collect(Collectors.toCollection(TreeSet::new));
  }
}
