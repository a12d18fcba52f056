package org.urbanmine.medals;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.model.CountryChain;
import org.urbanmine.model.OrderStatistics;
import org.urbanmine.tables.ForecastDriversTable;
import org.urbanmine.tables.MedalOutlookTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.uncertainty.Distribution;
import org.urbanmine.uncertainty.MonteCarlo;

/**
 * Metal available for medals, with its Monte Carlo percentiles: recoverable metal x available
 * share, draw by draw. A row with draws ({@code country_draws}, {@code aggregate_draws}: every row
 * of the country model and its sums) multiplies draw i of the metal by draw i of the share, then
 * takes percentiles, so an aggregate's percentiles are those of its summed draws; a row without
 * (a trend, under {@code urbanmine.forecast.method} other than drivers) is a fixed amount, so its
 * percentiles are the amount times the share's, exactly (a positive constant keeps the order).
 */
public final class AvailableMetal {
  public static final String P5_AVAILABLE_KG = MedalOutlookTable.P5_AVAILABLE_KG;
  public static final String P50_AVAILABLE_KG = MedalOutlookTable.P50_AVAILABLE_KG;
  public static final String P95_AVAILABLE_KG = MedalOutlookTable.P95_AVAILABLE_KG;
  static final double[] LEVELS = {0.05, 0.5, 0.95};
  /** The percentiles of a row's draws times the shares, before they join the forecast. */
  static final String[] DRAWN = {"drawn_p5_kg", "drawn_p50_kg", "drawn_p95_kg"};
  private static final String[] KEY = ScopeDraws.KEY;
  /** {@link #percentiles}' rows: the key, then {@link #DRAWN}. */
  static final StructType PERCENTILES = ScopeDraws.KEY_SCHEMA.add(DRAWN[0], DataTypes.DoubleType)
      .add(DRAWN[1], DataTypes.DoubleType).add(DRAWN[2], DataTypes.DoubleType);

  private AvailableMetal() {}

  /**
   * {@code forecast} with the percentile columns, for a share that is not drawn: the metal's own
   * percentiles ({@code metal_forecast.p5_kg}...; the amount itself for a trend, which has none)
   * times the share, since a positive constant keeps the order of the draws.
   */
  public static Dataset<Row> withFixedShare(Dataset<Row> forecast, double share) {
    return forecast
        .withColumn(P5_AVAILABLE_KG, coalesce(col(MetalForecastTable.P5_KG), col(MetalForecastTable.MASS_KG)).multiply(share))
        .withColumn(P50_AVAILABLE_KG, coalesce(col(MetalForecastTable.P50_KG), col(MetalForecastTable.MASS_KG)).multiply(share))
        .withColumn(P95_AVAILABLE_KG, coalesce(col(MetalForecastTable.P95_KG), col(MetalForecastTable.MASS_KG)).multiply(share));
  }

  /** The share in draws 0 to n - 1: draw i of the assumption {@value ForecastDriversTable#SHARE}. */
  public static double[] shares(Distribution share, long seed, int n) {
    double[] shares = new double[n];
    Arrays.setAll(shares, i -> MonteCarlo.value(share, seed, i, ForecastDriversTable.SHARE));
    return shares;
  }

  /**
   * {@code forecast} with {@code p5_available_kg, p50_available_kg, p95_available_kg}.
   *
   * @param draws {@code scope_level, scope, metal, year, draws_kg}: the draws of the rows that have them
   * @param shares the medals' available share in each draw ({@link #shares})
   */
  public static Dataset<Row> of(Dataset<Row> forecast, Dataset<Row> draws, double[] shares) {
    int[] ranks = CountryChain.ranks(LEVELS, shares.length);
    return withPercentiles(forecast, ScopeDraws.of(draws)
        .map((MapFunction<ScopeDraws, Row>) d -> percentiles(d, shares, ranks), Encoders.row(PERCENTILES)), shares);
  }

  /**
   * The key of a row of draws and the percentiles of its draws times the shares, draw by draw
   * ({@link #PERCENTILES}; null percentiles where it has no draws): what {@link #withPercentiles}
   * joins, three numbers per row rather than a thousand.
   *
   * @param ranks {@code CountryChain.ranks(LEVELS, shares.length)}
   */
  static Row percentiles(ScopeDraws d, double[] shares, int[] ranks) {
    Object[] out = {d.getScopeLevel(), d.getScope(), d.getMetal(), d.getYear(), null, null, null};
    double[] metal = d.getDrawsKg();
    if (metal != null) {
      double[] available = new double[metal.length];
      Arrays.setAll(available, i -> metal[i] * shares[i]);
      percentiles(available, available.length == shares.length ? ranks : CountryChain.ranks(LEVELS, available.length),
          out, KEY.length);
    }
    return RowFactory.create(out);
  }

  /**
   * {@code forecast} with the percentile columns: a row's {@link #PERCENTILES} where its draws
   * gave them; else (a trend's row, or a key without draws) the percentiles of its mass times the
   * shares.
   */
  static Dataset<Row> withPercentiles(Dataset<Row> forecast, Dataset<Row> percentiles, double[] shares) {
    int n = shares.length;
    int[] ranks = CountryChain.ranks(LEVELS, n);
    String[] columns = forecast.columns();
    List<Column> selected = new ArrayList<>();
    Arrays.stream(columns).forEach(c -> selected.add(col(c)));
    Arrays.stream(DRAWN).forEach(c -> selected.add(col(c)));
    Dataset<Row> joined = forecast.join(percentiles, KEY, "left").select(selected.toArray(new Column[0]));
    StructType schema = forecast.schema().add(P5_AVAILABLE_KG, DataTypes.DoubleType)
        .add(P50_AVAILABLE_KG, DataTypes.DoubleType).add(P95_AVAILABLE_KG, DataTypes.DoubleType);
    int massIndex = Arrays.asList(columns).indexOf(MetalForecastTable.MASS_KG);
    int p50Index = Arrays.asList(columns).indexOf(MetalForecastTable.P50_KG);
    int width = columns.length;
    return joined.map((MapFunction<Row, Row>) row -> {
      Object[] out = new Object[width + LEVELS.length];
      for (int i = 0; i < width + LEVELS.length; i++) {
        out[i] = row.get(i);
      }
      // A trend's row has no percentiles: the country model's draws of the same key are not its forecast.
      if (row.isNullAt(width) || p50Index >= 0 && row.isNullAt(p50Index)) {
        double[] available = new double[n];
        double mass = row.isNullAt(massIndex) ? Double.NaN : row.getDouble(massIndex);
        Arrays.setAll(available, i -> mass * shares[i]);
        percentiles(available, ranks, out, width);
      }
      return RowFactory.create(out);
    }, Encoders.row(schema));
  }

  /** Into {@code out} from {@code at}: the percentiles at {@link #LEVELS}; only the ranks they read are put in order. */
  private static void percentiles(double[] available, int[] ranks, Object[] out, int at) {
    OrderStatistics.select(available, ranks);
    for (int l = 0; l < LEVELS.length; l++) {
      out[at + l] = MonteCarlo.percentileOfSorted(available, LEVELS[l]);
    }
  }
}
