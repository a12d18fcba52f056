package org.urbanmine.stage;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a stage read and wrote, in rows, for the run log. */
public final class StageReport {
  private final Map<String, Long> read = new LinkedHashMap<>();
  private final Map<String, Long> written = new LinkedHashMap<>();
  private long rejected = -1;
  private double seconds;
  private SparkActivity.Counts activity = new SparkActivity.Counts(0, 0, 0);

  public StageReport read(String what, long rows) {
    read.put(what, rows);
    return this;
  }

  public StageReport wrote(String table, long rows) {
    written.put(table, rows);
    return this;
  }

  public StageReport rejected(long rows) {
    this.rejected = rows;
    return this;
  }

  public StageReport seconds(double value) {
    this.seconds = value;
    return this;
  }

  public StageReport activity(SparkActivity.Counts counts) {
    this.activity = counts;
    return this;
  }

  /** The Spark jobs, stages and queries the stage launched. */
  public SparkActivity.Counts activity() {
    return activity;
  }

  public double seconds() {
    return seconds;
  }

  public Map<String, Long> read() {
    return read;
  }

  public Map<String, Long> written() {
    return written;
  }

  /** Rows rejected, or -1 where the stage rejects nothing by design. */
  public long rejected() {
    return rejected;
  }

  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append("read ").append(render(read)).append("; wrote ").append(render(written));
    if (rejected >= 0) {
      sb.append("; rejected ").append(rejected);
    }
    return sb.toString();
  }

  private static String render(Map<String, Long> rows) {
    if (rows.isEmpty()) {
      return "nothing";
    }
    StringBuilder sb = new StringBuilder();
    rows.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(" (").append(v).append(" rows)"));
    return sb.toString();
  }
}
