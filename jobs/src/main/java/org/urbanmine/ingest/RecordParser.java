package org.urbanmine.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.map_keys;
import static org.apache.spark.sql.functions.map_values;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.input.CsvDialect;
import org.urbanmine.input.CsvHeader;
import org.urbanmine.input.InputFiles;

/**
 * Numbered lines to records, whatever the format or column order:
 * {@code source_file, split_start, line_number, raw, raw_base64, decimal_mark, fields, malformed}.
 * {@code fields} is a struct of the
 * {@link #FIELD_NAMES}, each the trimmed value of the column or key of that name (any case), null
 * where absent or blank; {@code malformed} says why a line is not a record at all (null when it is
 * one).
 *
 * <p>CSV: the first non-blank line of a file is its header; it is not a record. A line with more
 * or fewer fields than the header, or an unbalanced quote, is malformed. JSON Lines: each line must
 * be one JSON object; nested values are kept as their JSON text.
 *
 * <p>Why it is shaped this way (measured on 200,000 generated rows): each file's header is read
 * once, on the driver, into literal column positions, and each CSV line is parsed by Spark's CSV
 * parser with exactly as many columns as its header. Parsing every line against a 64-column
 * schema, and every row's header again, took most of the ingest's time, as did looking fields up
 * with lambda functions, which Spark does not compile.
 */
public final class RecordParser {
  public static final String RAW = "raw";
  public static final String FIELDS = "fields";
  public static final String MALFORMED = "malformed";
  /** The decimal mark of the record's file: {@code .} or {@code ,}. */
  public static final String DECIMAL_MARK = "decimal_mark";

  /** The fields the normaliser reads, by their lower-case column or key name. */
  public static final List<String> FIELD_NAMES =
      List.of("record_id", "country", "year", "metal", "amount", "unit", "source", "category", "note");

  /** Widest CSV header accepted; wider files are rejected row by row as malformed. */
  public static final int MAX_CSV_COLUMNS = 64;

  private static final Map<String, String> CSV_OPTIONS = csvOptions();
  private static final String QUOTED = "\"([^\"]|\"\")*\"";

  /** What a CSV line is parsed by: its header's width and its file's delimiter (one from_csv each). */
  private record Shape(int columns, String delimiter) {}

  /**
   * What a CSV file's header says (the column count, where each field is, or why no row can be
   * read) and how the file is written: its delimiter and decimal mark.
   */
  private record Layout(int lineNumber, int columns, String problem, List<Integer> positions, String delimiter,
      String decimalMark) {
    static Layout of(CsvHeader header, CsvDialect dialect) {
      List<String> names = new ArrayList<>();
      for (String name : header.fields(dialect.delimiter())) {
        names.add(name.trim().toLowerCase(Locale.ROOT));
      }
      String problem = names.size() > MAX_CSV_COLUMNS ? "the header has more than " + MAX_CSV_COLUMNS + " columns"
          : new HashSet<>(names).size() != names.size() ? "the header names a column twice" : null;
      List<Integer> positions = new ArrayList<>();
      for (String field : FIELD_NAMES) {
        int i = names.indexOf(field);
        positions.add(i < 0 ? null : i + 1);
      }
      return new Layout(header.lineNumber(), names.size(), problem, positions, String.valueOf(dialect.delimiter()),
          String.valueOf(dialect.decimalMark()));
    }

    Column literal() {
      return struct(lit(lineNumber).as("header_line"), lit(columns).as("columns"),
          lit(problem).cast("string").as("problem"),
          array(positions.stream().map(p -> lit(p).cast("int")).toArray(Column[]::new)).as("positions"),
          lit(delimiter).as("delimiter"), lit(decimalMark).as("decimal_mark"));
    }
  }

  private RecordParser() {}

  private static Map<String, String> csvOptions() {
    Map<String, String> options = new HashMap<>();
    options.put("mode", "PERMISSIVE");
    // RFC 4180: a quote inside a quoted field is written twice (Spark's default escape is '\\').
    options.put("escape", "\"");
    return options;
  }

  /** Lines from {@link RawRecordReader} to records, with the CSV headers found by {@link #headers}. */
  public static Dataset<Row> parse(Dataset<Row> lines) {
    return parse(lines, headers(lines), Map.of());
  }

  /**
   * The header of every CSV file among {@code lines}, by file name: one small query over the
   * lines. A caller that has read the files already passes what it found to
   * {@link #parse(Dataset, Map, Map)} instead.
   */
  public static Map<String, CsvHeader> headers(Dataset<Row> lines) {
    Map<String, CsvHeader> headers = new HashMap<>();
    lines.filter(col(RawRecordReader.FORMAT).equalTo(InputFiles.CSV))
        .groupBy(col(RawRecordReader.SOURCE_FILE))
        .agg(min(col(RawRecordReader.LINE_NUMBER)), min_by(col(RawRecordReader.LINE), col(RawRecordReader.LINE_NUMBER)))
        .collectAsList()
        .forEach(r -> headers.put(r.getString(0), new CsvHeader(r.getInt(1), r.getString(2))));
    return headers;
  }

  /**
   * Lines from {@link RawRecordReader} to records, CSV and JSON Lines alike, in one pass.
   *
   * @param dialects each CSV file's dialect, by name (the standard one where absent)
   */
  public static Dataset<Row> parse(Dataset<Row> lines, Map<String, CsvHeader> headers,
      Map<String, CsvDialect> dialects) {
    Map<String, Layout> layouts = new TreeMap<>();
    headers.forEach((file, header) -> layouts.put(file, Layout.of(header, dialects.getOrDefault(file,
        CsvDialect.STANDARD))));
    Column isCsv = col(RawRecordReader.FORMAT).equalTo(InputFiles.CSV);
    Column layout = col("layout");
    Column line = col(RawRecordReader.LINE);

    // The line without its quoted sections, computed once: the field count and the stray-quote
    // check both need it, and the regular expression runs only where there is a quote.
    Column unquoted = col("unquoted");
    Column malformedCsv = when(layout.getField("problem").isNotNull(), layout.getField("problem"))
        .when(unquoted.contains("\""), lit("unbalanced quote"))
        .when(col("value_count").notEqual(layout.getField("columns")),
            concat(col("value_count").cast("string"), lit(" fields where the header has "),
                layout.getField("columns").cast("string"),
                when(layout.getField("delimiter").equalTo(";"), lit(" (split at semicolons)"))
                    .when(layout.getField("delimiter").equalTo("\t"), lit(" (split at tabs)")).otherwise(lit(""))));

    // One parse per line, each in a column of its own so the optimiser does not repeat it for
    // every field taken out of it: from_csv for each header width, from_json for JSON Lines.
    List<Shape> shapes = layouts.values().stream().filter(l -> l.problem() == null)
        .map(l -> new Shape(l.columns(), l.delimiter())).distinct()
        .sorted(java.util.Comparator.comparing(Shape::columns).thenComparing(Shape::delimiter)).toList();
    Column delimiter = layout.getField("delimiter");
    Column fieldsSplit = when(delimiter.equalTo(";"), split(unquoted, ";", -1))
        .when(delimiter.equalTo("\t"), split(unquoted, "\t", -1)).otherwise(split(unquoted, ",", -1));
    Dataset<Row> records = lines
        .withColumn("layout", try_element_at(layoutLiterals(layouts), col(RawRecordReader.SOURCE_FILE)))
        .filter(not(isCsv.and(col(RawRecordReader.SPLIT_START).equalTo(0))
            .and(col(RawRecordReader.LINE_NUMBER).leq(layout.getField("header_line")))))
        .withColumn("unquoted", when(isCsv, when(line.contains("\""), regexp_replace(line, QUOTED, "")).otherwise(line)))
        .withColumn("split", when(isCsv, fieldsSplit))
        .withColumn("value_count", when(isCsv, size(col("split"))))
        .withColumn("object", when(not(isCsv), from_json(line,
            DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), new HashMap<>())));
    // A line without quotes is its fields split at the commas, which the field count computed
    // already: the CSV parser, a third of the parsing time when it ran on every line, runs only
    // on lines with quotes.
    Column wellFormed = isCsv.and(col("value_count").equalTo(layout.getField("columns")))
        .and(layout.getField("problem").isNull());
    for (int i = 0; i < shapes.size(); i++) {
      Shape shape = shapes.get(i);
      Map<String, String> options = new HashMap<>(CSV_OPTIONS);
      options.put("sep", shape.delimiter());
      records = records.withColumn("csv" + i, when(wellFormed.and(line.contains("\""))
          .and(col("value_count").equalTo(shape.columns())).and(delimiter.equalTo(shape.delimiter())),
          from_csv(line, lit(csvSchema(shape.columns()).toDDL()), options)));
    }
    Column values = when(wellFormed.and(not(line.contains("\""))), col("split"));
    for (int s = 0; s < shapes.size(); s++) {
      int width = shapes.get(s).columns();
      Column parsed = col("csv" + s);
      Column[] all = new Column[width];
      for (int i = 0; i < width; i++) {
        all[i] = parsed.getField("c" + i);
      }
      values = when(parsed.isNotNull(), array(all)).otherwise(values);
    }
    Column keys = transform(map_keys(col("object")), k -> lower(trim(k)));
    records = records
        .withColumn("values", values)
        .withColumn("json_keys", keys)
        .withColumn("json_fields", when(size(array_distinct(col("json_keys"))).equalTo(size(col("json_keys"))),
            map_from_arrays(col("json_keys"), map_values(col("object")))));
    Column malformedJson = when(col("object").isNull(), lit("not a JSON object"))
        .when(col("json_fields").isNull(), lit("a field appears twice"));

    Column[] csvFields = new Column[FIELD_NAMES.size()];
    Column[] jsonFields = new Column[FIELD_NAMES.size()];
    for (int i = 0; i < FIELD_NAMES.size(); i++) {
      String name = FIELD_NAMES.get(i);
      csvFields[i] = blankAsNull(try_element_at(col("values"), try_element_at(layout.getField("positions"), lit(i + 1))))
          .as(name);
      jsonFields[i] = blankAsNull(try_element_at(col("json_fields"), lit(name))).as(name);
    }
    return records.select(col(RawRecordReader.SOURCE_FILE), col(RawRecordReader.SPLIT_START),
        col(RawRecordReader.LINE_NUMBER), line.as(RAW), col(RawRecordReader.RAW_BASE64),
        when(isCsv, layout.getField("decimal_mark")).otherwise(lit(".")).as(DECIMAL_MARK),
        when(isCsv, struct(csvFields)).otherwise(struct(jsonFields)).as(FIELDS),
        when(isCsv, malformedCsv).otherwise(malformedJson).as(MALFORMED));
  }

  /** The value of field {@code name}, one of {@link #FIELD_NAMES}, or null where absent or blank. */
  public static Column field(String name) {
    if (!FIELD_NAMES.contains(name)) {
      throw new IllegalArgumentException("not a record field: " + name + "; fields: " + FIELD_NAMES);
    }
    return col(FIELDS).getField(name);
  }

  private static Column layoutLiterals(Map<String, Layout> layouts) {
    List<Column> kv = new ArrayList<>();
    layouts.forEach((file, layout) -> {
      kv.add(lit(file));
      kv.add(layout.literal());
    });
    if (kv.isEmpty()) {
      // No CSV file: a map of the right type that finds nothing.
      kv.add(lit(""));
      kv.add(new Layout(0, 0, null, FIELD_NAMES.stream().map(f -> (Integer) null).toList(), ",", ".").literal());
    }
    return map(kv.toArray(new Column[0]));
  }

  private static StructType csvSchema(int width) {
    StructType schema = new StructType();
    for (int i = 0; i < width; i++) {
      schema = schema.add("c" + i, DataTypes.StringType);
    }
    return schema;
  }

  private static Column blankAsNull(Column value) {
    return nullif(trim(value), lit(""));
  }
}
