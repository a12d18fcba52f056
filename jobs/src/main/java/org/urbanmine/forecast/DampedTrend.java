package org.urbanmine.forecast;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.urbanmine.tables.MetalForecastTable;

/**
 * Forecast method {@code damped-trend}: Holt's linear method with a damped trend (Gardner and
 * McKenzie 1985) and additive errors, ETS(A,Ad,N) in the taxonomy of Hyndman et al. (2008),
 * fitted to each series (a scope and a metal).
 *
 * <p>The observed years of a series, in year order, are t = 1..n, whether or not the years are
 * consecutive; years with a null {@code mass_kg} are left out. The state starts from the first two
 * observations (the simple initialisation of Hyndman and Athanasopoulos, fpp2 7.2): level
 * {@code l1 = y1}, trend {@code b1 = y2 - y1}. For t = 2..n:
 * <pre>
 *   f(t) = l(t-1) + phi b(t-1)                       one-step forecast
 *   e(t) = y(t) - f(t)                               one-step error
 *   l(t) = alpha y(t) + (1 - alpha) f(t)
 *   b(t) = beta (l(t) - l(t-1)) + (1 - beta) phi b(t-1)
 * </pre>
 * and {@code h} years after the last observed year the forecast is
 * {@code l(n) + (phi + phi^2 + ... + phi^h) b(n)}, clipped at zero since recovered metal cannot be
 * negative.
 *
 * <p><b>Which errors count.</b> Only e(3)..e(n), so {@code m = n - 2} errors. e(2) is left out:
 * y2 has already been used to set b1, so f(2) is not a forecast of an unseen value; e(2) is just
 * {@code (1 - phi)(y2 - y1)} (zero only without damping), and counting it would penalise damping
 * on any series that starts with a large change. The step at t = 2 still updates the level and
 * trend as above.
 *
 * <p><b>Parameters</b> are chosen per series from a grid, by the least sum of squares of the
 * counted errors (SSE): alpha in 0.1, 0.2, ..., 1.0; beta in 0.05, 0.1, 0.2, 0.3, 0.5; phi in
 * 0.80, 0.85, 0.90, 0.95, 0.98 (the range Hyndman and Athanasopoulos recommend). Equal SSEs (a
 * flat series fits every combination exactly) are broken by the larger phi, then the smaller
 * alpha, then the smaller beta: the least damping and the least reaction to noise.
 *
 * <p><b>Interval</b> at {@code intervalLevel}: {@code sigma^2 = SSE / m} and, h years ahead,
 * {@code v(h) = sigma^2 (1 + sum_{j=1}^{h-1} c(j)^2)} with {@code c(j) = alpha + alpha beta phi(j)}
 * and {@code phi(j) = phi + ... + phi^j} (Hyndman et al. 2008, Table 6.1, class 1, ETS(A,Ad,N),
 * whose beta is our alpha beta). The bounds are {@code yhat -+ t sqrt(v(h))}, each clipped at
 * zero, with t the two-sided Student t quantile for {@code df = m = n - 2} degrees of freedom. The
 * two observations that set the initial state play the part of the intercept and slope of the
 * {@code linear} method, whose interval uses {@code t(n - 2)} with {@code s^2 = SSE / (n - 2)}: the
 * same estimate of sigma^2 and the same df, so the two methods' intervals are comparable. The
 * three smoothing parameters, picked from a coarse grid rather than estimated, are not charged
 * degrees of freedom, so like every ETS interval that ignores parameter uncertainty this one is on
 * the narrow side. Beyond 300 degrees of freedom the bounds are null (as in {@link MetalForecast}).
 *
 * <p>Series with fewer than {@code minPoints} observed years, and always those with fewer than
 * {@value #MIN_POINTS} (at least two counted errors, so that df is at least 2), are carried forward
 * flat ({@code last_value}) with null bounds, as in {@link MetalForecast}.
 */
public final class DampedTrend {
  public static final String DAMPED_TREND = "damped-trend";

  public static final String N = "n";
  public static final String LAST_YEAR = "last_year";
  public static final String ALPHA = "alpha";
  public static final String BETA = "beta";
  public static final String PHI = "phi";
  public static final String LEVEL_KG = "level_kg";
  public static final String TREND_KG = "trend_kg";
  public static final String SSE = "sse";
  public static final String ERRORS = "errors";

  /** The fewest observed years fitted: 2 for the initial state and 2 counted errors. */
  static final int MIN_POINTS = 4;

  static final double[] ALPHAS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
  static final double[] BETAS = {0.05, 0.1, 0.2, 0.3, 0.5};
  static final double[] PHIS = {0.80, 0.85, 0.90, 0.95, 0.98};

  private static final String OBS = "obs";
  private static final String LAST_MASS = "last_mass";
  private static final Column[] SERIES_KEY = {
      col(MetalForecastTable.SCOPE_LEVEL), col(MetalForecastTable.SCOPE), col(MetalForecastTable.METAL)};

  private DampedTrend() {}

  /**
   * Forecast rows only ({@code is_forecast = true}) for years last_year+1..horizon, columns
   * scope_level, scope, metal, year, mass_kg, lower_kg, upper_kg, method, is_forecast (method
   * {@code damped-trend} or {@code last_value}). Series whose last year &gt;= horizon give no rows.
   */
  public static Dataset<Row> forecast(SparkSession spark, Dataset<Row> series, int horizon,
      double intervalLevel, int minPoints) {
    return forecast(series, horizon, intervalLevel, minPoints, grid(ALPHAS, BETAS, PHIS));
  }

  /**
   * Per series the chosen parameters and final state: scope_level, scope, metal, n, last_year,
   * alpha, beta, phi, level_kg, trend_kg, sse, errors (m). Only series with at least
   * {@value #MIN_POINTS} observed years.
   */
  public static Dataset<Row> fits(Dataset<Row> series) {
    return fit(observations(series).filter(col(N).geq(MIN_POINTS)), grid(ALPHAS, BETAS, PHIS));
  }

  /** {@link #fits} with the parameters fixed rather than searched. */
  static Dataset<Row> fitsWith(Dataset<Row> series, double alpha, double beta, double phi) {
    return fit(observations(series).filter(col(N).geq(MIN_POINTS)),
        grid(new double[] {alpha}, new double[] {beta}, new double[] {phi}));
  }

  /** {@link #forecast} with the parameters fixed rather than searched. */
  static Dataset<Row> forecastWith(SparkSession spark, Dataset<Row> series, int horizon,
      double intervalLevel, int minPoints, double alpha, double beta, double phi) {
    return forecast(series, horizon, intervalLevel, minPoints,
        grid(new double[] {alpha}, new double[] {beta}, new double[] {phi}));
  }

  private static Dataset<Row> forecast(Dataset<Row> series, int horizon, double intervalLevel, int minPoints,
      Column grid) {
    int fitted = Math.max(MIN_POINTS, minPoints);
    Dataset<Row> observations = observations(series).filter(col(LAST_YEAR).lt(horizon));

    Dataset<Row> fits = fit(observations.filter(col(N).geq(fitted)), grid);

    Column a = col(ALPHA);
    Column b = col(BETA);
    Column p = col(PHI);
    Column h = col(MetalForecastTable.YEAR).minus(col(LAST_YEAR));
    // One pass over j = 1..h: on entering j, phi_sum holds phi(j-1); c(j-1)^2 is added for j >= 2,
    // so at the end phi_sum = phi(h) and c2_sum = sum_{j=1}^{h-1} c(j)^2 (0 when h = 1).
    Column ahead = aggregate(sequence(lit(1), h),
        struct(lit(0.0).as("phi_sum"), lit(0.0).as("c2_sum")),
        (acc, j) -> struct(
            acc.getField("phi_sum").plus(pow(p, j)).as("phi_sum"),
            acc.getField("c2_sum").plus(when(j.gt(1),
                pow(a.plus(a.multiply(b).multiply(acc.getField("phi_sum"))), 2)).otherwise(0.0))
                .as("c2_sum")));
    Column yhat = col(LEVEL_KG).plus(col("ahead.phi_sum").multiply(col(TREND_KG)));
    Column sigma2 = col(SSE).divide(col(ERRORS));
    Column halfWidth = MetalForecast.tQuantile(intervalLevel, col(ERRORS))
        .multiply(sqrt(sigma2.multiply(lit(1.0).plus(col("ahead.c2_sum")))));

    Dataset<Row> trend = fits
        .withColumn(MetalForecastTable.YEAR, explode(sequence(col(LAST_YEAR).plus(1), lit(horizon))))
        .withColumn("ahead", ahead)
        .select(col(MetalForecastTable.SCOPE_LEVEL), col(MetalForecastTable.SCOPE), col(MetalForecastTable.METAL),
            col(MetalForecastTable.YEAR),
            greatest(lit(0.0), yhat).as(MetalForecastTable.MASS_KG),
            greatest(lit(0.0), yhat.minus(halfWidth)).as(MetalForecastTable.LOWER_KG),
            greatest(lit(0.0), yhat.plus(halfWidth)).as(MetalForecastTable.UPPER_KG),
            lit(DAMPED_TREND).as(MetalForecastTable.METHOD),
            lit(true).as(MetalForecastTable.IS_FORECAST));

    Dataset<Row> flat = observations.filter(col(N).lt(fitted))
        .withColumn(MetalForecastTable.YEAR, explode(sequence(col(LAST_YEAR).plus(1), lit(horizon))))
        .select(col(MetalForecastTable.SCOPE_LEVEL), col(MetalForecastTable.SCOPE), col(MetalForecastTable.METAL),
            col(MetalForecastTable.YEAR),
            col(LAST_MASS).as(MetalForecastTable.MASS_KG),
            lit(null).cast(DataTypes.DoubleType).as(MetalForecastTable.LOWER_KG),
            lit(null).cast(DataTypes.DoubleType).as(MetalForecastTable.UPPER_KG),
            lit(MetalForecastTable.LAST_VALUE).as(MetalForecastTable.METHOD),
            lit(true).as(MetalForecastTable.IS_FORECAST));
    return trend.unionByName(flat);
  }

  /** Per series: {@code obs}, its (year, mass_kg) in year order; n; last_year; last_mass. */
  private static Dataset<Row> observations(Dataset<Row> series) {
    Column last = element_at(col(OBS), -1);
    return series.filter(col(MetalForecastTable.MASS_KG).isNotNull())
        .groupBy(SERIES_KEY)
        .agg(sort_array(collect_list(struct(col(MetalForecastTable.YEAR), col(MetalForecastTable.MASS_KG))))
            .as(OBS))
        .withColumn(N, size(col(OBS)))
        .withColumn(LAST_YEAR, last.getField(MetalForecastTable.YEAR))
        .withColumn(LAST_MASS, last.getField(MetalForecastTable.MASS_KG));
  }

  /**
   * Runs the recursion for every (series, grid row), for series with n &gt;= 3, and keeps the grid
   * row of least SSE per series (ties: larger phi, smaller alpha, smaller beta).
   */
  private static Dataset<Row> fit(Dataset<Row> observations, Column grid) {
    Column a = col(ALPHA);
    Column b = col(BETA);
    Column p = col(PHI);
    Column obs = col(OBS);
    Column y1 = element_at(obs, 1).getField(MetalForecastTable.MASS_KG);
    Column y2 = element_at(obs, 2).getField(MetalForecastTable.MASS_KG);
    // t = 2 from l1 = y1, b1 = y2 - y1; its error is not counted (see the class comment).
    Column[] second = step(y1, y2.minus(y1), y2, a, b, p);
    Column start = struct(second[0].as("l"), second[1].as("b"), lit(0.0).as("sse"));
    // t = 3..n, each error counted.
    Column state = aggregate(slice(obs, lit(3), col(N).minus(2)), start, (acc, o) -> {
      Column[] next = step(acc.getField("l"), acc.getField("b"), o.getField(MetalForecastTable.MASS_KG), a, b, p);
      return struct(next[0].as("l"), next[1].as("b"),
          acc.getField("sse").plus(next[2].multiply(next[2])).as("sse"));
    });

    return observations.withColumn("g", explode(grid))
        .withColumn(ALPHA, col("g." + ALPHA)).withColumn(BETA, col("g." + BETA)).withColumn(PHI, col("g." + PHI))
        .withColumn("state", state)
        .withColumn("rank", row_number().over(Window.partitionBy(SERIES_KEY)
            .orderBy(col("state.sse").asc(), p.desc(), a.asc(), b.asc())))
        .filter(col("rank").equalTo(1))
        .select(col(MetalForecastTable.SCOPE_LEVEL), col(MetalForecastTable.SCOPE), col(MetalForecastTable.METAL),
            col(N), col(LAST_YEAR), a, b, p,
            col("state.l").as(LEVEL_KG), col("state.b").as(TREND_KG), col("state.sse").as(SSE),
            col(N).minus(2).as(ERRORS));
  }

  /**
   * One step of the recursion from level {@code l} and trend {@code b}: new level, new trend,
   * error. Written in error-correction form, {@code l(t) = f(t) + alpha e(t)} and
   * {@code b(t) = phi b(t-1) + alpha beta e(t)}, which is the same algebra as the class comment's
   * but keeps an exact fit exact in floating point (a zero error changes nothing).
   */
  private static Column[] step(Column l, Column b, Column y, Column alpha, Column beta, Column phi) {
    Column damped = phi.multiply(b);
    Column error = y.minus(l.plus(damped));
    Column level = l.plus(damped).plus(alpha.multiply(error));
    Column trend = damped.plus(alpha.multiply(beta).multiply(error));
    return new Column[] {level, trend, error};
  }

  /**
   * Every (alpha, beta, phi) combination of the given values, as a literal array of structs: each
   * series is crossed with it by {@code explode}, with no join and no broadcast.
   */
  static Column grid(double[] alphas, double[] betas, double[] phis) {
    List<Column> rows = new ArrayList<>();
    for (double alpha : alphas) {
      for (double beta : betas) {
        for (double phi : phis) {
          rows.add(struct(lit(alpha).as(ALPHA), lit(beta).as(BETA), lit(phi).as(PHI)));
        }
      }
    }
    return array(rows.toArray(new Column[0]));
  }
}
