package org.urbanmine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;

class DampedTrendTest extends SparkTestBase {
  private static final StructType SERIES = new StructType()
      .add("scope_level", DataTypes.StringType).add("scope", DataTypes.StringType)
      .add("metal", DataTypes.StringType).add("year", DataTypes.IntegerType)
      .add("mass_kg", DataTypes.DoubleType);

  /** t(0.95, 3): from the closed-form CDF 1/2 + (x/(sqrt3 (1 + x^2/3)) + atan(x/sqrt3))/pi; tables 2.353. */
  private static final double T_95_3 = 2.353363435;
  /** t(0.95, 2): from the closed-form CDF 1/2 + x/(2 sqrt(2 + x^2)); tables 2.920. */
  private static final double T_95_2 = 2.919985580;

  private static Dataset<Row> series(String scope, int[] years, double... masses) {
    Object[][] rows = new Object[years.length][];
    for (int i = 0; i < years.length; i++) {
      rows[i] = new Object[] {"country", scope, "gold", years[i], masses[i]};
    }
    return rows(SERIES, rows);
  }

  private static int[] years(int from, int to) {
    return java.util.stream.IntStream.rangeClosed(from, to).toArray();
  }

  private static List<Row> sorted(Dataset<Row> rows) {
    return rows.orderBy("scope", "year").collectAsList();
  }

  private static double d(Row r, String column) {
    return r.getDouble(r.fieldIndex(column));
  }

  private static String s(Row r, String column) {
    return r.getString(r.fieldIndex(column));
  }

  /** y = 10, 12, 15, 15, 18; the years have a gap (2008, 2010..2013): they are just t = 1..5. */
  private static final int[] HAND_YEARS = {2008, 2010, 2011, 2012, 2013};
  private static final double[] HAND_Y = {10, 12, 15, 15, 18};

  /**
   * alpha = beta = 0.5, phi = 0.8 on y = 10, 12, 15, 15, 18. By hand, l1 = 10, b1 = 12 - 10 = 2.
   * <pre>
   * t=2: f = 10 + 0.8x2 = 11.6,       e = 0.4 (not counted)
   *      l = 0.5x12 + 0.5x11.6 = 11.8, b = 0.5x(11.8 - 10) + 0.5x0.8x2 = 0.9 + 0.8 = 1.7
   * t=3: f = 11.8 + 0.8x1.7 = 13.16,  e = 15 - 13.16 = 1.84
   *      l = 7.5 + 6.58 = 14.08,       b = 0.5x2.28 + 0.4x1.7 = 1.14 + 0.68 = 1.82
   * t=4: f = 14.08 + 0.8x1.82 = 15.536, e = 15 - 15.536 = -0.536
   *      l = 7.5 + 7.768 = 15.268,     b = 0.5x1.188 + 0.4x1.82 = 0.594 + 0.728 = 1.322
   * t=5: f = 15.268 + 0.8x1.322 = 16.3256, e = 18 - 16.3256 = 1.6744
   *      l = 9 + 8.1628 = 17.1628,     b = 0.5x1.8948 + 0.4x1.322 = 0.9474 + 0.5288 = 1.4762
   * </pre>
   * SSE = 1.84^2 + 0.536^2 + 1.6744^2 = 3.3856 + 0.287296 + 2.80361536 = 6.47651136, m = 3.
   */
  @Test
  void theRecursionWithFixedParametersMatchesTheHandValues() {
    List<Row> fits = DampedTrend.fitsWith(series("AAA", HAND_YEARS, HAND_Y), 0.5, 0.5, 0.8).collectAsList();
    assertThat(fits).hasSize(1);
    Row fit = fits.get(0);
    assertThat(fit.getInt(fit.fieldIndex("n"))).isEqualTo(5);
    assertThat(fit.getInt(fit.fieldIndex("last_year"))).isEqualTo(2013);
    assertThat(d(fit, "alpha")).isEqualTo(0.5);
    assertThat(d(fit, "beta")).isEqualTo(0.5);
    assertThat(d(fit, "phi")).isEqualTo(0.8);
    assertThat(d(fit, "level_kg")).isCloseTo(17.1628, within(1e-9));
    assertThat(d(fit, "trend_kg")).isCloseTo(1.4762, within(1e-9));
    assertThat(d(fit, "sse")).isCloseTo(6.47651136, within(1e-9));
    assertThat(fit.getInt(fit.fieldIndex("errors"))).isEqualTo(3);
  }

  /**
   * From the state above (l5 = 17.1628, b5 = 1.4762, alpha = beta = 0.5, phi = 0.8):
   * sigma^2 = 6.47651136 / 3 = 2.15883712, df = m = 3, t(0.95, 3) = 2.353363.
   * <pre>
   * 2014, h=1: yhat = 17.1628 + 0.8x1.4762 = 18.34376; v1 = sigma^2 = 2.15883712,
   *            sqrt = 1.469298; t sqrt = 3.457793: 14.885967 .. 21.801553
   * 2015, h=2: phi2 = 0.8 + 0.64 = 1.44, yhat = 17.1628 + 1.44x1.4762 = 19.288528;
   *            c1 = 0.5 + 0.5x0.5x0.8 = 0.7, v2 = 2.15883712 x (1 + 0.49) = 3.216667309,
   *            sqrt = 1.793507; t sqrt = 4.220774: 15.067754 .. 23.509302
   * </pre>
   */
  @Test
  void theIntervalOneAndTwoYearsAheadMatchesTheHandValues() {
    Dataset<Row> out = DampedTrend.forecastWith(spark, series("AAA", HAND_YEARS, HAND_Y), 2015, 0.9, 4,
        0.5, 0.5, 0.8);
    assertThat(out.columns()).containsExactly("scope_level", "scope", "metal", "year", "mass_kg",
        "lower_kg", "upper_kg", "method", "is_forecast");
    List<Row> rows = sorted(out);
    assertThat(rows).hasSize(2);
    Row y2014 = rows.get(0);
    assertThat(y2014.getInt(y2014.fieldIndex("year"))).isEqualTo(2014);
    assertThat(s(y2014, "method")).isEqualTo("damped-trend");
    assertThat(y2014.getBoolean(y2014.fieldIndex("is_forecast"))).isTrue();
    assertThat(d(y2014, "mass_kg")).isCloseTo(18.34376, within(1e-9));
    assertThat(d(y2014, "lower_kg")).isCloseTo(18.34376 - T_95_3 * Math.sqrt(2.15883712), within(1e-8));
    assertThat(d(y2014, "lower_kg")).isCloseTo(14.885967, within(1e-6));
    assertThat(d(y2014, "upper_kg")).isCloseTo(21.801553, within(1e-6));
    Row y2015 = rows.get(1);
    assertThat(y2015.getInt(y2015.fieldIndex("year"))).isEqualTo(2015);
    assertThat(d(y2015, "mass_kg")).isCloseTo(19.288528, within(1e-9));
    assertThat(d(y2015, "upper_kg")).isCloseTo(19.288528 + T_95_3 * Math.sqrt(3.216667309), within(1e-8));
    assertThat(d(y2015, "lower_kg")).isCloseTo(15.067754, within(1e-6));
    assertThat(d(y2015, "upper_kg")).isCloseTo(23.509302, within(1e-6));
  }

  /**
   * y = 10 + 2t, t = 1..5 (12, 14, 16, 18, 20). With alpha = 1 the level is each observation, the
   * error is e(t) = 2 - phi b(t-1) and b(t) = phi b(t-1) + beta (2 - phi b(t-1)), starting from
   * b1 = 2. As phi b &lt; 2 throughout, b(t) grows with beta, with phi and with b(t-1), so by
   * induction every (positive) error shrinks as beta and phi grow: beta = 0.5, phi = 0.98 is best
   * for alpha = 1. An alpha below 1 also lets the level lag behind the line, which adds to the
   * errors; a separate exact-fraction script over all 250 combinations agrees (runner-up
   * alpha = 0.9, beta = 0.5, phi = 0.98 with SSE 0.017333).
   * <pre>
   * b2 = 1 + 0.49x2 = 1.98;         e3 = 2 - 0.98x1.98 = 0.0596
   * b3 = 1 + 0.49x1.98 = 1.9702;    e4 = 2 - 0.98x1.9702 = 0.069204
   * b4 = 1 + 0.49x1.9702 = 1.965398; e5 = 2 - 0.98x1.965398 = 0.07390996
   * b5 = 1 + 0.49x1.965398 = 1.96304502, l5 = 20
   * SSE = 0.00355216 + 0.004789193616 + 0.0054626821872016 = 0.0138040358032016
   * </pre>
   * 2006: 20 + 0.98x1.96304502 = 21.9237841196.
   */
  @Test
  void aStraightLinePicksFullLevelUpdateTheLargestBetaAndTheLeastDamping() {
    Dataset<Row> line = series("LIN", years(2001, 2005), 12, 14, 16, 18, 20);
    Row fit = DampedTrend.fits(line).collectAsList().get(0);
    assertThat(d(fit, "alpha")).isEqualTo(1.0);
    assertThat(d(fit, "beta")).isEqualTo(0.5);
    assertThat(d(fit, "phi")).isEqualTo(0.98);
    assertThat(d(fit, "level_kg")).isCloseTo(20.0, within(1e-9));
    assertThat(d(fit, "trend_kg")).isCloseTo(1.96304502, within(1e-9));
    assertThat(d(fit, "sse")).isCloseTo(0.0138040358032016, within(1e-12));

    Row y2006 = sorted(DampedTrend.forecast(spark, line, 2006, 0.9, 4)).get(0);
    assertThat(d(y2006, "mass_kg")).isCloseTo(21.9237841196, within(1e-9));
  }

  /**
   * 7 kg every year: b1 = 0 and every combination fits exactly (SSE 0), so the tie-break decides:
   * the larger phi (0.98), then the smaller alpha (0.1) and beta (0.05). The forecast is the level,
   * 7, with sigma = 0: both bounds 7.
   */
  @Test
  void aFlatSeriesForecastsItsLevelAndTiesAreBrokenAsDocumented() {
    Dataset<Row> flat = series("FLT", years(2010, 2015), 7, 7, 7, 7, 7, 7);
    Row fit = DampedTrend.fits(flat).collectAsList().get(0);
    assertThat(d(fit, "sse")).isEqualTo(0.0);
    assertThat(d(fit, "phi")).isEqualTo(0.98);
    assertThat(d(fit, "alpha")).isEqualTo(0.1);
    assertThat(d(fit, "beta")).isEqualTo(0.05);
    assertThat(fit.getInt(fit.fieldIndex("errors"))).isEqualTo(4);

    List<Row> rows = sorted(DampedTrend.forecast(spark, flat, 2018, 0.9, 4));
    assertThat(rows).hasSize(3).allSatisfy(r -> {
      assertThat(s(r, "method")).isEqualTo("damped-trend");
      assertThat(d(r, "mass_kg")).isEqualTo(7.0);
      assertThat(d(r, "lower_kg")).isEqualTo(7.0);
      assertThat(d(r, "upper_kg")).isEqualTo(7.0);
    });
  }

  /**
   * Three points are too few for the method even when minPoints allows 3 (it needs 2 for the start
   * and 2 counted errors); four points are too few when minPoints is 5. Both are carried flat.
   */
  @Test
  void shortSeriesAreCarriedForwardWithoutAnInterval() {
    Dataset<Row> three = series("THR", years(2010, 2012), 5, 9, 11);
    List<Row> rows = sorted(DampedTrend.forecast(spark, three, 2014, 0.9, 3));
    assertThat(rows).hasSize(2).allSatisfy(r -> {
      assertThat(s(r, "method")).isEqualTo("last_value");
      assertThat(d(r, "mass_kg")).isEqualTo(11.0);
      assertThat(r.isNullAt(r.fieldIndex("lower_kg"))).isTrue();
      assertThat(r.isNullAt(r.fieldIndex("upper_kg"))).isTrue();
      assertThat(r.getBoolean(r.fieldIndex("is_forecast"))).isTrue();
    });
    assertThat(DampedTrend.fits(three).count()).isZero();

    Dataset<Row> four = series("FOU", years(2010, 2013), 5, 9, 11, 4);
    assertThat(sorted(DampedTrend.forecast(spark, four, 2014, 0.9, 5))).singleElement().satisfies(r -> {
      assertThat(s(r, "method")).isEqualTo("last_value");
      assertThat(d(r, "mass_kg")).isEqualTo(4.0);
      assertThat(r.isNullAt(r.fieldIndex("lower_kg"))).isTrue();
    });
    assertThat(sorted(DampedTrend.forecast(spark, four, 2014, 0.9, 4))).singleElement()
        .satisfies(r -> assertThat(s(r, "method")).isEqualTo("damped-trend"));
  }

  @Test
  void seriesEndingAtOrAfterTheHorizonGetNoRows() {
    Dataset<Row> both = series("AAA", years(2010, 2014), 1, 2, 3, 4, 5)
        .unionByName(series("BBB", years(2010, 2012), 1, 2, 3));
    // AAA ends at the horizon 2014: no rows; BBB (3 points, last_value) gets 2013 and 2014.
    assertThat(sorted(DampedTrend.forecast(spark, both, 2014, 0.9, 4)))
        .extracting(r -> s(r, "scope") + " " + r.getInt(r.fieldIndex("year")))
        .containsExactly("BBB 2013", "BBB 2014");
    // Horizon 2012: AAA ends after it, BBB at it.
    assertThat(DampedTrend.forecast(spark, both, 2012, 0.9, 4).count()).isZero();
  }

  /**
   * 40, 30, 20, 10 falls by 10 a year: the mirror of a straight line, errors -5 times those of
   * y = 10 + 2t, so the same choice alpha = 1, beta = 0.5, phi = 0.98 (see the straight-line test).
   * By hand, l = y throughout, b1 = -10:
   * <pre>
   * b2 = -5 + 0.49x(-10) = -9.9;       e3 = -10 + 0.98x9.9 = -0.298
   * b3 = -5 + 0.49x(-9.9) = -9.851;    e4 = -10 + 0.98x9.851 = -0.34602
   * b4 = -5 + 0.49x(-9.851) = -9.82699, l4 = 10
   * SSE = 0.088804 + 0.1197298404 = 0.2085338404, sigma^2 = 0.1042669202, df 2, t = 2.919986
   * 2014: yhat = 10 - 0.98x9.82699 = 0.3695498; t sigma = 0.942875:
   *       lower 0.3695498 - 0.942875 &lt; 0, so 0; upper 1.3124245
   * 2015: yhat = 10 - 1.9404x9.82699 = -9.068291, so 0; v2 = 0.1042669202 x (1 + 1.49^2)
   *       = 0.3357499, t sqrt = 1.691954: upper -7.376337, so 0
   * 2016: further below 0 still: all 0
   * </pre>
   */
  @Test
  void forecastsAndBoundsNeverGoBelowZeroOnAFallingSeries() {
    Dataset<Row> falling = series("DWN", years(2010, 2013), 40, 30, 20, 10);
    List<Row> rows = sorted(DampedTrend.forecast(spark, falling, 2016, 0.9, 4));
    assertThat(rows).hasSize(3).allSatisfy(r -> {
      assertThat(s(r, "method")).isEqualTo("damped-trend");
      assertThat(d(r, "mass_kg")).isGreaterThanOrEqualTo(0.0);
      assertThat(d(r, "lower_kg")).isGreaterThanOrEqualTo(0.0);
      assertThat(d(r, "upper_kg")).isGreaterThanOrEqualTo(0.0);
    });
    Row y2014 = rows.get(0);
    assertThat(d(y2014, "mass_kg")).isCloseTo(0.3695498, within(1e-9));
    assertThat(d(y2014, "lower_kg")).isEqualTo(0.0);
    assertThat(d(y2014, "upper_kg")).isCloseTo(0.3695498 + T_95_2 * Math.sqrt(0.1042669202), within(1e-8));
    for (Row r : rows.subList(1, 3)) {
      assertThat(d(r, "mass_kg")).isEqualTo(0.0);
      assertThat(d(r, "lower_kg")).isEqualTo(0.0);
      assertThat(d(r, "upper_kg")).isEqualTo(0.0);
    }
  }
}
