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
 */
public record TableSpec(String name, String description, StructType schema, List<String> key) {

  /** Columns that carry a mass end in {@code _kg}; the audit holds them to be non-negative numbers. */
  public static final String MASS_SUFFIX = "_kg";

  public static Builder builder(String name, String description) {
    return new Builder(name, description);
  }

  public List<String> massColumns() {
    return columnNames().stream().filter(c -> c.endsWith(MASS_SUFFIX)).toList();
  }

  public List<String> columnNames() {
    return Arrays.asList(schema.fieldNames());
  }

  /** Selects the contract's columns in order, cast to the contract's types. */
  public Dataset<Row> conform(Dataset<Row> data) {
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

    /** Columns whose values identify a row: no two rows may share them. */
    public Builder key(String... columns) {
      key = List.of(columns);
      return this;
    }

    public TableSpec build() {
      for (String column : key) {
        schema.fieldIndex(column);
      }
      return new TableSpec(name, description, schema, key);
    }
  }
}
