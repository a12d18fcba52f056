package org.urbanmine.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Numbered lines to records as name/value pairs, whatever the format or column order:
 * {@code source_file, line_number, raw, fields, malformed}. {@code fields} is an array of
 * {@code struct<key, value>} with lower-case keys and trimmed, blank-as-null values;
 * {@code malformed} says why a line is not a record at all (null when it is one).
 *
 * <p>CSV: the first non-blank line of a file is its header; it is not a record. A line with more
 * or fewer fields than the header, or an unbalanced quote, is malformed. JSON Lines: each line must
 * be one JSON object; nested values are kept as their JSON text.
 */
public final class RecordParser {
  public static final String RAW = "raw";
  public static final String FIELDS = "fields";
  public static final String MALFORMED = "malformed";
  public static final String KEY = "key";
  public static final String VALUE = "value";

  /** Widest CSV header accepted; wider files are rejected row by row as malformed. */
  public static final int MAX_CSV_COLUMNS = 64;

  private static final StructType WIDE_CSV = wideCsv();
  private static final Map<String, String> CSV_OPTIONS = csvOptions();
  private static final String QUOTED = "\"([^\"]|\"\")*\"";

  private RecordParser() {}

  private static StructType wideCsv() {
    StructType schema = new StructType();
    for (int i = 0; i < MAX_CSV_COLUMNS; i++) {
      schema = schema.add("c" + i, DataTypes.StringType);
    }
    return schema;
  }

  private static Map<String, String> csvOptions() {
    Map<String, String> options = new HashMap<>();
    options.put("mode", "PERMISSIVE");
    // RFC 4180: a quote inside a quoted field is written twice (Spark's default escape is '\\').
    options.put("escape", "\"");
    return options;
  }

  /** Lines from {@link RawRecordReader} to records, CSV and JSON Lines alike. */
  public static Dataset<Row> parse(Dataset<Row> lines) {
    Dataset<Row> csv = parseCsv(lines.filter(col(RawRecordReader.FORMAT).equalTo(RawRecordReader.CSV)));
    Dataset<Row> jsonl = parseJsonLines(lines.filter(col(RawRecordReader.FORMAT).equalTo(RawRecordReader.JSONL)));
    return csv.unionByName(jsonl);
  }

  static Dataset<Row> parseCsv(Dataset<Row> lines) {
    String file = RawRecordReader.SOURCE_FILE;
    String number = RawRecordReader.LINE_NUMBER;
    Dataset<Row> headers = lines.groupBy(col(file).as("header_file"))
        .agg(min(col(number)).as("header_line"),
            min_by(col(RawRecordReader.LINE), col(number)).as("header_raw"));
    Dataset<Row> rows = lines.join(broadcast(headers), col(file).equalTo(col("header_file")))
        .filter(col(number).gt(col("header_line")));

    // Each line is parsed once into a struct of MAX_CSV_COLUMNS strings, in its own projection,
    // so the optimiser does not repeat the parse for every column taken out of it.
    Column headerCount = col("header_count");
    Column valueCount = col("value_count");
    Column header = transform(slice(spread(col("header_parsed")), lit(1), headerCount),
        name -> lower(trim(name)));
    Column values = slice(spread(col("values_parsed")), lit(1), valueCount);

    Column malformed = when(headerCount.gt(MAX_CSV_COLUMNS),
            lit("the header has more than " + MAX_CSV_COLUMNS + " columns"))
        .when(size(array_distinct(col("header"))).notEqual(size(col("header"))),
            lit("the header names a column twice"))
        .when(hasStrayQuote(col(RawRecordReader.LINE)), lit("unbalanced quote"))
        .when(valueCount.notEqual(headerCount),
            concat(valueCount.cast("string"), lit(" fields where the header has "),
                headerCount.cast("string")));

    Column fields = transform(sequence(lit(1), size(col("header"))),
        i -> struct(
            try_element_at(col("header"), i).as(KEY),
            blankAsNull(try_element_at(col("values"), i)).as(VALUE)));

    return rows
        .withColumn("header_count", fieldCount(col("header_raw")))
        .withColumn("value_count", fieldCount(col(RawRecordReader.LINE)))
        .withColumn("header_parsed", parseCsvLine(col("header_raw")))
        .withColumn("values_parsed", parseCsvLine(col(RawRecordReader.LINE)))
        .withColumn("header", header)
        .withColumn("values", values)
        .select(col(file), col(number), col(RawRecordReader.LINE).as(RAW),
            fields.as(FIELDS), malformed.as(MALFORMED));
  }

  static Dataset<Row> parseJsonLines(Dataset<Row> lines) {
    Column object = from_json(col(RawRecordReader.LINE),
        DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), new HashMap<>());
    Column fields = transform(map_entries(object),
        e -> struct(lower(trim(e.getField(KEY))).as(KEY), blankAsNull(e.getField(VALUE)).as(VALUE)));
    Column keys = transform(col(FIELDS), f -> f.getField(KEY));
    Column malformed = when(col(FIELDS).isNull(), lit("not a JSON object"))
        .when(size(array_distinct(keys)).notEqual(size(keys)), lit("a field appears twice"));
    return lines
        .select(col(RawRecordReader.SOURCE_FILE), col(RawRecordReader.LINE_NUMBER),
            col(RawRecordReader.LINE).as(RAW), fields.as(FIELDS))
        .withColumn(MALFORMED, malformed);
  }

  /** The value of field {@code name} (lower-case), or null where absent or blank. */
  public static Column field(String name) {
    Column matches = filter(col(FIELDS), f -> f.getField(KEY).equalTo(name));
    return try_element_at(matches, lit(1)).getField(VALUE);
  }

  /** Fields in a CSV line: commas outside quoted sections, plus one. */
  static Column fieldCount(Column line) {
    return size(split(regexp_replace(line, QUOTED, ""), ",", -1));
  }

  private static Column hasStrayQuote(Column line) {
    return regexp_replace(line, QUOTED, "").contains("\"");
  }

  private static Column parseCsvLine(Column line) {
    return from_csv(line, lit(WIDE_CSV.toDDL()), CSV_OPTIONS);
  }

  /** The struct's MAX_CSV_COLUMNS fields as an array. */
  private static Column spread(Column parsed) {
    Column[] all = new Column[MAX_CSV_COLUMNS];
    for (int i = 0; i < MAX_CSV_COLUMNS; i++) {
      all[i] = parsed.getField("c" + i);
    }
    return array(all);
  }

  private static Column blankAsNull(Column value) {
    return nullif(trim(value), lit(""));
  }
}
