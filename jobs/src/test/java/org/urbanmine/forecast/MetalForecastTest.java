package org.urbanmine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.config.Settings;
import org.urbanmine.tables.MetalForecastTable;

class MetalForecastTest extends SparkTestBase {
  private static final StructType SERIES = new StructType()
      .add("scope_level", DataTypes.StringType).add("scope", DataTypes.StringType)
      .add("metal", DataTypes.StringType).add("year", DataTypes.IntegerType)
      .add("mass_kg", DataTypes.DoubleType);

  private static List<Row> forecast(int horizon, Object[]... series) {
    return forecast(horizon, MetalForecastTable.LINEAR, series);
  }

  private static List<Row> forecast(int horizon, String method, Object[]... series) {
    return MetalForecastTable.TABLE.conformFile(MetalForecast.forecast(spark, rows(SERIES, series),
            new Settings.Forecast(horizon, 0.9, 3, method, 3, "mase", 2010)))
        .orderBy("scope", "year").collectAsList();
  }

  private static double d(Row r, String column) {
    return r.getDouble(r.fieldIndex(column));
  }

  /**
   * y = 10, 13, 14, 17 in 2010..2013. By hand: mean year 2011.5, mean y 13.5, Sxx = 5, Sxy = 11,
   * slope 2.2; fitted 10.2, 12.4, 14.6, 16.8; residuals -0.2, 0.6, -0.6, 0.2; SSE = 0.8,
   * s = sqrt(0.8 / 2) = 0.632456. 2014: yhat = 13.5 + 2.2 x 2.5 = 19.0,
   * se = s sqrt(1 + 1/4 + 2.5^2/5) = sqrt(0.4 x 2.5) = 1.0, t(0.95, 2) = 2.919986:
   * 16.080014 .. 21.919986. 2015: yhat 21.2, se = sqrt(0.4 x (1.25 + 3.5^2/5)) = sqrt(1.48)
   * = 1.216553: 17.647683 .. 24.752317.
   */
  @Test
  void linearTrendWithPredictionInterval() {
    List<Row> out = forecast(2015,
        new Object[] {"country", "AAA", "gold", 2010, 10.0},
        new Object[] {"country", "AAA", "gold", 2011, 13.0},
        new Object[] {"country", "AAA", "gold", 2012, 14.0},
        new Object[] {"country", "AAA", "gold", 2013, 17.0});
    assertThat(out).hasSize(6);
    Row observed = out.get(0);
    assertThat(observed.getString(observed.fieldIndex("method"))).isEqualTo("observed");
    assertThat(d(observed, "lower_kg")).isEqualTo(10.0);
    assertThat(observed.getBoolean(observed.fieldIndex("is_forecast"))).isFalse();

    Row y2014 = out.get(4);
    assertThat(y2014.getInt(y2014.fieldIndex("year"))).isEqualTo(2014);
    assertThat(y2014.getString(y2014.fieldIndex("method"))).isEqualTo("linear");
    assertThat(y2014.getBoolean(y2014.fieldIndex("is_forecast"))).isTrue();
    assertThat(d(y2014, "mass_kg")).isCloseTo(19.0, within(1e-9));
    assertThat(d(y2014, "lower_kg")).isCloseTo(16.080014, within(1e-5));
    assertThat(d(y2014, "upper_kg")).isCloseTo(21.919986, within(1e-5));
    Row y2015 = out.get(5);
    assertThat(d(y2015, "mass_kg")).isCloseTo(21.2, within(1e-9));
    assertThat(d(y2015, "lower_kg")).isCloseTo(17.647683, within(1e-5));
    assertThat(d(y2015, "upper_kg")).isCloseTo(24.752317, within(1e-5));
  }

  /**
   * ln y = 0, 1, 1, 2 in 2000..2003 (y = 1, e, e, e^2). By hand, on ln y: mean year 2001.5, mean
   * 1, Sxx = 5, Sxy = 3, slope 0.6; fitted 0.1, 0.7, 1.3, 1.9; residuals -0.1, 0.3, -0.3, 0.1;
   * SSE = 0.2, s = sqrt(0.1) = 0.316228. 2004: ln yhat = 1 + 0.6 x 2.5 = 2.5, se = s sqrt(1 + 1/4
   * + 2.5^2/5) = sqrt(0.1 x 2.5) = 0.5; t(0.95, 2) = 2.919986 gives 2.5 -+ 1.459993. Back in kg:
   * e^2.5 = 12.182494, e^1.040007 = 2.829237, e^3.959993 = 52.456959.
   */
  @Test
  void logLinearFitsTheLogarithmAndStaysPositive() {
    double e = Math.E;
    List<Row> out = forecast(2004, MetalForecastTable.LOG_LINEAR,
        new Object[] {"country", "JPN", "gold", 2000, 1.0},
        new Object[] {"country", "JPN", "gold", 2001, e},
        new Object[] {"country", "JPN", "gold", 2002, e},
        new Object[] {"country", "JPN", "gold", 2003, e * e});
    Row y2004 = out.get(4);
    assertThat(y2004.getString(y2004.fieldIndex("method"))).isEqualTo("log-linear");
    assertThat(d(y2004, "mass_kg")).isCloseTo(12.182494, within(1e-6));
    assertThat(d(y2004, "lower_kg")).isCloseTo(2.829237, within(1e-5));
    assertThat(d(y2004, "upper_kg")).isCloseTo(52.456959, within(1e-4));
  }

  /** A year with 0 kg has no logarithm: that series is fitted linear (10, 0, 10: flat at 6.67). */
  @Test
  void aLogLinearSeriesWithAZeroYearFallsBackToLinear() {
    List<Row> out = forecast(2013, MetalForecastTable.LOG_LINEAR,
        new Object[] {"country", "DEU", "silver", 2010, 10.0},
        new Object[] {"country", "DEU", "silver", 2011, 0.0},
        new Object[] {"country", "DEU", "silver", 2012, 10.0});
    Row y2013 = out.get(3);
    assertThat(y2013.getString(y2013.fieldIndex("method"))).isEqualTo("linear");
    assertThat(d(y2013, "mass_kg")).isCloseTo(20.0 / 3, within(1e-9));
  }

  /** 30, 20, 10 fall by 10 a year: the line reaches 0 in 2013 and -10 in 2014, shown as 0. */
  @Test
  void forecastAndBoundsNeverGoBelowZero() {
    List<Row> out = forecast(2014,
        new Object[] {"world", "World", "copper", 2010, 30.0},
        new Object[] {"world", "World", "copper", 2011, 20.0},
        new Object[] {"world", "World", "copper", 2012, 10.0});
    Row y2014 = out.get(4);
    assertThat(d(y2014, "mass_kg")).isEqualTo(0.0);
    assertThat(d(y2014, "lower_kg")).isEqualTo(0.0);
    assertThat(d(y2014, "upper_kg")).isEqualTo(0.0);
    assertThat(d(out.get(3), "mass_kg")).isCloseTo(0.0, within(1e-9));
  }

  @Test
  void shortSeriesAreCarriedForwardWithoutAnInterval() {
    List<Row> out = forecast(2019,
        new Object[] {"country", "JPN", "gold", 2014, 143.0},
        new Object[] {"country", "JPN", "gold", 2017, 245.0});
    // 2 observed + 2018, 2019 carried forward at the last value, 245.
    assertThat(out).hasSize(4);
    Row y2019 = out.get(3);
    assertThat(y2019.getString(y2019.fieldIndex("method"))).isEqualTo("last_value");
    assertThat(d(y2019, "mass_kg")).isEqualTo(245.0);
    assertThat(y2019.isNullAt(y2019.fieldIndex("lower_kg"))).isTrue();
    assertThat(y2019.isNullAt(y2019.fieldIndex("upper_kg"))).isTrue();
  }

  @Test
  void seriesEndingAtTheHorizonGetNoForecastRows() {
    List<Row> out = forecast(2013,
        new Object[] {"country", "AAA", "gold", 2012, 1.0},
        new Object[] {"country", "AAA", "gold", 2013, 2.0});
    assertThat(out).hasSize(2).allSatisfy(r -> assertThat(r.getBoolean(r.fieldIndex("is_forecast"))).isFalse());
  }
}
