package org.urbanmine.publish;

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
 * {@link Warehouse}), and the partition columns live in directory names, not in the files.
 */
public record TableSpec(String name, String description, StructType schema, List<String> key,
    List<String> partitionColumns) {

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

  /** Selects the contract's columns in order, cast to the contract's types. */
  public Dataset<Row> conform(Dataset<Row> data) {
    return select(data, schema);
  }

  /** {@link #conform} without the partition columns: what the table's Parquet files hold. */
  public Dataset<Row> conformFile(Dataset<Row> data) {
    return select(data, fileSchema());
  }

  private static Dataset<Row> select(Dataset<Row> data, StructType schema) {
    List<Column> columns = new ArrayList<>();
    for (StructField field : schema.fields()) {
      columns.add(col(field.name()).cast(field.dataType()).as(field.name(), field.metadata()));
    }
    return data.select(columns.toArray(new Column[0]));
  }

  public static final class Builder {
    private final String name;
    private final String description;
    private StructType schema = new StructType();
    private List<String> key = List.of();
    private List<String> partitionColumns = List.of();

    private Builder(String name, String description) {
      this.name = name;
      this.description = description;
    }

    /** A column and its meaning (with its unit, where it has one). */
    public Builder column(String column, DataType type, String meaning) {
      schema = schema.add(new StructField(column, type, true,
          org.apache.spark.sql.types.Metadata.empty()).withComment(meaning));
      return this;
    }

    /**
     * Declared columns whose masses may be negative (a difference, say): the audit still holds
     * them to be numbers, but not to be 0 or more.
     */
    public Builder mayBeNegative(String... columns) {
      StructField[] fields = schema.fields().clone();
      for (String column : columns) {
        int i = schema.fieldIndex(column);
        org.apache.spark.sql.types.Metadata signed = new org.apache.spark.sql.types.MetadataBuilder()
            .withMetadata(fields[i].metadata()).putBoolean(SIGNED, true).build();
        fields[i] = new StructField(fields[i].name(), fields[i].dataType(), fields[i].nullable(), signed);
      }
      schema = new StructType(fields);
      return this;
    }

    /** Columns whose values identify a row: no two rows may share them. */
    public Builder key(String... columns) {
      key = List.of(columns);
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
      for (String column : key) {
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
      return new TableSpec(name, description, schema, List.copyOf(fullKey), partitionColumns);
    }
  }
}
