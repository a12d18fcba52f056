package org.urbanmine.medals;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.config.Settings;
import org.urbanmine.model.CountryChain;
import org.urbanmine.model.OrderStatistics;
import org.urbanmine.tables.CountryDrawsTable;
import org.urbanmine.tables.FirstCoveredYearTable;
import org.urbanmine.tables.MedalDemandTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.uncertainty.MonteCarlo;

/**
 * {@code first_covered_year}: "could this country (or region) make these Games' medals from its
 * urban mine, and from when?" Per Games, scope and metal, two answers:
 *
 * <ul>
 *   <li>{@code first_year_p50}, {@code first_year_p5}: the first year, observed or forecast, whose
 *       P50 (P5) of the metal available reaches the need: the year coverage first touches 1, even if
 *       it falls short again later;
 *   <li>{@code covered_from_p50}, {@code covered_from_p5}: "from then on". In each Monte Carlo draw,
 *       the year from which the metal available stays at or above the need through the horizon
 *       (never, if the horizon year falls short); {@code covered_from_p50} is the first year that
 *       holds for at least half of the draws, {@code covered_from_p5} for at least 95 % of them.
 *       Where it holds from the first year of data, no year is claimed ({@code covered_throughout}).
 * </ul>
 *
 * Both come from the draws medal_outlook's percentiles come from ({@link AvailableMetal}), the
 * sustained year draw by draw.
 */
public final class FirstCoveredYear {
  private static final String[] KEY = ScopeDraws.KEY;
  static final double P50 = 0.5;
  static final double P5 = 0.05;
  /**
   * What {@link #reduce} makes of a row of draws: its key, two percentiles, its draws and the bits
   * of the draws that cover each need.
   */
  static final StructType REDUCED = ScopeDraws.KEY_SCHEMA.add("p50", DataTypes.DoubleType)
      .add("p5", DataTypes.DoubleType).add("draws", DataTypes.IntegerType)
      .add("covered", DataTypes.createArrayType(DataTypes.LongType));
  /** The two percentiles a row's draws are reduced to, ascending. */
  private static final double[] LEVELS = {P5, P50};

  private FirstCoveredYear() {}

  /** One Games' need of one metal: what the host must obtain ({@code medal_demand.obtain_kg}). */
  public record Need(String gamesId, String games, int gamesYear, String metal, double neededKg)
      implements Serializable {}

  /** Every Games' need per metal, from the medal specifications (no Spark). */
  public static List<Need> needs(Settings.Medals medals) {
    // MedalDemand's rows carry no schema: their fields are in the order of the table's files.
    org.apache.spark.sql.types.StructType schema = MedalDemandTable.TABLE.fileSchema();
    List<Need> needs = new ArrayList<>();
    for (Row r : MedalDemand.rows(medals)) {
      needs.add(new Need(r.getString(schema.fieldIndex(MedalDemandTable.GAMES_ID)),
          r.getString(schema.fieldIndex(MedalDemandTable.GAMES)), r.getInt(schema.fieldIndex(MedalDemandTable.YEAR)),
          r.getString(schema.fieldIndex(MedalDemandTable.METAL)),
          r.getDouble(schema.fieldIndex(MedalDemandTable.OBTAIN_KG))));
    }
    return needs;
  }

  /**
   * Under the country model: every scope's draws ({@code country_draws}, {@code aggregate_draws}:
   * {@code scope_level, scope, metal, year, draws_kg}), whose percentiles are metal_forecast's.
   *
   * @param shares the available share in each draw, or null for a share that is not drawn
   * @param fixedShare the share where {@code shares} is null
   */
  public static Dataset<Row> fromDraws(Dataset<Row> draws, List<Need> needs, double[] shares, double fixedShare) {
    return answers(ScopeDraws.of(draws), needs, shares, fixedShare);
  }

  /**
   * Under a trend ({@code urbanmine.forecast.method} other than drivers): metal_forecast's own
   * mass in every draw, since a trend has no draws (the country model's of the same key are not
   * its forecast).
   */
  public static Dataset<Row> fromForecast(Dataset<Row> forecast, List<Need> needs, double[] shares, double fixedShare) {
    // A missing mass is NaN in every draw: covered in none.
    return answers(ScopeDraws.of(forecast.select(col(KEY[0]), col(KEY[1]), col(KEY[2]), col(KEY[3]),
        array(coalesce(col(MetalForecastTable.MASS_KG), lit(Double.NaN))).as(CountryDrawsTable.DRAWS_KG))),
        needs, shares, fixedShare);
  }

  /**
   * Each row is reduced where it is read to its two percentiles and, per need of its metal, which
   * draws cover it (a bit per draw): the shuffle that brings a scope's years together then moves
   * a fraction of the draws' bytes.
   */
  private static Dataset<Row> answers(Dataset<ScopeDraws> rows, List<Need> needs, double[] shares, double fixedShare) {
    List<Need> all = List.copyOf(needs);
    return fromReduced(rows.map((MapFunction<ScopeDraws, Row>) r -> reduce(r, all, shares, fixedShare),
        Encoders.row(REDUCED)), all);
  }

  /** Rows as {@link #reduce} makes them ({@link #REDUCED}, in its order), a scope's years brought together and answered. */
  static Dataset<Row> fromReduced(Dataset<Row> reduced, List<Need> needs) {
    List<Need> all = List.copyOf(needs);
    return reduced
        .groupByKey((MapFunction<Row, String>) r -> r.getString(0) + '\u0000' + r.getString(1) + '\u0000' + r.getString(2),
            Encoders.STRING())
        .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (key, group) -> {
          List<Row> series = new ArrayList<>();
          group.forEachRemaining(series::add);
          return years(series, all).iterator();
        }, Encoders.row(FirstCoveredYearTable.TABLE.fileSchema()));
  }

  /** One row: its percentiles of the metal available, and per need of its metal the draws that cover it. */
  static Row reduce(ScopeDraws r, List<Need> needs, double[] shares, double fixedShare) {
    double[] drawn = r.getDrawsKg() == null ? new double[0] : r.getDrawsKg();
    int n = shares != null ? shares.length : Math.max(drawn.length, 1);
    double[] available = new double[n];
    for (int d = 0; d < n; d++) {
      double metalKg = drawn.length == 0 ? Double.NaN : drawn[drawn.length == n ? d : 0];
      available[d] = metalKg * (shares != null ? shares[d] : fixedShare);
    }
    double p50;
    double p5;
    if (shares != null) {
      // medal_outlook's percentiles of the product, draw by draw (AvailableMetal.of).
      double[] ordered = available.clone();
      OrderStatistics.select(ordered, CountryChain.ranks(LEVELS, n));
      p50 = MonteCarlo.percentileOfSorted(ordered, P50);
      p5 = MonteCarlo.percentileOfSorted(ordered, P5);
    } else {
      // ... and for a fixed share, the metal's own percentiles (metal_forecast's) times the share.
      double[] ordered = drawn.clone();
      OrderStatistics.select(ordered, CountryChain.ranks(LEVELS, ordered.length));
      p50 = ordered.length == 0 ? Double.NaN : MonteCarlo.percentileOfSorted(ordered, P50) * fixedShare;
      p5 = ordered.length == 0 ? Double.NaN : MonteCarlo.percentileOfSorted(ordered, P5) * fixedShare;
    }
    int words = (n + 63) / 64;
    List<Long> covered = new ArrayList<>();
    for (Need need : needs) {
      if (!need.metal().equals(r.getMetal())) {
        continue;
      }
      long[] bits = new long[words];
      for (int d = 0; d < n; d++) {
        if (available[d] / need.neededKg() >= 1) {
          bits[d >>> 6] |= 1L << (d & 63);
        }
      }
      Arrays.stream(bits).forEach(covered::add);
    }
    return RowFactory.create(r.getScopeLevel(), r.getScope(), r.getMetal(), r.getYear(), p50, p5, n,
        scala.jdk.javaapi.CollectionConverters.asScala(covered).toSeq());
  }

  /** The rows of one scope and metal, reduced: the answers for each need of the metal. */
  static List<Row> years(List<Row> series, List<Need> needs) {
    series.sort(Comparator.comparingInt(r -> r.getInt(3)));
    String level = series.get(0).getString(0);
    String scope = series.get(0).getString(1);
    String metal = series.get(0).getString(2);
    int years = series.size();
    int n = series.get(0).getInt(6);
    int words = (n + 63) / 64;
    int[] year = new int[years];
    double[] p50 = new double[years];
    double[] p5 = new double[years];
    List<List<Long>> covered = new ArrayList<>();
    for (int y = 0; y < years; y++) {
      Row r = series.get(y);
      year[y] = r.getInt(3);
      p50[y] = r.getDouble(4);
      p5[y] = r.getDouble(5);
      covered.add(r.getList(7));
    }
    List<Row> out = new ArrayList<>();
    int index = 0;
    for (Need need : needs) {
      if (!need.metal().equals(metal)) {
        continue;
      }
      int offset = index++ * words;
      double kg = need.neededKg();
      int[] from = new int[n];
      for (int d = 0; d < n; d++) {
        from[d] = Integer.MAX_VALUE;
        for (int y = years - 1; y >= 0 && (covered.get(y).get(offset + (d >>> 6)) & 1L << (d & 63)) != 0; y--) {
          from[d] = year[y];
        }
      }
      int fromP50 = quantileYear(from, 1 - P50);
      int fromP5 = quantileYear(from, 1 - P5);
      out.add(RowFactory.create(need.games(), need.gamesYear(), level, scope, metal, kg,
          firstYearAtOrAbove(year, p50, kg), firstYearAtOrAbove(year, p5, kg),
          claimed(fromP50, year[0]), claimed(fromP5, year[0]), fromP50 == year[0], fromP5 == year[0],
          reason(from, fromP50, fromP5, year[years - 1]), need.gamesId()));
    }
    return out;
  }

  private static Integer firstYearAtOrAbove(int[] year, double[] kg, double need) {
    for (int y = 0; y < year.length; y++) {
      if (kg[y] / need >= 1) {
        return year[y];
      }
    }
    return null;
  }

  /**
   * The first year by which at least {@code share} of the draws are covered for good: the
   * ceil(share x n)-th smallest of their years ({@link Integer#MAX_VALUE}: never).
   */
  static int quantileYear(int[] from, double share) {
    int[] sorted = from.clone();
    Arrays.sort(sorted);
    // 0.95 x 1000 is 950 in exact arithmetic: a rounding error must not ask for draw 951.
    int k = (int) Math.ceil(share * sorted.length - 1e-9);
    return sorted[Math.max(k, 1) - 1];
  }

  private static Integer claimed(int from, int firstYear) {
    return from == Integer.MAX_VALUE || from == firstYear ? null : from;
  }

  /** Why an answer is missing: never covered for good by the horizon, at P50 or at P5. */
  private static String reason(int[] from, int fromP50, int fromP5, int lastYear) {
    if (fromP5 != Integer.MAX_VALUE) {
      return null;
    }
    long met = Arrays.stream(from).filter(f -> f != Integer.MAX_VALUE).count();
    String share = String.format(Locale.ROOT, "%.0f %%", 100.0 * met / from.length);
    return fromP50 == Integer.MAX_VALUE
        ? "not covered for good at P50: the need is met in " + lastYear + " in " + share + " of the draws, under half"
        : "not covered for good at P5: the need is met in " + lastYear + " in " + share + " of the draws, under 95 %";
  }
}
