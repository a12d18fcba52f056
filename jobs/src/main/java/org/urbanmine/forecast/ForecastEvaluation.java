package org.urbanmine.forecast;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.urbanmine.tables.ForecastEvaluationTable.CHOSEN;
import static org.urbanmine.tables.ForecastEvaluationTable.HOLDOUT_YEARS;
import static org.urbanmine.tables.ForecastEvaluationTable.INTERVAL_COVERAGE;
import static org.urbanmine.tables.ForecastEvaluationTable.INTERVAL_POINTS;
import static org.urbanmine.tables.ForecastEvaluationTable.MAE;
import static org.urbanmine.tables.ForecastEvaluationTable.MASE;
import static org.urbanmine.tables.ForecastEvaluationTable.METAL;
import static org.urbanmine.tables.ForecastEvaluationTable.METHOD;
import static org.urbanmine.tables.ForecastEvaluationTable.METHOD_INTERVAL_COVERAGE;
import static org.urbanmine.tables.ForecastEvaluationTable.METHOD_INTERVAL_POINTS;
import static org.urbanmine.tables.ForecastEvaluationTable.MIN_POINTS_FOR_COVERAGE;
import static org.urbanmine.tables.ForecastEvaluationTable.SCOPE;
import static org.urbanmine.tables.ForecastEvaluationTable.SCOPE_LEVEL;
import static org.urbanmine.tables.ForecastEvaluationTable.SMAPE;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.urbanmine.config.Settings;
import org.urbanmine.tables.ForecastDriversTable;
import org.urbanmine.tables.ForecastEvaluationTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.uncertainty.Normal;

/**
 * {@code forecast_evaluation}: how well each method would have forecast each series' last
 * {@code urbanmine.forecast.holdout-years} observed years, fitted on the years before them. Method
 * {@code auto} forecasts each series with the method of lowest error here (MASE or sMAPE).
 *
 * <p>Errors over the held-out years: {@code mae} = mean |actual - forecast| (kg); {@code smape} =
 * mean of 200 |a - f| / (|a| + |f|) (percent, 0 to 200; 0 where both are 0); {@code mase} = mae
 * divided by the mean |y(t) - y(t-1)| of the fitting years (the in-sample error of "same as last
 * year"; null when that is 0). A series is evaluated when its fitting years are at least
 * {@code min-points-for-trend}; {@code log-linear} only where those years are all above 0 kg;
 * {@code damped-trend} only where there are at least 4 of them (DampedTrend's minimum).
 *
 * <p>Intervals: {@code interval_coverage} is the share of a series' held-out years whose record
 * lies inside the method's interval at {@code urbanmine.forecast.interval-level}; a series has two
 * or three such years, so {@code method_interval_coverage} pools every series of the method, shown
 * from {@value ForecastEvaluationTable#MIN_POINTS_FOR_COVERAGE} points. An interval that covers
 * what it claims comes near the level.
 */
public final class ForecastEvaluation {

  public static final String AUTO = "auto";
  /** Candidates in order of preference when errors tie. */
  static final List<String> CANDIDATES = List.of(MetalForecastTable.LINEAR, MetalForecastTable.LOG_LINEAR,
      DampedTrend.DAMPED_TREND, MetalForecastTable.LAST_VALUE);

  private static final Column[] SERIES_KEY = {col(SCOPE_LEVEL), col(SCOPE), col(METAL)};
  private static final String[] SERIES_COLUMNS = {SCOPE_LEVEL, SCOPE, METAL};

  private ForecastEvaluation() {}

  /**
   * A set of series split for backtesting: the years each method is fitted on, the held-out
   * years it is scored against, and per series the fitting years' count, minimum and mean
   * one-year change. The evaluation's one plan reads the fitting years three times (the trend
   * fits, the damped trend and the statistics), so the forecast stage caches them ({@link #cache}).
   */
  public record Backtest(Dataset<Row> fitting, Dataset<Row> actual, Dataset<Row> fitStats) {
    public Backtest cache() {
      return new Backtest(fitting.cache(), actual.cache(), fitStats.cache());
    }

    public void unpersist() {
      fitting.unpersist();
      actual.unpersist();
      fitStats.unpersist();
    }
  }

  /** Each series' last {@code holdout-years} held out; series too short to fit are left out of fitStats. */
  public static Backtest backtest(Dataset<Row> series, Settings.Forecast forecast) {
    int k = forecast.holdoutYears();
    Dataset<Row> lastYears = series.groupBy(SERIES_KEY).agg(max(MetalForecastTable.YEAR).as("last_year"));
    Dataset<Row> split = series.join(lastYears, SERIES_COLUMNS)
        .withColumn("held_out", col(MetalForecastTable.YEAR).gt(col("last_year").minus(k)));
    Dataset<Row> fitting = split.filter(col("held_out").equalTo(false))
        .select(SCOPE_LEVEL, SCOPE, METAL, MetalForecastTable.YEAR, MetalForecastTable.MASS_KG);
    Dataset<Row> actual = split.filter(col("held_out"))
        .select(col(SCOPE_LEVEL), col(SCOPE), col(METAL), col(MetalForecastTable.YEAR),
            col(MetalForecastTable.MASS_KG).as("actual"));

    WindowSpec byYear = Window.partitionBy(SERIES_KEY).orderBy(MetalForecastTable.YEAR);
    Dataset<Row> fitStats = fitting
        .withColumn("change", abs(col(MetalForecastTable.MASS_KG).minus(lag(MetalForecastTable.MASS_KG, 1).over(byYear))))
        .groupBy(SERIES_KEY)
        .agg(count(MetalForecastTable.MASS_KG).as("fit_n"), min(MetalForecastTable.MASS_KG).as("fit_min"),
            avg("change").as("naive_error"))
        .filter(col("fit_n").geq(forecast.minPointsForTrend()));
    return new Backtest(fitting, actual, fitStats);
  }

  /** Every candidate's errors per evaluable series; {@code chosen} is filled by {@link #markChosen}. */
  public static Dataset<Row> evaluate(SparkSession spark, Dataset<Row> series, Settings.Forecast forecast) {
    return evaluate(spark, backtest(series, forecast), forecast);
  }

  /**
   * As {@link #evaluate(SparkSession, Dataset, Settings.Forecast)}, on a split already made: one
   * plan for every candidate ({@link MetalForecast#candidates}), its errors grouped by series and
   * candidate.
   */
  public static Dataset<Row> evaluate(SparkSession spark, Backtest backtest, Settings.Forecast forecast) {
    Dataset<Row> predicted = MetalForecast.candidates(backtest.fitting(), forecast, CANDIDATES)
        .select(col(SCOPE_LEVEL), col(SCOPE), col(METAL), col(MetalForecastTable.YEAR), col(MetalForecast.CANDIDATE),
            col(MetalForecastTable.MASS_KG).as(PREDICTED), col(MetalForecastTable.LOWER_KG).as(PREDICTED_LOWER),
            col(MetalForecastTable.UPPER_KG).as(PREDICTED_UPPER));
    return scored(backtest, predicted, forecast.holdoutYears());
  }

  private static final String PREDICTED = "predicted";
  private static final String PREDICTED_LOWER = "predicted_lower";
  private static final String PREDICTED_UPPER = "predicted_upper";

  /**
   * The drivers model backtested on the same split as the trends: for each country series it
   * calibrates (recorded whole-stream years), the factor is taken from the fitting years only,
   * sum of recorded kg / sum of the model's (forecast_drivers.model_kg at the country's own rate,
   * every assumption at its median), and the held-out years are predicted as the model x that
   * factor; scored as the trends are, {@code last_value} beside it being the naive forecast. Its
   * interval is the calibration's, as the country model draws it: the prediction x exp(+-z s), s the
   * sample spread of log(record / model) over the fitting years (none with fewer than two), z the
   * normal quantile of the interval level. Content, yields and lifespans, drawn too in the
   * published interval, move a calibrated country's model and its factor together and mostly
   * cancel, so they are left out here.
   *
   * @param drivers {@code forecast_drivers}' rows
   */
  public static Dataset<Row> evaluateDrivers(Backtest backtest, Dataset<Row> drivers, Settings.Forecast forecast) {
    Dataset<Row> model = drivers.select(lit(MetalForecastTable.COUNTRY_LEVEL).as(SCOPE_LEVEL),
        col(ForecastDriversTable.COUNTRY_CODE).as(SCOPE), col(METAL), col(MetalForecastTable.YEAR),
        CountryModel.calibrationReference().as("reference_kg"));
    String[] key = {SCOPE_LEVEL, SCOPE, METAL, MetalForecastTable.YEAR};
    Column ratio = col(MetalForecastTable.MASS_KG).divide(col("reference_kg"));
    Dataset<Row> factor = backtest.fitting().join(model, key)
        .groupBy(SERIES_KEY)
        .agg(sum(MetalForecastTable.MASS_KG).divide(sum("reference_kg")).as("fit_factor"),
            stddev_samp(when(ratio.gt(0), log(ratio))).as("fit_log_sd"));
    double z = Normal.quantile((1 + forecast.intervalLevel()) / 2);
    Column prediction = col("reference_kg").multiply(col("fit_factor"));
    Column spread = exp(col("fit_log_sd").multiply(z));
    Dataset<Row> predicted = model.join(factor, SERIES_COLUMNS)
        .select(col(SCOPE_LEVEL), col(SCOPE), col(METAL), col(MetalForecastTable.YEAR),
            lit(ForecastDriversTable.DRIVERS).as(MetalForecast.CANDIDATE), prediction.as(PREDICTED),
            prediction.divide(spread).as(PREDICTED_LOWER), prediction.multiply(spread).as(PREDICTED_UPPER));
    return scored(backtest, predicted, forecast.holdoutYears());
  }

  /** Errors per series and candidate of {@code predicted} ({@code ..., candidate, predicted}) against the held-out years. */
  private static Dataset<Row> scored(Backtest backtest, Dataset<Row> predicted, int k) {
    Column a = col("actual");
    Column p = col(PREDICTED);
    Column smape = when(abs(a).plus(abs(p)).equalTo(0), lit(0.0))
        .otherwise(abs(a.minus(p)).multiply(200).divide(abs(a).plus(abs(p))));
    Column candidate = col(MetalForecast.CANDIDATE);
    Column bounded = col(PREDICTED_LOWER).isNotNull().and(col(PREDICTED_UPPER).isNotNull());
    Column inside = bounded.and(a.geq(col(PREDICTED_LOWER))).and(a.leq(col(PREDICTED_UPPER)));
    WindowSpec byMethod = Window.partitionBy(col(METHOD));
    Column methodPoints = sum(INTERVAL_POINTS).over(byMethod);
    return backtest.actual()
        .join(predicted, new String[] {SCOPE_LEVEL, SCOPE, METAL, MetalForecastTable.YEAR})
        .groupBy(col(SCOPE_LEVEL), col(SCOPE), col(METAL), candidate)
        .agg(avg(abs(a.minus(p))).as(MAE), avg(smape).as(SMAPE), count(when(bounded, lit(1))).as(INTERVAL_POINTS),
            count(when(inside, lit(1))).as(HITS))
        .join(backtest.fitStats(), SERIES_COLUMNS)
        .filter(candidate.notEqual(MetalForecastTable.LOG_LINEAR).or(col("fit_min").gt(0)))
        .filter(candidate.notEqual(DampedTrend.DAMPED_TREND).or(col("fit_n").geq(DampedTrend.MIN_POINTS)))
        .select(col(SCOPE_LEVEL), col(SCOPE), col(METAL), candidate.as(METHOD),
            lit(k).as(HOLDOUT_YEARS), col(MAE), col(SMAPE),
            when(col("naive_error").gt(0), col(MAE).divide(col("naive_error"))).as(MASE),
            lit(false).as(CHOSEN), col(INTERVAL_POINTS).cast(DataTypes.IntegerType).as(INTERVAL_POINTS),
            when(col(INTERVAL_POINTS).gt(0), col(HITS).divide(col(INTERVAL_POINTS))).as(INTERVAL_COVERAGE), col(HITS))
        .withColumn(METHOD_INTERVAL_POINTS, methodPoints.cast(DataTypes.IntegerType))
        .withColumn(METHOD_INTERVAL_COVERAGE, when(methodPoints.geq(MIN_POINTS_FOR_COVERAGE),
            sum(HITS).over(byMethod).divide(methodPoints)))
        .drop(HITS);
  }

  private static final String HITS = "interval_hits";

  /** {@code scope_level, scope, metal, candidate}: each evaluated series' method of lowest error. */
  public static Dataset<Row> best(Dataset<Row> evaluation, String metric) {
    // auto chooses among the trends: the drivers model's backtest is shown, not a candidate.
    evaluation = evaluation.filter(col(METHOD).isin(CANDIDATES.toArray()));
    Column preference = lit(CANDIDATES.size());
    for (int i = CANDIDATES.size() - 1; i >= 0; i--) {
      preference = when(col(METHOD).equalTo(CANDIDATES.get(i)), i).otherwise(preference);
    }
    WindowSpec bySeries = Window.partitionBy(SERIES_KEY)
        .orderBy(col(metric).asc_nulls_last(), preference);
    return evaluation.withColumn("rank", row_number().over(bySeries)).filter(col("rank").equalTo(1))
        .select(col(SCOPE_LEVEL), col(SCOPE), col(METAL), col(METHOD).as(MetalForecast.CANDIDATE));
  }

  /**
   * Method {@code auto}: each series forecast with its best method; series too short to evaluate
   * are carried forward flat ({@code last_value}). Rows keep the method actually used.
   */
  public static Dataset<Row> forecast(SparkSession spark, Dataset<Row> series, Dataset<Row> evaluation,
      Settings.Forecast forecast) {
    Dataset<Row> choice = series.select(SERIES_KEY).distinct()
        .join(best(evaluation, forecast.selectionMetric()), SERIES_COLUMNS, "left")
        .na().fill(MetalForecastTable.LAST_VALUE, new String[] {MetalForecast.CANDIDATE});
    Dataset<Row> chosen = MetalForecast.candidates(series, forecast, CANDIDATES)
        .join(choice, new String[] {SCOPE_LEVEL, SCOPE, METAL, MetalForecast.CANDIDATE})
        .drop(MetalForecast.CANDIDATE);
    return MetalForecast.withModelColumns(MetalForecast.observed(series).unionByName(chosen));
  }

  /** {@code chosen} set where the published forecast of the series used the row's method. */
  public static Dataset<Row> markChosen(Dataset<Row> evaluation, Dataset<Row> metalForecast) {
    Dataset<Row> used = metalForecast.filter(col(MetalForecastTable.IS_FORECAST))
        .select(col(SCOPE_LEVEL), col(SCOPE), col(METAL), col(MetalForecastTable.METHOD).as("used")).distinct();
    return evaluation.drop(CHOSEN).join(used, SERIES_COLUMNS, "left")
        .withColumn(CHOSEN, when(col("used").equalTo(col(METHOD)), true).otherwise(false))
        .drop("used");
  }
}
