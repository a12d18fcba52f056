package org.urbanmine.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.regexp_extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.tables.TableSpec;

/**
 * {@code runs}: one row per run of a command that writes the warehouse, whatever its outcome.
 * Rewritten and published as a new version at the end of every run, like any other table.
 */
public final class RunHistory {
  public static final String RUN_ID = "run_id";
  public static final String COMMAND = "command";
  public static final String SCENARIO = "scenario";
  public static final String STARTED_AT = "started_at";
  public static final String FINISHED_AT = "finished_at";
  public static final String STATUS = "status";
  public static final String CONFIG_HASH = "config_hash";
  public static final String INPUTS = "inputs";
  public static final String TABLE_ROWS = "table_rows";
  public static final String REJECTED_ROWS = "rejected_rows";
  public static final String STAGE_SECONDS = "stage_seconds";
  public static final String CODE_VERSION = "code_version";
  public static final String MESSAGE = "message";

  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";

  public static final TableSpec TABLE = TableSpec.builder("runs",
          "One row per run of a command that writes the warehouse, whatever its outcome.")
      .column(RUN_ID, DataTypes.StringType, "run id: start time (UTC) and a random suffix")
      .column(COMMAND, DataTypes.StringType, "nightly, ingest, aggregate, ewaste, forecast, outlook, compare or rollback")
      .column(SCENARIO, DataTypes.StringType, "scenario name (baseline unless --scenario)")
      .column(STARTED_AT, DataTypes.TimestampType, "when the run started")
      .column(FINISHED_AT, DataTypes.TimestampType, "when it ended")
      .column(STATUS, DataTypes.StringType, "succeeded, failed, or skipped (nothing changed since an earlier run)")
      .column(CONFIG_HASH, DataTypes.StringType, "first 12 hex digits of SHA-256 of the resolved configuration")
      .column(INPUTS, DataTypes.StringType,
          "JSON array of {path, size_bytes, sha256, modified_at (ms since the epoch)} per input file;"
              + " a recovery-record file's sha256 is its SHA-256 up to 4 MiB, else the SHA-256 of its 4 MiB"
              + " blocks' SHA-256s")
      .column(TABLE_ROWS, DataTypes.StringType, "JSON object: rows written per table")
      .column(REJECTED_ROWS, DataTypes.LongType, "input rows rejected; null when the run did not ingest")
      .column(STAGE_SECONDS, DataTypes.StringType, "JSON object: seconds per stage")
      .column(CODE_VERSION, DataTypes.StringType, "version and commit of the code, e.g. 0.1.0+1a2b3c4")
      .column(MESSAGE, DataTypes.StringType, "why it failed or was skipped, or what it did")
      .unit(REJECTED_ROWS, "rows")
      .key(RUN_ID)
      .build();

  /** One run's row, filled as the run goes. */
  public static final class Entry {
    final String runId;
    final String command;
    final String scenario;
    final Instant startedAt;
    final String configHash;
    String inputs = "[]";
    final Map<String, Long> tableRows = new LinkedHashMap<>();
    Long rejectedRows;
    final Map<String, Double> stageSeconds = new LinkedHashMap<>();
    String message;

    public Entry(String runId, String command, String scenario, Instant startedAt, String configHash) {
      this.runId = runId;
      this.command = command;
      this.scenario = scenario;
      this.startedAt = startedAt;
      this.configHash = configHash;
    }

    public void inputs(String json) {
      inputs = json;
    }

    public String message() {
      return message;
    }

    public void message(String text) {
      message = text;
    }

    /** A finished stage: its seconds, the rows it wrote, its rejected rows where it counts them (>= 0). */
    public void stageDone(String stage, double seconds, Map<String, Long> written, long rejected) {
      tableRows.putAll(written);
      stageSeconds.put(stage, Math.round(seconds * 10) / 10.0);
      if (rejected >= 0) {
        rejectedRows = rejected;
      }
    }

    Map<String, Object> toValues(String status, Instant finishedAt) {
      Map<String, Object> values = new HashMap<>();
      values.put(RUN_ID, runId);
      values.put(COMMAND, command);
      values.put(SCENARIO, scenario);
      values.put(STARTED_AT, Timestamp.from(startedAt));
      values.put(FINISHED_AT, Timestamp.from(finishedAt));
      values.put(STATUS, status);
      values.put(CONFIG_HASH, configHash);
      values.put(INPUTS, inputs);
      values.put(TABLE_ROWS, JsonText.object(tableRows));
      values.put(REJECTED_ROWS, rejectedRows);
      values.put(STAGE_SECONDS, JsonText.object(stageSeconds));
      values.put(CODE_VERSION, BuildInfo.codeVersion());
      values.put(MESSAGE, message);
      return values;
    }
  }

  private RunHistory() {}

  /**
   * Appends the entry with its outcome and publishes the new history, keeping as many versions
   * as any table ({@code urbanmine.publish.keep-versions}). Read and written with Parquet's own
   * reader and writer: a few kilobytes, not worth a Spark job, and a run that has nothing to do
   * records so before Spark starts.
   */
  public static void record(Warehouse warehouse, int keepVersions, Entry entry, String status) {
    List<Map<String, Object>> history = new ArrayList<>(publishedRuns(warehouse));
    history.add(entry.toValues(status, Instant.now()));
    warehouse.stageSmall(TABLE, history);
    warehouse.publish(List.of(TABLE), keepVersions);
  }

  /**
   * The latest succeeded run of {@code command} with this configuration, inputs and code, if any.
   * Read without Spark ({@link #publishedRuns}): a run that has nothing to do starts no Spark job.
   */
  public static Optional<String> lastIdentical(Warehouse warehouse, Entry entry) {
    String inputs = entry.inputs.replaceAll(TOUCHED, "");
    String code = BuildInfo.codeVersion();
    return publishedRuns(warehouse).stream()
        .filter(r -> same(entry.command, r.get(COMMAND)) && same(SUCCEEDED, r.get(STATUS))
            && same(entry.scenario, r.get(SCENARIO)) && same(entry.configHash, r.get(CONFIG_HASH))
            && r.get(INPUTS) instanceof String recorded && inputs.equals(recorded.replaceAll(TOUCHED, ""))
            && same(code, r.get(CODE_VERSION)))
        .sorted(NEWEST_FIRST)
        .map(r -> (String) r.get(RUN_ID))
        .findFirst();
  }

  /** Equal and not null, as a SQL comparison holds. */
  private static boolean same(Object expected, Object recorded) {
    return expected != null && expected.equals(recorded);
  }

  /**
   * Every row of the published history (or of the one this run staged), each as column name to
   * value, read with Parquet's own reader: the history is a few kilobytes, and the questions
   * asked of it before a run's first stage are not worth a Spark query each (a second or more,
   * the first in a fresh JVM). Empty when there is no history.
   */
  private static List<Map<String, Object>> publishedRuns(Warehouse warehouse) {
    return warehouse.isPublished(TABLE) || warehouse.isStaged(TABLE) ? warehouse.readSmall(TABLE) : List.of();
  }

  /** Started later first; rows without a start last (as Spark's descending order puts nulls). */
  private static final Comparator<Map<String, Object>> NEWEST_FIRST = Comparator.comparing(
      (Map<String, Object> r) -> (Timestamp) r.get(STARTED_AT), Comparator.nullsFirst(Comparator.naturalOrder()))
      .reversed();

  /** A run as the history records its outcome; {@code finishedAt} null where the row has none. */
  public record Outcome(String runId, String command, String scenario, String status, Instant finishedAt) {}

  /** The newest run of the published history (by start), read without Spark; empty if there is none. */
  public static Optional<Outcome> newest(Warehouse warehouse) {
    if (!warehouse.isPublished(TABLE)) {
      return Optional.empty();
    }
    return warehouse.readSmallPublished(TABLE).stream().sorted(NEWEST_FIRST).findFirst()
        .map(r -> new Outcome((String) r.get(RUN_ID), (String) r.get(COMMAND), (String) r.get(SCENARIO),
            (String) r.get(STATUS), r.get(FINISHED_AT) instanceof Timestamp t ? t.toInstant() : null));
  }

  /** The key of a file's modification time in {@link #INPUTS}. */
  public static final String MODIFIED_AT = "modified_at";
  /** A file's modification time in {@link #INPUTS}: a file touched but unchanged is the same input. */
  private static final String TOUCHED = ",\"" + MODIFIED_AT + "\":-?[0-9]+";

  /**
   * An input file as a run recorded it in {@link #INPUTS}.
   *
   * @param details the entry's other text values (a record file's dialect), by key, in order
   */
  public record RecordedInput(String path, long sizeBytes, String sha256, long modifiedAt,
      Map<String, String> details) {}

  /**
   * The newest fingerprint each input file had in a succeeded run, by path: what a run may take
   * instead of reading a file again whose size and modification time are unchanged.
   */
  public static Map<String, RecordedInput> lastFingerprints(Warehouse warehouse) {
    Map<String, RecordedInput> known = new HashMap<>();
    Map<String, Timestamp> seenAt = new HashMap<>();
    for (Map<String, Object> run : publishedRuns(warehouse)) {
      if (!SUCCEEDED.equals(run.get(STATUS)) || !(run.get(STARTED_AT) instanceof Timestamp started)
          || !(run.get(INPUTS) instanceof String inputs)) {
        continue;
      }
      for (JsonNode file : inputFiles(inputs)) {
        JsonNode path = file.get("path");
        JsonNode size = file.get("size_bytes");
        JsonNode modified = file.get(MODIFIED_AT);
        if (path == null || !path.isTextual() || !isLong(size) || !isLong(modified)) {
          continue;
        }
        Timestamp newest = seenAt.get(path.asText());
        if (newest == null || started.after(newest)) {
          seenAt.put(path.asText(), started);
          JsonNode sha = file.get("sha256");
          Map<String, String> details = new LinkedHashMap<>();
          file.fields().forEachRemaining(f -> {
            if (f.getValue().isTextual() && !List.of("path", "sha256").contains(f.getKey())) {
              details.put(f.getKey(), f.getValue().asText());
            }
          });
          known.put(path.asText(), new RecordedInput(path.asText(), size.asLong(),
              sha == null || sha.isNull() ? null : sha.asText(), modified.asLong(), details));
        }
      }
    }
    return known;
  }

  private static boolean isLong(JsonNode value) {
    return value != null && value.canConvertToLong() && value.isIntegralNumber();
  }

  /** The files of an {@link #INPUTS} array; none if it is not one. */
  private static List<JsonNode> inputFiles(String inputs) {
    List<JsonNode> files = new ArrayList<>();
    try {
      JsonNode array = JSON.readTree(inputs);
      if (array != null && array.isArray()) {
        array.forEach(f -> {
          if (f.isObject()) {
            files.add(f);
          }
        });
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // Unreadable, as Spark's from_json took it: no files.
    }
    return files;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@link #INPUTS} as read back: each file's path and SHA-256. */
  private static final DataType INPUT_FILES = DataTypes.createArrayType(
      new StructType().add("path", DataTypes.StringType).add("sha256", DataTypes.StringType));
  /** The folder of a path in {@link #INPUTS}, as {@link #folderOf} says. */
  private static final String FOLDER = "^(.*)/[^/]*$";

  /** The folder of an input file's path: all before its last {@code /} ("" if none). */
  public static String folderOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /**
   * A succeeded run as the history recorded it.
   *
   * @param inputs SHA-256 by path of the input files the run read itself
   */
  public record RecordedRun(String runId, String scenario, Instant startedAt, String codeVersion,
      Map<String, String> inputs) {}

  /**
   * The run that wrote {@code scenario}'s partition of {@code table} as now published: the latest
   * succeeded run of that scenario that wrote the table, started no later than the run whose
   * version of the table is current (after a rollback, a later run's partition is not the one
   * published). Empty when the history records none.
   */
  public static Optional<RecordedRun> lastWriter(Warehouse warehouse, TableSpec table, String scenario) {
    if (!warehouse.isPublished(TABLE)) {
      return Optional.empty();
    }
    Dataset<Row> runs = warehouse.read(TABLE);
    Column wrote = col(STATUS).equalTo(SUCCEEDED).and(col(SCENARIO).equalTo(scenario))
        .and(get_json_object(col(TABLE_ROWS), "$." + table.name()).isNotNull());
    Optional<String> current = warehouse.versions().current(table.name());
    if (current.isPresent()) {
      List<Row> at = runs.filter(col(RUN_ID).equalTo(current.get())).select(STARTED_AT).collectAsList();
      if (!at.isEmpty()) {
        wrote = wrote.and(col(STARTED_AT).leq(lit(at.get(0).getTimestamp(0))));
      }
    }
    List<Row> found = runs.filter(wrote).orderBy(col(STARTED_AT).desc()).limit(1)
        .select(col(RUN_ID), col(STARTED_AT), col(CODE_VERSION), from_json(col(INPUTS), INPUT_FILES))
        .collectAsList();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Row run = found.get(0);
    Map<String, String> inputs = new LinkedHashMap<>();
    if (!run.isNullAt(3)) {
      run.<Row>getList(3).forEach(f -> inputs.put(f.getString(0), f.getString(1)));
    }
    return Optional.of(new RecordedRun(run.getString(0), scenario, run.getTimestamp(1).toInstant(),
        run.getString(2), inputs));
  }

  /**
   * SHA-256 by path of the input files in {@code folders} as the history last saw them at
   * {@code at}: of each folder, the files that the newest succeeded run started no later than
   * {@code at} among those that read a file there recorded. A folder no such run read is left out.
   * What a run read through published tables (a forecast reads the records an earlier ingest read)
   * shows here as the files that earlier run recorded.
   */
  public static Map<String, String> inputsAsSeen(Warehouse warehouse, Instant at, Set<String> folders) {
    Map<String, String> seen = new LinkedHashMap<>();
    if (folders.isEmpty() || !warehouse.isPublished(TABLE)) {
      return seen;
    }
    Dataset<Row> files = warehouse.read(TABLE)
        .filter(col(STATUS).equalTo(SUCCEEDED).and(col(STARTED_AT).leq(lit(Timestamp.from(at)))))
        .select(col(STARTED_AT), explode(from_json(col(INPUTS), INPUT_FILES)).as("f"))
        .select(col(STARTED_AT), col("f.path").as("path"), col("f.sha256").as("sha256"),
            regexp_extract(col("f.path"), FOLDER, 1).as("folder"))
        .filter(col("folder").isin(folders.toArray()));
    Dataset<Row> newest = files.groupBy("folder").agg(max(STARTED_AT).as("newest"));
    files.join(newest, "folder").filter(col(STARTED_AT).equalTo(col("newest")))
        .select("path", "sha256").collectAsList()
        .forEach(r -> seen.put(r.getString(0), r.getString(1)));
    return seen;
  }

  /** Prints the {@code limit} most recent runs, newest first. */
  public static void show(Warehouse warehouse, int limit) {
    if (!warehouse.isPublished(TABLE)) {
      System.out.println("no runs recorded in " + Warehouse.display(warehouse.root()));
      return;
    }
    warehouse.read(TABLE)
        .orderBy(col(STARTED_AT).desc())
        .select(col(RUN_ID), col(COMMAND), col(SCENARIO), col(STATUS), col(STARTED_AT),
            org.apache.spark.sql.functions.round(
                col(FINISHED_AT).cast("double").minus(col(STARTED_AT).cast("double")), 1).as("seconds"),
            col(REJECTED_ROWS), col(CODE_VERSION), col(MESSAGE))
        .show(limit, 100);
  }
}
