package org.urbanmine.tables;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A published table's contract: its name (the directory under the warehouse), its columns in
 * order with types and meanings, and a sentence on what one row is. Jobs write through
 * {@link #conform} so the stored schema is exactly this one, whatever the plan produced.
 *
 * <p>A table may be partitioned, Hive-style, by its last columns ({@code scenario=baseline/}):
 * a run writes only its own partition (the values come from the run, see
 * {@code publish.Warehouse}), and the partition columns live in directory names, not in the files.
 */
public record TableSpec(String name, String description, StructType schema, List<String> key,
    List<String> partitionColumns, List<String> sortColumns, boolean parallelWrite) {

  /** The partition column of the tables whose rows depend on the scenario. */
  public static final String SCENARIO = "scenario";
  public static final String SCENARIO_MEANING =
      "scenario whose assumptions made the row (conf/scenarios/NAME.conf); partition scenario=NAME/";

  /**
   * Columns that carry a mass end in {@code _kg}; the audit holds them to be numbers (not NaN)
   * and, unless declared {@link Builder#mayBeNegative signed}, not negative.
   */
  public static final String MASS_SUFFIX = "_kg";

  /** Column metadata marking a mass that may be negative, such as a difference of two masses. */
  public static final String SIGNED = "urbanmine.signed";

  /**
   * Column metadata: the column's unit ({@code kg}, {@code year}, {@code ratio}...; absent for
   * names and codes). Written into the Parquet footer with the meaning ({@code comment}), so the
   * files document themselves.
   */
  public static final String UNIT = "unit";

  /** The unit of a column, or "" for one without (names, codes, flags). */
  public static String unitOf(StructField field) {
    return field.metadata().contains(UNIT) ? field.metadata().getString(UNIT) : "";
  }

  /** The meaning given to a column. */
  public static String meaningOf(StructField field) {
    return field.getComment().isDefined() ? field.getComment().get() : "";
  }

  /**
   * The unit a column's name implies by the project's naming rule (a unit ends the name:
   * {@code mass_kg}, {@code ewaste_t}); {@link Builder#unit} declares the others.
   */
  static String unitFromName(String column) {
    if (column.endsWith(MASS_SUFFIX)) {
      return "kg";
    }
    if (column.endsWith("_g_per_t")) {
      return "g/t";
    }
    if (column.endsWith("_t")) {
      return "t";
    }
    if (column.equals("year") || column.endsWith("_year") || column.startsWith("first_year")) {
      return "year";
    }
    if (column.endsWith("_rate") || column.endsWith("_yield") || column.endsWith("_ratio")
        || column.endsWith("_coverage") || column.endsWith("_factor") || column.endsWith("_share")) {
      return "ratio";
    }
    if (column.endsWith("_count")) {
      return "count";
    }
    return "";
  }

  public static Builder builder(String name, String description) {
    return new Builder(name, description);
  }

  public List<String> massColumns() {
    return columnNames().stream().filter(c -> c.endsWith(MASS_SUFFIX)).toList();
  }

  /** The mass columns that may be negative ({@link Builder#mayBeNegative}). */
  public List<String> signedMassColumns() {
    return Arrays.stream(schema.fields())
        .filter(f -> f.name().endsWith(MASS_SUFFIX) && f.metadata().contains(SIGNED))
        .map(StructField::name).toList();
  }

  public List<String> columnNames() {
    return Arrays.asList(schema.fieldNames());
  }

  public boolean isPartitioned() {
    return !partitionColumns.isEmpty();
  }

  /** The columns stored in the Parquet files: all but the partition columns. */
  public StructType fileSchema() {
    StructType out = new StructType();
    for (StructField field : schema.fields()) {
      if (!partitionColumns.contains(field.name())) {
        out = out.add(field);
      }
    }
    return out;
  }

  /**
   * The columns a table's files are sorted by, so that Parquet's min/max statistics let readers
   * skip what a filter on them excludes: the natural keys, without the partition columns (one
   * file holds one partition).
   */
  public List<String> fileSortColumns() {
    return sortColumns.stream().filter(c -> !partitionColumns.contains(c)).toList();
  }

  /** Selects the contract's columns in order, cast to the contract's types. */
  public Dataset<Row> conform(Dataset<Row> data) {
    return select(data, schema);
  }

  /** {@link #conform} without the partition columns: what the table's Parquet files hold. */
  public Dataset<Row> conformFile(Dataset<Row> data) {
    return select(data, fileSchema());
  }

  /**
   * {@link #conformFile} with {@code carried} columns of {@code data} after the file's: columns a
   * writer partitions the files by, which the files then do not hold.
   */
  public Dataset<Row> conformFile(Dataset<Row> data, String... carried) {
    return select(data, fileSchema(), carried);
  }

  private static Dataset<Row> select(Dataset<Row> data, StructType schema, String... carried) {
    List<Column> columns = new ArrayList<>();
    for (StructField field : schema.fields()) {
      columns.add(col(field.name()).cast(field.dataType()).as(field.name(), field.metadata()));
    }
    for (String column : carried) {
      columns.add(col(column));
    }
    return data.select(columns.toArray(new Column[0]));
  }

  public static final class Builder {
    private final String name;
    private final String description;
    private StructType schema = new StructType();
    private List<String> key = List.of();
    private List<String> partitionColumns = List.of();
    private List<String> sortColumns;
    private boolean parallelWrite;

    private Builder(String name, String description) {
      this.name = name;
      this.description = description;
    }

    /** A column and its meaning (with its unit, where it has one). */
    public Builder column(String column, DataType type, String meaning) {
      org.apache.spark.sql.types.MetadataBuilder metadata = new org.apache.spark.sql.types.MetadataBuilder();
      String unit = unitFromName(column);
      if (!unit.isEmpty()) {
        metadata.putString(UNIT, unit);
      }
      schema = schema.add(new StructField(column, type, true, metadata.build()).withComment(meaning));
      return this;
    }

    /** Declares the unit of a column whose name does not imply it ({@link TableSpec#unitFromName}). */
    public Builder unit(String column, String unit) {
      return withMetadata(column, m -> m.putString(UNIT, unit));
    }

    /**
     * Declared columns whose masses may be negative (a difference, say): the audit still holds
     * them to be numbers, but not to be 0 or more.
     */
    public Builder mayBeNegative(String... columns) {
      for (String column : columns) {
        withMetadata(column, m -> m.putBoolean(SIGNED, true));
      }
      return this;
    }

    private Builder withMetadata(String column,
        java.util.function.UnaryOperator<org.apache.spark.sql.types.MetadataBuilder> change) {
      StructField[] fields = schema.fields().clone();
      int i = schema.fieldIndex(column);
      org.apache.spark.sql.types.Metadata metadata =
          change.apply(new org.apache.spark.sql.types.MetadataBuilder().withMetadata(fields[i].metadata())).build();
      fields[i] = new StructField(fields[i].name(), fields[i].dataType(), fields[i].nullable(), metadata);
      schema = new StructType(fields);
      return this;
    }

    /** Columns whose values identify a row: no two rows may share them. */
    public Builder key(String... columns) {
      key = List.of(columns);
      return this;
    }

    /**
     * The order of rows within the table's files, where it should differ from the key (the key
     * of {@code recovery_records} is an id; analysts filter by country and year).
     */
    public Builder sortedBy(String... columns) {
      sortColumns = List.of(columns);
      return this;
    }

    /**
     * A table whose rows grow with the input (millions of them): sorted and written by every core
     * at once, in ranges of its sort order, and the pieces then joined into the one file as they
     * are (see {@code publish.RowGroupConcat}), instead of sorting and writing all rows in one task.
     */
    public Builder writtenInParallel() {
      parallelWrite = true;
      return this;
    }

    /**
     * Hive-style partitions by these columns, which must be the last ones declared (where Spark,
     * DuckDB and pandas put partition columns when they read the table). They join the key.
     */
    public Builder partitionedBy(String... columns) {
      partitionColumns = List.of(columns);
      return this;
    }

    public TableSpec build() {
      List<String> sort = sortColumns == null ? key : sortColumns;
      for (String column : key) {
        schema.fieldIndex(column);
      }
      for (String column : sort) {
        schema.fieldIndex(column);
      }
      String[] names = schema.fieldNames();
      for (int i = 0; i < partitionColumns.size(); i++) {
        String expected = names[names.length - partitionColumns.size() + i];
        if (!expected.equals(partitionColumns.get(i))) {
          throw new IllegalStateException(name + ": partition columns " + partitionColumns
              + " must be the last columns declared");
        }
      }
      List<String> fullKey = new ArrayList<>(key);
      if (!key.isEmpty()) {
        partitionColumns.stream().filter(c -> !fullKey.contains(c)).forEach(fullKey::add);
      }
      if (parallelWrite && !partitionColumns.isEmpty()) {
        throw new IllegalStateException(name + ": a partitioned table is written one partition at a time,"
            + " not in parallel");
      }
      return new TableSpec(name, description, schema, List.copyOf(fullKey), partitionColumns, sort, parallelWrite);
    }
  }
}
