import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The Spark floor of the benchmark: the recovery records read, converted to kilograms and summed
 * per country, year and metal as a Spark user would write it, with Spark's own CSV and JSON
 * readers and no validation at all (no reject table, no line numbers, no repeats, countries and
 * metals as spelt). Against it the benchmark sets the pipeline's ingest and aggregate stages.
 * Run by {@code jobs/bench/benchmark} through
 * {@code URBANMINE_MAIN=jobs/bench/MinimalSparkJob.java jobs/run INPUT_DIR OUTPUT_DIR [MASTER]}
 * (MASTER default {@code local[*]}, as the pipeline's). Prints {@code minimal_spark_seconds=S}
 * (the session's start to the written result) and {@code minimal_spark_groups=N}.
 */
public final class MinimalSparkJob {
  /** A user's own table of units: the usual spellings, lower case. */
  private static final Map<String, Double> KG_PER_UNIT = Map.ofEntries(
      Map.entry("kg", 1.0), Map.entry("kilogram", 1.0), Map.entry("kilograms", 1.0), Map.entry("kilos", 1.0),
      Map.entry("g", 1e-3), Map.entry("gram", 1e-3), Map.entry("grams", 1e-3), Map.entry("gramme", 1e-3),
      Map.entry("t", 1000.0), Map.entry("tonne", 1000.0), Map.entry("tonnes", 1000.0),
      Map.entry("lb", 0.45359237), Map.entry("lbs", 0.45359237), Map.entry("pounds", 0.45359237),
      Map.entry("troy oz", 0.0311034768), Map.entry("troy ounces", 0.0311034768), Map.entry("ozt", 0.0311034768),
      Map.entry("long tons", 1016.0469088), Map.entry("short tons", 907.18474));
  private static final List<String> COLUMNS = List.of("country", "year", "metal", "amount", "unit");

  public static void main(String[] args) throws Exception {
    Path input = Path.of(args[0]).toAbsolutePath();
    long start = System.nanoTime();
    SparkSession spark = SparkSession.builder().appName("minimal-spark-job")
        .master(args.length > 2 ? args[2] : "local[*]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      List<Dataset<Row>> parts = new ArrayList<>();
      // Each CSV file read on its own: their columns come in different orders, and Spark's CSV
      // reader takes a header's names from the first file only.
      for (Path csv : files(input, ".csv")) {
        parts.add(spark.read().option("header", "true").csv(csv.toString()).select(columns()));
      }
      List<Path> json = files(input, ".jsonl");
      if (!json.isEmpty()) {
        parts.add(spark.read().schema("record_id string, country string, year string, metal string, amount string,"
            + " unit string, source string, category string, note string")
            .json(json.stream().map(Path::toString).toArray(String[]::new)).select(columns()));
      }
      Dataset<Row> records = parts.stream().reduce(Dataset::unionByName).orElseThrow();
      List<Column> kv = new ArrayList<>();
      KG_PER_UNIT.forEach((unit, kg) -> {
        kv.add(lit(unit));
        kv.add(lit(kg));
      });
      Column kgPerUnit = functions.try_element_at(functions.map(kv.toArray(Column[]::new)), lower(trim(col("unit"))));
      Dataset<Row> sums = records
          // Thousands separators dropped ("1,504.4"); what is still no number is null (try_cast).
          .withColumn("mass_kg",
              functions.regexp_replace(col("amount"), ",", "").try_cast("double").multiply(kgPerUnit))
          .groupBy(col("country"), col("year").try_cast("int").as("year"), lower(trim(col("metal"))).as("metal"))
          .agg(sum("mass_kg").as("mass_kg"));
      sums.coalesce(1).write().mode(SaveMode.Overwrite).parquet(args[1]);
      long groups = spark.read().parquet(args[1]).count();
      System.out.printf("minimal_spark_seconds=%.3f%n", (System.nanoTime() - start) / 1e9);
      System.out.println("minimal_spark_groups=" + groups);
    } finally {
      spark.stop();
    }
  }

  private static Column[] columns() {
    return COLUMNS.stream().map(functions::col).toArray(Column[]::new);
  }

  private static List<Path> files(Path dir, String suffix) throws java.io.IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }
}
