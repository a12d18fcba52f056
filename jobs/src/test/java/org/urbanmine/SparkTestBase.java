package org.urbanmine;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.config.Settings;
import org.urbanmine.config.SettingsLoader;

/**
 * One local SparkSession for every test in the JVM (surefire runs them in one fork): local[2],
 * two shuffle partitions, no UI, bound to loopback. It is stopped when the JVM exits.
 */
public abstract class SparkTestBase {
  /** A fixed "current year" so that tests do not change meaning with the calendar. */
  public static final int TEST_YEAR = 2026;

  protected static final SparkSession spark = session();

  /**
   * Columns that differ between two runs on the same input by design: the run's id, and the
   * time and configuration the scenarios table records (the configuration names the warehouse).
   */
  public static final String[] RUN_SPECIFIC_COLUMNS = {"run_id", "recorded_at", "config_json", "config_hash"};

  private static synchronized SparkSession session() {
    SparkSession s = SparkSession.builder()
        .master("local[2]")
        .appName("urbanmine-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
    Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
    return s;
  }

  /**
   * The checkout's sample inputs beside the recovery records (the drivers method's published
   * e-waste, and the sales-lifespan model's put-on-market, population and strata): tests run in
   * jobs/, the defaults' relative paths are relative to the root.
   */
  /** The Monte Carlo draws of the tests' runs (the default is 1,000). */
  public static final String TEST_DRAWS = "urbanmine.uncertainty.draws=50";

  public static final List<String> SAMPLE_INPUTS = List.of(
      "urbanmine.drivers.ewaste-generated=" + sample("ewaste-generated/ewaste-generated.csv"),
      "urbanmine.ewaste.put-on-market=" + sample("put-on-market"),
      "urbanmine.ewaste.population=" + sample("population/population.csv"),
      "urbanmine.ewaste.purchasing-power=" + sample("population/purchasing-power.csv"),
      "urbanmine.ewaste.strata=" + sample("population/country-strata.csv"),
      // 50 draws instead of 1,000 (the audit samples 50): the tests check sums, order and reruns draw by draw, which hold
      // at any number of draws, and the draws are most of a night's bytes.
      TEST_DRAWS);


  /**
   * Germany's and France's rows of the sample's put-on-market data (SOURCES.md beside
   * them), for the tests whose subject is publication, reruns or scenarios rather than the
   * e-waste figures: their nightly runs model two countries instead of 28.
   */
  public static final String TWO_COUNTRIES_PUT_ON_MARKET = "urbanmine.ewaste.put-on-market="
      + java.nio.file.Path.of("src/test/resources/SparkTestBase/put-on-market").toAbsolutePath();

  /**
   * The population of 33 countries of the sample (SOURCES.md beside it), for the same tests: the
   * country model forecasts every country with population data, and the forecast and outlook
   * stages take about a third of a night off on 33 countries instead of 249.
   */
  public static final String FEW_COUNTRIES_POPULATION = "urbanmine.ewaste.population="
      + java.nio.file.Path.of("src/test/resources/SparkTestBase/population/population.csv").toAbsolutePath();

  /** The absolute path of {@code sample-data/RELATIVE} in the checkout. */
  public static String sample(String relative) {
    return java.nio.file.Path.of("../sample-data", relative).toAbsolutePath().normalize().toString();
  }

  /** The bundled defaults, with {@code --set} overrides, as the CLI would load them. */
  /** The metal content the drivers name, as the stages load it. */
  protected static org.urbanmine.model.MetalContent content(Settings.Drivers drivers) {
    return org.urbanmine.model.MetalContent.load(spark.sparkContext().hadoopConfiguration(), drivers);
  }

  /**
   * A country model input's {@code contained_by_category_kg} for {@code ewasteT} tonnes at one
   * content of {@code gramsPerTonne}, all in the first category (as a Spark row holds an array).
   */
  protected static scala.collection.Seq<Double> contained(double ewasteT, double gramsPerTonne) {
    List<Double> kg = new java.util.ArrayList<>(List.of(ewasteT * gramsPerTonne / 1000, 0.0, 0.0, 0.0, 0.0, 0.0));
    return scala.jdk.javaapi.CollectionConverters.asScala(kg).toSeq();
  }

  protected static Settings settings(String... sets) {
    return scenarioSettings(null, sets);
  }

  /** As {@link #settings}, with a scenario bundled in the jar ({@code conf/scenarios/NAME.conf}). */
  protected static Settings scenarioSettings(String scenario, String... sets) {
    List<String> all = new java.util.ArrayList<>(SAMPLE_INPUTS);
    all.addAll(List.of(sets));
    return new SettingsLoader(Map.of(), TEST_YEAR, null).load(null, scenario, all);
  }

  protected static Dataset<Row> rows(StructType schema, Object[]... values) {
    return spark.createDataFrame(java.util.Arrays.stream(values).map(RowFactory::create).toList(), schema);
  }
}
