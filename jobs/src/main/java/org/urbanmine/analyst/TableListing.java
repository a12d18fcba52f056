package org.urbanmine.analyst;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.tables.TableSpec;

/** {@code jobs/run tables}: what is published, how big, in which partitions, from which run. */
public final class TableListing {
  private TableListing() {}

  /**
   * One table's state. {@code rows} is null and {@code lastRun} empty when it is not published.
   *
   * @param partitions its published partitions, e.g. {@code scenario=baseline}
   */
  public record Entry(String table, Long rows, List<String> partitions, Optional<String> lastRun) {}

  /** Counts each published table's rows (a footer read per file: Parquet keeps the counts). */
  public static List<Entry> list(Warehouse warehouse, List<TableSpec> tables) {
    List<Entry> entries = new ArrayList<>();
    for (TableSpec table : tables) {
      if (warehouse.isPublished(table)) {
        entries.add(new Entry(table.name(), warehouse.readPublished(table).count(),
            warehouse.publishedPartitions(table), warehouse.versions().current(table.name())));
      } else {
        entries.add(new Entry(table.name(), null, List.of(), Optional.empty()));
      }
    }
    return entries;
  }

  public static String format(List<Entry> entries) {
    List<List<String>> rows = new ArrayList<>();
    for (Entry e : entries) {
      rows.add(List.of(e.table(), e.rows() == null ? "-" : e.rows().toString(),
          e.partitions().isEmpty() ? "-" : String.join(", ", e.partitions()),
          e.lastRun().orElse(e.rows() == null ? "not published" : "-")));
    }
    return AlignedTable.format(List.of("table", "rows", "partitions", "last run"), rows,
        List.of(false, true, false, false));
  }
}
