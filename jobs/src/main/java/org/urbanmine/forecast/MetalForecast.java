package org.urbanmine.forecast;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.regr_intercept;
import static org.apache.spark.sql.functions.regr_slope;
import static org.apache.spark.sql.functions.regr_sxx;
import static org.apache.spark.sql.functions.regr_sxy;
import static org.apache.spark.sql.functions.regr_syy;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;
import static org.urbanmine.tables.MetalForecastTable.IS_FORECAST;
import static org.urbanmine.tables.MetalForecastTable.LAST_VALUE;
import static org.urbanmine.tables.MetalForecastTable.LINEAR;
import static org.urbanmine.tables.MetalForecastTable.LOG_LINEAR;
import static org.urbanmine.tables.MetalForecastTable.LOWER_KG;
import static org.urbanmine.tables.MetalForecastTable.MASS_KG;
import static org.urbanmine.tables.MetalForecastTable.METAL;
import static org.urbanmine.tables.MetalForecastTable.METHOD;
import static org.urbanmine.tables.MetalForecastTable.OBSERVED;
import static org.urbanmine.tables.MetalForecastTable.SCOPE;
import static org.urbanmine.tables.MetalForecastTable.SCOPE_LEVEL;
import static org.urbanmine.tables.MetalForecastTable.UPPER_KG;
import static org.urbanmine.tables.MetalForecastTable.YEAR;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.urbanmine.config.Settings;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.tables.RecoveryByCountryYearTable;
import org.urbanmine.tables.RecoveryByRegionYearTable;

/**
 * {@code metal_forecast}: each series (a country, region, sub-region or the world, and a metal)
 * as observed, followed by a forecast to the horizon.
 *
 * <p>Method {@code linear}: an ordinary least-squares line through the observed years, with the
 * classical prediction interval
 * {@code yhat +- t(df = n - 2) * s * sqrt(1 + 1/n + (x - mean(x))^2 / Sxx)}, clipped at zero like
 * the forecast itself, since recovered metal cannot be negative.
 *
 * <p>Method {@code log-linear} (a constant growth rate): the same line and interval fitted to
 * {@code ln(mass_kg)}, then taken back with {@code exp}, so the forecast and its bounds stay
 * positive and the interval widens with the level. It needs every observed year above zero; a
 * series with a zero year is fitted {@code linear} instead, and says so in {@code method}.
 *
 * <p>Series with fewer observed years
 * than {@code urbanmine.forecast.min-points-for-trend} are carried forward flat
 * ({@code last_value}) with no interval (null bounds): too few points to say how uncertain.
 */
public final class MetalForecast {

  private MetalForecast() {}

  /**
   * The country series the forecast rests on, {@code scope_level, scope, metal, year, mass_kg}: the
   * rows of {@code recovery_by_country_year} recorded for a country's whole e-waste
   * ({@code urbanmine.sources}). An estimate, or a record of one channel or product, describes
   * another stream: it never calibrates the model nor shows as observed. No region's or world's
   * recorded total is a series: each covers whichever countries reported, of any basis.
   */
  public static Dataset<Row> series(Dataset<Row> byCountry) {
    return byCountry
        .filter(col(RecoveryByCountryYearTable.BASIS).equalTo(Settings.Source.RECORDED)
            .and(col(RecoveryByCountryYearTable.RECORD_SCOPE).equalTo(Settings.Source.WHOLE_STREAM)))
        .select(lit(RecoveryByRegionYearTable.COUNTRY).as(SCOPE_LEVEL),
            col(RecoveryByCountryYearTable.COUNTRY_CODE).as(SCOPE), col(METAL), col(YEAR), col(MASS_KG));
  }

  /**
   * Observed rows plus forecast rows to {@code forecast.horizon()}, with the columns only the
   * country model fills ({@code basis} aside: {@code recorded} for observed rows) empty.
   */
  public static Dataset<Row> forecast(SparkSession spark, Dataset<Row> series, Settings.Forecast forecast) {
    return withModelColumns(observed(series)
        .unionByName(candidates(series, forecast, List.of(forecast.method())).drop(CANDIDATE)));
  }

  /** In {@link #candidates}: the method a row was asked for ({@code method} says what was used). */
  static final String CANDIDATE = "candidate";

  /**
   * Forecast rows ({@code is_forecast}) of every series under each of {@code methods}, with the
   * method asked for in {@value #CANDIDATE}: {@code linear}, {@code log-linear}, {@code damped-trend}
   * as {@link #forecast} gives them under that method, {@code last_value} every series carried
   * forward flat. The least-squares sums are taken once for all the trend methods.
   */
  static Dataset<Row> candidates(Dataset<Row> series, Settings.Forecast forecast, List<String> methods) {
    List<String> trends = methods.stream().filter(m -> !m.equals(DampedTrend.DAMPED_TREND)).toList();
    Dataset<Row> ahead = trends.isEmpty() ? null : trend(series, forecast, trends);
    if (methods.contains(DampedTrend.DAMPED_TREND)) {
      Dataset<Row> damped = DampedTrend.forecast(series.sparkSession(), series, forecast.horizon(),
          forecast.intervalLevel(), forecast.minPointsForTrend()).withColumn(CANDIDATE, lit(DampedTrend.DAMPED_TREND));
      ahead = ahead == null ? damped : ahead.unionByName(damped);
    }
    return ahead;
  }

  /** The observed rows of {@code series} as {@link #forecast} gives them, before the model columns. */
  static Dataset<Row> observed(Dataset<Row> series) {
    return series.select(col(SCOPE_LEVEL), col(SCOPE), col(METAL), col(YEAR),
        col(MASS_KG), col(MASS_KG).as(LOWER_KG), col(MASS_KG).as(UPPER_KG),
        lit(OBSERVED).as(METHOD), lit(false).as(IS_FORECAST));
  }

  static Dataset<Row> withModelColumns(Dataset<Row> trend) {
    return trend
        .withColumn(MetalForecastTable.BASIS, when(col(IS_FORECAST).equalTo(false), lit(OBSERVED_BASIS))
            .otherwise(lit(null).cast(DataTypes.StringType)))
        .withColumn(MetalForecastTable.LAST_DATA_YEAR, lit(null).cast(DataTypes.IntegerType))
        .withColumn(MetalForecastTable.COUNTRIES, lit(1))
        .withColumn(MetalForecastTable.RECORDED_SHARE, lit(null).cast(DataTypes.DoubleType))
        .withColumn(MetalForecastTable.P5_KG, lit(null).cast(DataTypes.DoubleType))
        .withColumn(MetalForecastTable.P50_KG, lit(null).cast(DataTypes.DoubleType))
        .withColumn(MetalForecastTable.P95_KG, lit(null).cast(DataTypes.DoubleType));
  }

  /** The basis of an observed row: {@code recorded}, as the country model says it. */
  private static final String OBSERVED_BASIS = "recorded";

  /** {@link #candidates} of {@code linear}, {@code log-linear} and {@code last_value}, from one fit per series. */
  private static Dataset<Row> trend(Dataset<Row> series, Settings.Forecast forecast, List<String> methods) {
    Column y = col(MASS_KG);
    Column x = col(YEAR).cast(DataTypes.DoubleType);
    // Both fits in one pass; ln is null for a zero year, which only matters when log-linear is
    // chosen, and then the series falls back to linear.
    Column lnY = when(y.gt(0), log(y));
    List<Column> aggregates = new ArrayList<>(List.of(max(col(YEAR)).as("last_year"),
        max_by(y, col(YEAR)).as("last_mass"), min(y).as("min_mass"), avg(x).as("mean_year")));
    aggregates.addAll(leastSquares(y, x, ""));
    aggregates.addAll(leastSquares(lnY, x, "ln_"));
    Column logFit = col(CANDIDATE).equalTo(LOG_LINEAR).and(col("min_mass").gt(0));
    List<Column> chosen = new ArrayList<>(List.of(col(SCOPE_LEVEL), col(SCOPE), col(METAL), col(CANDIDATE), col("n"),
        col("last_year"), col("last_mass"), col("mean_year"), logFit.as("use_log")));
    for (String fit : FIT_COLUMNS) {
      chosen.add(when(logFit, col("ln_" + fit)).otherwise(col(fit)).as(fit));
    }
    Dataset<Row> fits = series
        .groupBy(col(SCOPE_LEVEL), col(SCOPE), col(METAL))
        .agg(count(y).as("n"), aggregates.toArray(new Column[0]))
        .filter(col("last_year").lt(forecast.horizon()))
        .withColumn(CANDIDATE, explode(array(methods.stream().map(functions::lit).toArray(Column[]::new))))
        .select(chosen.toArray(new Column[0]))
        .withColumn("df", col("n").minus(2).cast(DataTypes.IntegerType));

    Column yearF = col(YEAR).cast(DataTypes.DoubleType);
    Column yhat = col("intercept").plus(col("slope").multiply(yearF));
    // Residual sum of squares: Syy - Sxy^2/Sxx; rounding can make a perfect fit slightly negative.
    Column sse = greatest(lit(0.0), col("syy").minus(col("slope").multiply(col("sxy"))));
    Column s = sqrt(sse.divide(col("df")));
    Column se = s.multiply(sqrt(lit(1.0).plus(lit(1.0).divide(col("n")))
        .plus(pow(yearF.minus(col("mean_year")), 2).divide(col("sxx")))));
    Column t = tQuantile(forecast.intervalLevel(), col("df"));
    // last_value: every series carried forward flat, however many years it has.
    Column trend = col(CANDIDATE).notEqual(LAST_VALUE).and(col("n").geq(forecast.minPointsForTrend()));
    Column useLog = col("use_log");

    return fits
        .withColumn(YEAR, explode(sequence(col("last_year").plus(1), lit(forecast.horizon()))))
        .select(col(SCOPE_LEVEL), col(SCOPE), col(METAL), col(YEAR),
            when(trend, toKg(yhat, useLog)).otherwise(col("last_mass")).as(MASS_KG),
            when(trend, toKg(yhat.minus(t.multiply(se)), useLog)).as(LOWER_KG),
            when(trend, toKg(yhat.plus(t.multiply(se)), useLog)).as(UPPER_KG),
            when(trend, when(useLog, lit(LOG_LINEAR)).otherwise(lit(LINEAR))).otherwise(lit(LAST_VALUE)).as(METHOD),
            lit(true).as(IS_FORECAST), col(CANDIDATE));
  }

  private static final List<String> FIT_COLUMNS = List.of("slope", "intercept", "sxx", "sxy", "syy");

  /** Least-squares sums of {@code y} on {@code x}, named {@code prefix + FIT_COLUMNS}. */
  private static List<Column> leastSquares(Column y, Column x, String prefix) {
    return List.of(regr_slope(y, x).as(prefix + "slope"), regr_intercept(y, x).as(prefix + "intercept"),
        regr_sxx(y, x).as(prefix + "sxx"), regr_sxy(y, x).as(prefix + "sxy"), regr_syy(y, x).as(prefix + "syy"));
  }

  /** A fitted value back in kilograms: exp of a log-linear one; a linear one clipped at zero. */
  private static Column toKg(Column fitted, Column logLinear) {
    return when(logLinear, exp(fitted)).otherwise(greatest(lit(0.0), fitted));
  }

  /** The most degrees of freedom {@link #tQuantile} knows; beyond, the bounds are null. */
  static final int MAX_DF = 300;

  /**
   * The two-sided t quantile at {@code level} for {@code df} (1 to {@value #MAX_DF}), null for any
   * other df: a lookup in a literal array, so no join and no broadcast.
   */
  static Column tQuantile(double level, Column df) {
    double p = (1 + level) / 2;
    double[] t = new double[MAX_DF];
    for (int i = 0; i < MAX_DF; i++) {
      t[i] = StudentT.quantile(p, i + 1);
    }
    return when(df.between(1, MAX_DF), element_at(lit(t), df));
  }
}
