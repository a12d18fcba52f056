package org.urbanmine.forecast;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.config.Settings;
import org.urbanmine.publish.TableSpec;
import org.urbanmine.uncertainty.Distribution;
import org.urbanmine.uncertainty.MonteCarlo;

/**
 * The {@code drivers} method, for every country with an e-waste series:
 *
 * <pre>
 *   model_kg       = ewaste_t x collection_rate x content_g_per_t x preprocessing_yield x smelter_yield / 1000
 *   recoverable_kg = model_kg x calibration_factor
 * </pre>
 *
 * <p>Calibration: where a country has recorded recovery of a metal, {@code calibration_factor} =
 * sum of recorded kg / sum of model kg over the years that have both ({@code calibration_basis =
 * records}), so the model reproduces the records on average and carries their level forward.
 * Countries without records take the geometric mean of the calibrated countries' factors for the
 * metal ({@code pooled}), or 1 where no country is calibrated ({@code none}). Because the factor
 * is fitted to the recorded years, a change of assumptions in those years moves calibrated
 * countries only through the factor; changes that start later (a rate path, see
 * {@link Settings.RatePath}) carry through in full.
 *
 * <p>Assumptions come as rows of draws ({@link #assumptions}): one row of each distribution's
 * median for the plain result, or {@code urbanmine.uncertainty.draws} rows for the Monte Carlo,
 * so both are the same Spark computation ({@link #perDraw}).
 */
public final class DriversModel {
  public static final String DRIVERS = "drivers";

  public static final String COUNTRY_CODE = "country_code";
  public static final String METAL = MetalForecast.METAL;
  public static final String YEAR = MetalForecast.YEAR;
  public static final String EWASTE_T = "ewaste_t";
  public static final String EWASTE_BASIS = "ewaste_basis";
  public static final String COLLECTION_RATE = "collection_rate";
  public static final String CONTENT_G_PER_T = "content_g_per_t";
  public static final String PREPROCESSING_YIELD = "preprocessing_yield";
  public static final String SMELTER_YIELD = "smelter_yield";
  public static final String MODEL_KG = "model_kg";
  public static final String CALIBRATION_FACTOR = "calibration_factor";
  public static final String CALIBRATION_BASIS = "calibration_basis";
  public static final String RECOVERABLE_KG = "recoverable_kg";
  public static final String OBSERVED_KG = "observed_kg";
  public static final String SCENARIO = TableSpec.SCENARIO;
  public static final String DRAW = MonteCarlo.DRAW;
  /** The assumption column of the medals' available share in {@link #assumptions}. */
  public static final String SHARE = "available_share";

  public static final String PUBLISHED = "published";
  public static final String GROWTH_ESTIMATE = "estimate";
  public static final String BY_RECORDS = "records";
  public static final String POOLED = "pooled";
  public static final String NONE = "none";

  public static final TableSpec TABLE = TableSpec.builder("forecast_drivers",
          "Where the drivers method's metal comes from, factor by factor, per country, metal and year.")
      .column(COUNTRY_CODE, DataTypes.StringType, "ISO 3166-1 alpha-3")
      .column(METAL, DataTypes.StringType, "canonical metal name")
      .column(YEAR, DataTypes.IntegerType, "year")
      .column(EWASTE_T, DataTypes.DoubleType, "e-waste generated, tonnes")
      .column(EWASTE_BASIS, DataTypes.StringType,
          "published, or estimate (nearest published year compounded at ewaste-growth-per-year)")
      .column(COLLECTION_RATE, DataTypes.DoubleType, "share formally collected (median of its distribution)")
      .column(CONTENT_G_PER_T, DataTypes.DoubleType, "metal content, grams per tonne of e-waste")
      .column(PREPROCESSING_YIELD, DataTypes.DoubleType, "share of the content reaching the smelter")
      .column(SMELTER_YIELD, DataTypes.DoubleType, "share recovered by the smelter")
      .column(MODEL_KG, DataTypes.DoubleType, "product of the factors above, kilograms")
      .column(CALIBRATION_FACTOR, DataTypes.DoubleType, "recorded / model over the recorded years")
      .column(CALIBRATION_BASIS, DataTypes.StringType,
          "records (own), pooled (geometric mean of calibrated countries) or none (1)")
      .column(RECOVERABLE_KG, DataTypes.DoubleType, "model_kg x calibration_factor, kilograms")
      .column(OBSERVED_KG, DataTypes.DoubleType, "recorded recovery that year, kilograms; null if none")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(COUNTRY_CODE, METAL, YEAR)
      .partitionedBy(SCENARIO)
      .build();

  static final StructType EWASTE_SCHEMA = new StructType()
      .add(COUNTRY_CODE, DataTypes.StringType).add(YEAR, DataTypes.IntegerType)
      .add(EWASTE_T, DataTypes.DoubleType).add("basis", DataTypes.StringType)
      .add("source", DataTypes.StringType);

  private DriversModel() {}

  /** The e-waste CSV ({@code country_code, year, ewaste_t, basis, source}); a malformed row fails the read. */
  public static Dataset<Row> readEwaste(SparkSession spark, String path) {
    return spark.read().option("header", "true").option("mode", "FAILFAST").schema(EWASTE_SCHEMA).csv(path);
  }

  /**
   * {@code country_code, year, ewaste_t, ewaste_basis} for every year from the country's first
   * recorded or published year to {@code horizon}: published figures as they are, other years
   * from the nearest earlier published year (the first one, before it) compounded at
   * {@code growth} per year.
   *
   * @param observed country series: {@code country_code, metal, year, mass_kg}
   */
  public static Dataset<Row> ewasteSeries(Dataset<Row> published, Dataset<Row> observed, int horizon, double growth) {
    Dataset<Row> pub = published.select(col(COUNTRY_CODE), col(YEAR).as("pub_year"), col(EWASTE_T).as("pub_t"));
    Dataset<Row> firstRecorded = observed.groupBy(COUNTRY_CODE).agg(min(YEAR).as("first_recorded"));
    Dataset<Row> years = pub.groupBy(COUNTRY_CODE).agg(min("pub_year").as("first_published"))
        .join(firstRecorded, new String[] {COUNTRY_CODE}, "left")
        .select(col(COUNTRY_CODE), explode(sequence(
            least(col("first_published"), coalesce(col("first_recorded"), col("first_published"))), lit(horizon)))
            .as(YEAR));
    // Each year against each published year of its country: the nearest earlier one wins, else the first.
    Column earlier = col("pub_year").leq(col(YEAR));
    Dataset<Row> ranked = years.join(pub, new String[] {COUNTRY_CODE})
        .withColumn("rank", row_number().over(Window.partitionBy(COUNTRY_CODE, YEAR)
            .orderBy(earlier.desc(), abs(col(YEAR).minus(col("pub_year"))))))
        .filter(col("rank").equalTo(1));
    return ranked.select(col(COUNTRY_CODE), col(YEAR),
        col("pub_t").multiply(pow(lit(1 + growth), col(YEAR).minus(col("pub_year")))).as(EWASTE_T),
        when(col(YEAR).equalTo(col("pub_year")), lit(PUBLISHED)).otherwise(lit(GROWTH_ESTIMATE)).as(EWASTE_BASIS));
  }

  /**
   * The assumptions as draws: {@code draw} and one column per drivers assumption and the medals'
   * available share. {@code plain}: one row of each distribution's median; else
   * {@code uncertainty.draws()} rows drawn from {@code uncertainty.seed()}.
   */
  public static Dataset<Row> assumptions(SparkSession spark, Settings settings, boolean plain) {
    LinkedHashMap<String, Distribution> all = new LinkedHashMap<>();
    Settings.Drivers drivers = settings.drivers();
    putRate(all, "collection", drivers.collectionRate());
    drivers.contentGramsPerTonne().forEach((metal, d) -> all.put("content_" + metal, d));
    drivers.preprocessingYield().forEach((metal, r) -> putRate(all, "preprocessing_" + metal, r));
    drivers.smelterYield().forEach((metal, r) -> putRate(all, "smelter_" + metal, r));
    all.put(SHARE, settings.medals().availableShare());
    if (plain) {
      all.replaceAll((name, d) -> new Distribution.Fixed(d.median()));
      return MonteCarlo.draws(spark, all, 1, settings.uncertainty().seed(), 1);
    }
    return MonteCarlo.draws(spark, all, settings.uncertainty().draws(), settings.uncertainty().seed());
  }

  /** Whether any assumption is a distribution, so that a Monte Carlo could give other than the plain result. */
  public static boolean isUncertain(Settings settings) {
    Settings.Drivers d = settings.drivers();
    List<Settings.RatePath> rates = new ArrayList<>(List.of(d.collectionRate()));
    rates.addAll(d.preprocessingYield().values());
    rates.addAll(d.smelterYield().values());
    boolean uncertain = !settings.medals().availableShare().isFixed()
        || d.contentGramsPerTonne().values().stream().anyMatch(x -> !x.isFixed());
    for (Settings.RatePath r : rates) {
      uncertain |= !r.value().isFixed() || (r.target() != null && !r.target().isFixed());
    }
    return uncertain;
  }

  private static void putRate(Map<String, Distribution> all, String name, Settings.RatePath rate) {
    all.put(name + "_value", rate.value());
    if (rate.target() != null) {
      all.put(name + "_target", rate.target());
    }
  }

  /** A rate's value in the row's year, from the draw's columns (see {@link Settings.RatePath}). */
  private static Column rate(String name, Settings.RatePath rate) {
    Column value = col(name + "_value");
    if (rate.target() == null) {
      return value;
    }
    Column target = col(name + "_target");
    Column along = col(YEAR).minus(rate.fromYear()).cast(DataTypes.DoubleType).divide(rate.byYear() - rate.fromYear());
    Column path = when(col(YEAR).leq(rate.fromYear()), value).when(col(YEAR).geq(rate.byYear()), target)
        .otherwise(value.plus(target.minus(value).multiply(along)));
    return rate.untilYear() == 0 ? path : when(col(YEAR).gt(rate.untilYear()), value).otherwise(path);
  }

  /** {@code CASE metal WHEN m THEN perMetal(m) ... END} over the metals the method covers. */
  private static Column byMetal(Iterable<String> metals, java.util.function.Function<String, Column> perMetal) {
    Column out = null;
    for (String metal : metals) {
      out = out == null ? when(col(METAL).equalTo(metal), perMetal.apply(metal))
          : out.when(col(METAL).equalTo(metal), perMetal.apply(metal));
    }
    return out;
  }

  /**
   * Adds the collection rate, pre-processing yield and smelter yield of each row's metal and year
   * ({@code collection_rate}, {@code preprocessing_yield}, {@code smelter_yield}), from the columns
   * of a draw of {@link #assumptions} joined to the row.
   */
  public static Dataset<Row> withRecoveryFactors(Dataset<Row> rows, Settings.Drivers drivers) {
    Iterable<String> metals = drivers.contentGramsPerTonne().keySet();
    return rows.withColumn(COLLECTION_RATE, rate("collection", drivers.collectionRate()))
        .withColumn(PREPROCESSING_YIELD, byMetal(metals, m -> rate("preprocessing_" + m, drivers.preprocessingYield().get(m))))
        .withColumn(SMELTER_YIELD, byMetal(metals, m -> rate("smelter_" + m, drivers.smelterYield().get(m))));
  }

  /**
   * Per draw, country, metal and year: the factors, the model, the calibration and the
   * recoverable metal, and the draw's available share.
   *
   * @param ewaste {@link #ewasteSeries}
   * @param observed country series: {@code country_code, metal, year, mass_kg}
   * @param draws {@link #assumptions}
   */
  public static Dataset<Row> perDraw(Dataset<Row> ewaste, Dataset<Row> observed, Dataset<Row> draws,
      Settings.Drivers drivers) {
    Iterable<String> metals = drivers.contentGramsPerTonne().keySet();
    Dataset<Row> metalRows = draws.sparkSession()
        .createDataset(new ArrayList<>(drivers.contentGramsPerTonne().keySet()), Encoders.STRING()).toDF(METAL);
    Dataset<Row> base = withRecoveryFactors(ewaste.crossJoin(metalRows).crossJoin(draws), drivers)
        .withColumn(CONTENT_G_PER_T, byMetal(metals, m -> col("content_" + m)));
    Dataset<Row> model = base
        .withColumn(MODEL_KG, col(EWASTE_T).multiply(col(COLLECTION_RATE)).multiply(col(CONTENT_G_PER_T))
            .multiply(col(PREPROCESSING_YIELD)).multiply(col(SMELTER_YIELD)).divide(1000))
        .join(observed.select(col(COUNTRY_CODE), col(METAL), col(YEAR), col(MetalForecast.MASS_KG).as(OBSERVED_KG)),
            new String[] {COUNTRY_CODE, METAL, YEAR}, "left");

    Dataset<Row> own = model.filter(col(OBSERVED_KG).isNotNull())
        .groupBy(DRAW, COUNTRY_CODE, METAL)
        .agg(sum(OBSERVED_KG).as("recorded"), sum(MODEL_KG).as("modelled"))
        .filter(col("modelled").gt(0))
        .select(col(DRAW), col(COUNTRY_CODE), col(METAL), col("recorded").divide(col("modelled")).as("own_factor"));
    // A country that recorded 0 kg has factor 0, which has no logarithm: it stays out of the pool.
    Dataset<Row> pooled = own.filter(col("own_factor").gt(0)).groupBy(DRAW, METAL)
        .agg(exp(avg(log(col("own_factor")))).as("pooled_factor"));
    return model.join(own, new String[] {DRAW, COUNTRY_CODE, METAL}, "left")
        .join(pooled, new String[] {DRAW, METAL}, "left")
        .withColumn(CALIBRATION_FACTOR, coalesce(col("own_factor"), col("pooled_factor"), lit(1.0)))
        .withColumn(CALIBRATION_BASIS, when(col("own_factor").isNotNull(), lit(BY_RECORDS))
            .when(col("pooled_factor").isNotNull(), lit(POOLED)).otherwise(lit(NONE)))
        .withColumn(RECOVERABLE_KG, col(MODEL_KG).multiply(col(CALIBRATION_FACTOR)))
        .select(col(DRAW), col(COUNTRY_CODE), col(METAL), col(YEAR), col(EWASTE_T), col(EWASTE_BASIS),
            col(COLLECTION_RATE), col(CONTENT_G_PER_T), col(PREPROCESSING_YIELD), col(SMELTER_YIELD),
            col(MODEL_KG), col(CALIBRATION_FACTOR), col(CALIBRATION_BASIS), col(RECOVERABLE_KG),
            col(OBSERVED_KG), col(SHARE));
  }

  /**
   * {@code metal_forecast} rows of the drivers method for every country and metal it covers and
   * can calibrate (basis {@code records} or {@code pooled}: an uncalibrated model, handset
   * content applied to all e-waste, is no forecast): recorded years stay {@code observed}, every
   * later year to the horizon is {@code drivers}, with the plain result as {@code mass_kg} and the
   * Monte Carlo's quantiles at {@code intervalLevel} as bounds (equal to it when every assumption
   * is fixed).
   *
   * @param plain {@link #perDraw} over the plain assumptions
   * @param simulated {@link #perDraw} over the Monte Carlo draws
   */
  public static Dataset<Row> forecastRows(Dataset<Row> plain, Dataset<Row> simulated, double intervalLevel) {
    Dataset<Row> lastRecorded = plain.filter(col(OBSERVED_KG).isNotNull())
        .groupBy(COUNTRY_CODE, METAL).agg(max(YEAR).as("last_recorded"));
    LinkedHashMap<String, Double> levels = new LinkedHashMap<>();
    levels.put(MetalForecast.LOWER_KG, (1 - intervalLevel) / 2);
    levels.put(MetalForecast.UPPER_KG, (1 + intervalLevel) / 2);
    Dataset<Row> bounds = MonteCarlo.quantiles(simulated, RECOVERABLE_KG, levels, COUNTRY_CODE, METAL, YEAR);
    return plain.filter(col(CALIBRATION_BASIS).notEqual(NONE))
        .join(lastRecorded, new String[] {COUNTRY_CODE, METAL}, "left")
        .filter(col("last_recorded").isNull().or(col(YEAR).gt(col("last_recorded"))))
        .join(bounds, new String[] {COUNTRY_CODE, METAL, YEAR})
        .select(lit(MetalForecast.COUNTRY_LEVEL).as(MetalForecast.SCOPE_LEVEL), col(COUNTRY_CODE).as(MetalForecast.SCOPE),
            col(METAL), col(YEAR), col(RECOVERABLE_KG).as(MetalForecast.MASS_KG), col(MetalForecast.LOWER_KG),
            col(MetalForecast.UPPER_KG), lit(DRIVERS).as(MetalForecast.METHOD), lit(true).as(MetalForecast.IS_FORECAST));
  }

  /** Country series of {@link MetalForecast#series} as {@code country_code, metal, year, mass_kg}. */
  public static Dataset<Row> countrySeries(Dataset<Row> series) {
    return series.filter(col(MetalForecast.SCOPE_LEVEL).equalTo(MetalForecast.COUNTRY_LEVEL))
        .select(col(MetalForecast.SCOPE).as(COUNTRY_CODE), col(METAL), col(YEAR), col(MetalForecast.MASS_KG));
  }

}
