package org.urbanmine.analyst;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.urbanmine.tables.TableSpec;

/**
 * {@code jobs/run describe TABLE}: a table's contract as the jobs write it, from the same
 * {@link TableSpec} (the same names, types, units and meanings are in every Parquet file's
 * footer), so what an analyst reads cannot drift from what is written.
 */
public final class TableDescription {
  private TableDescription() {}

  /** @param location where the table's files are, for the reader to point a tool at */
  public static String describe(TableSpec table, String location) {
    StringBuilder out = new StringBuilder();
    out.append(table.name()).append(": ").append(table.description()).append('\n');
    out.append("files:       ").append(location).append(" (Parquet, ").append(
        table.isPartitioned() ? "Hive-style partitions " + String.join("/", partitionPattern(table)) : "one file")
        .append(")\n");
    out.append("key:         ").append(table.key().isEmpty() ? "(none)" : String.join(", ", table.key())).append('\n');
    out.append("sorted by:   ").append(String.join(", ", table.fileSortColumns())).append(" (within each file)\n\n");
    List<List<String>> rows = new ArrayList<>();
    for (StructField field : table.schema().fields()) {
      rows.add(List.of(field.name(), field.dataType().simpleString(), TableSpec.unitOf(field),
          TableSpec.meaningOf(field)));
    }
    out.append(AlignedTable.format(List.of("column", "type", "unit", "meaning"), rows,
        Collections.nCopies(4, false)));
    return out.toString();
  }

  private static List<String> partitionPattern(TableSpec table) {
    return table.partitionColumns().stream().map(c -> c + "=VALUE").toList();
  }
}
