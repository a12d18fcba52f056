package org.urbanmine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.config.Settings;

/**
 * The drivers method on hand-made inputs. Unless a test says otherwise: collection 0.5, gold
 * 100 g/t, pre-processing 0.2, smelter 0.9, so the model recovers 0.5 x 100 x 0.2 x 0.9 / 1000 =
 * 0.009 kg of gold per tonne of e-waste; e-waste grows 10 % a year.
 */
class DriversModelTest extends SparkTestBase {
  private static final StructType OBSERVED = new StructType().add("country_code", DataTypes.StringType)
      .add("metal", DataTypes.StringType).add("year", DataTypes.IntegerType).add("mass_kg", DataTypes.DoubleType);

  private static Settings model(String... more) {
    List<String> sets = new java.util.ArrayList<>(List.of("urbanmine.drivers.collection-rate=0.5",
        "urbanmine.drivers.content-g-per-t.gold=100", "urbanmine.drivers.preprocessing-yield.gold=0.2",
        "urbanmine.drivers.smelter-yield.gold=0.9", "urbanmine.drivers.ewaste-growth-per-year=0.1"));
    sets.addAll(List.of(more));
    return settings(sets.toArray(new String[0]));
  }

  private static Dataset<Row> published(Object[]... values) {
    return rows(DriversModel.EWASTE_SCHEMA, values);
  }

  private static Row at(List<Row> rows, String country, String metal, int year) {
    return rows.stream().filter(r -> r.getAs("country_code").equals(country) && r.getAs("metal").equals(metal)
        && r.<Integer>getAs("year") == year).findFirst().orElseThrow(() -> new AssertionError(country + year));
  }

  private static double d(Row r, String column) {
    return r.getDouble(r.fieldIndex(column));
  }

  /**
   * JPN: published 1,000 t in 2022, records from 2020: 2020 = 1000 / 1.1^2 = 826.446281, 2021 =
   * 1000 / 1.1 = 909.090909 (estimates), 2022 published, 2023 = 1,100. KOR: published 500 t
   * (2020) and 800 t (2022), no records: 2021 from the nearest earlier, 500 x 1.1 = 550; 2023 = 880.
   */
  @Test
  void ewasteIsPublishedOrCompoundedFromTheNearestEarlierPublishedYear() {
    Dataset<Row> pub = published(new Object[] {"JPN", 2022, 1000.0, "published", "test"},
        new Object[] {"KOR", 2020, 500.0, "published", "test"}, new Object[] {"KOR", 2022, 800.0, "published", "test"});
    Dataset<Row> observed = rows(OBSERVED, new Object[] {"JPN", "gold", 2020, 3.0});
    List<Row> out = DriversModel.ewasteSeries(pub, observed, 2023, 0.1).orderBy("country_code", "year").collectAsList();
    assertThat(out).extracting(r -> r.getString(0) + " " + r.getInt(1) + " " + r.getString(3)).containsExactly(
        "JPN 2020 estimate", "JPN 2021 estimate", "JPN 2022 published", "JPN 2023 estimate",
        "KOR 2020 published", "KOR 2021 estimate", "KOR 2022 published", "KOR 2023 estimate");
    double[] expected = {826.446281, 909.090909, 1000, 1100, 500, 550, 800, 880};
    for (int i = 0; i < expected.length; i++) {
      assertThat(out.get(i).getDouble(2)).isCloseTo(expected[i], within(1e-6));
    }
  }

  /**
   * JPN recorded 4.5 kg of gold in 2022 against a model of 1,000 t x 0.009 = 9 kg: factor 0.5;
   * 2023: 1,100 x 0.009 x 0.5 = 4.95 kg. KOR has no records and takes the pooled factor (the
   * geometric mean of one factor, 0.5): 2,200 x 0.009 x 0.5 = 9.9 kg. No country recorded
   * silver: factor 1, basis none, and no forecast from an uncalibrated model.
   */
  @Test
  void calibrationToTheRecordsAndPooledForCountriesWithout() {
    Settings s = model();
    Dataset<Row> ewaste = DriversModel.ewasteSeries(published(new Object[] {"JPN", 2022, 1000.0, "published", "t"},
        new Object[] {"KOR", 2022, 2000.0, "published", "t"}), rows(OBSERVED), 2023, 0.1);
    Dataset<Row> observed = rows(OBSERVED, new Object[] {"JPN", "gold", 2022, 4.5});
    Dataset<Row> perDraw = DriversModel.perDraw(ewaste, observed, DriversModel.assumptions(spark, s, true), s.drivers());
    List<Row> out = perDraw.collectAsList();
    Row jpn2022 = at(out, "JPN", "gold", 2022);
    assertThat(d(jpn2022, "model_kg")).isCloseTo(9.0, within(1e-9));
    assertThat(d(jpn2022, "calibration_factor")).isCloseTo(0.5, within(1e-12));
    assertThat(jpn2022.<String>getAs("calibration_basis")).isEqualTo("records");
    assertThat(d(at(out, "JPN", "gold", 2023), "recoverable_kg")).isCloseTo(4.95, within(1e-9));
    Row kor = at(out, "KOR", "gold", 2023);
    assertThat(kor.<String>getAs("calibration_basis")).isEqualTo("pooled");
    assertThat(d(kor, "recoverable_kg")).isCloseTo(9.9, within(1e-9));
    Row silver = at(out, "KOR", "silver", 2023);
    assertThat(silver.<String>getAs("calibration_basis")).isEqualTo("none");
    assertThat(d(silver, "calibration_factor")).isEqualTo(1.0);
    // Forecast: JPN gold after its recorded 2022, KOR gold from 2022; nothing uncalibrated.
    assertThat(DriversModel.forecastRows(perDraw, perDraw, 0.9).collectAsList())
        .extracting(r -> r.getAs("scope") + " " + r.getAs("metal") + " " + r.getAs("year"))
        .containsExactlyInAnyOrder("JPN gold 2023", "KOR gold 2022", "KOR gold 2023");
  }

  private static final StructType GENERATED = new StructType().add("country_code", DataTypes.StringType)
      .add("unu_key", DataTypes.StringType).add("year", DataTypes.IntegerType)
      .add("ewaste_kg", DataTypes.DoubleType).add("flags", DataTypes.StringType);

  /**
   * ewaste_generated summed over the keys, kg to t: NLD 2014 = (1,000 + 3,000) / 1,000 = 4 t,
   * 2015 = 4 t, 2016 = (5,000 + 1,000) / 1,000 = 6 t, 2017 = 7 t; its sales data end in 2015
   * (2016 is the first extrapolated year). DEU has no extrapolated year: data end with 2015, so
   * it stands alone from 2016. NLD has no records: its series starts at 2016, and at the horizon
   * 2016 holds just 6 t. DEU recorded gold from 2015, so its series starts there: 2015 = 2 t (the
   * model has no later year). The published NLD
   * figure gives way to the model; KOR, without sales data, keeps its published 2016.
   */
  @Test
  void countriesWithSalesDataTakeTheSalesLifespanModel() {
    Dataset<Row> generated = rows(GENERATED,
        new Object[] {"NLD", "0306", 2014, 1000.0, "reported"}, new Object[] {"NLD", "0108", 2014, 3000.0, "reported"},
        new Object[] {"NLD", "0306", 2015, 2000.0, "interpolated"}, new Object[] {"NLD", "0108", 2015, 2000.0, "reported"},
        new Object[] {"NLD", "0306", 2016, 5000.0, "extrapolated"}, new Object[] {"NLD", "0108", 2016, 1000.0, "extrapolated"},
        new Object[] {"NLD", "0306", 2017, 7000.0, "extrapolated"},
        new Object[] {"DEU", "0306", 2014, 1000.0, "reported"}, new Object[] {"DEU", "0306", 2015, 2000.0, "reported"});
    List<Row> modelled = DriversModel.modelledEwaste(generated).orderBy("country_code", "year").collectAsList();
    assertThat(modelled).extracting(r -> r.getAs("country_code") + " " + r.getAs("year") + " "
            + r.getAs("ewaste_t") + " " + r.getAs("first_year"))
        .containsExactly("DEU 2014 1.0 2016", "DEU 2015 2.0 2016",
            "NLD 2014 4.0 2016", "NLD 2015 4.0 2016", "NLD 2016 6.0 2016", "NLD 2017 7.0 2016");

    Dataset<Row> published = DriversModel.ewasteSeries(
        published(new Object[] {"NLD", 2016, 99.0, "published", "t"}, new Object[] {"KOR", 2016, 500.0, "published", "t"}),
        rows(OBSERVED), 2016, 0.1);
    Dataset<Row> observed = rows(OBSERVED, new Object[] {"DEU", "gold", 2015, 0.1});
    List<Row> series = DriversModel.preferModelled(published, DriversModel.modelledEwaste(generated), observed, 2016)
        .orderBy("country_code", "year").collectAsList();
    assertThat(series).extracting(r -> r.getAs("country_code") + " " + r.getAs("year") + " "
            + r.getAs("ewaste_t") + " " + r.getAs("ewaste_basis"))
        .containsExactly("DEU 2015 2.0 sales-lifespan", "KOR 2016 500.0 published", "NLD 2016 6.0 sales-lifespan");
  }

  /** Two calibrated countries with factors 0.5 and 2: the pool is their geometric mean, 1. */
  @Test
  void thePoolIsTheGeometricMeanOfTheFactors() {
    Settings s = model();
    Dataset<Row> ewaste = DriversModel.ewasteSeries(published(new Object[] {"JPN", 2022, 1000.0, "published", "t"},
        new Object[] {"FRA", 2022, 1000.0, "published", "t"}, new Object[] {"KOR", 2022, 1000.0, "published", "t"}),
        rows(OBSERVED), 2022, 0.1);
    Dataset<Row> observed = rows(OBSERVED, new Object[] {"JPN", "gold", 2022, 4.5},
        new Object[] {"FRA", "gold", 2022, 18.0});
    List<Row> out = DriversModel.perDraw(ewaste, observed, DriversModel.assumptions(spark, s, true), s.drivers())
        .collectAsList();
    assertThat(d(at(out, "FRA", "gold", 2022), "calibration_factor")).isCloseTo(2.0, within(1e-12));
    assertThat(d(at(out, "KOR", "gold", 2022), "calibration_factor")).isCloseTo(1.0, within(1e-12));
  }

  /**
   * Collection 0.2 until 2022, a straight line to 0.6 by 2026: 2024 is half way, 0.4; with
   * until-year 2028, back to 0.2 from 2029.
   */
  @Test
  void aRatePathRisesLinearlyToItsTarget() {
    Settings s = model("urbanmine.drivers.collection-rate={value = 0.2, target = 0.6, from-year = 2022,"
        + " by-year = 2026, until-year = 2028}");
    Dataset<Row> ewaste = DriversModel.ewasteSeries(published(new Object[] {"JPN", 2021, 1000.0, "published", "t"}),
        rows(OBSERVED), 2030, 0.0);
    List<Row> out = DriversModel.perDraw(ewaste, rows(OBSERVED), DriversModel.assumptions(spark, s, true), s.drivers())
        .filter("metal = 'gold'").orderBy("year").collectAsList();
    assertThat(out).extracting(r -> r.getInt(r.fieldIndex("year")) + " " + Math.round(d(r, "collection_rate") * 1000))
        .contains("2021 200", "2022 200", "2023 300", "2024 400", "2026 600", "2028 600", "2029 200", "2030 200");
  }

  /**
   * With every assumption fixed, 50 draws are 50 copies of the plain result: the bounds equal the
   * forecast. With the 2023 collection target drawn uniform(0.4, 0.8) (0.5 until 2022): JPN's
   * factor is fitted on 2022, 4.5 / (1,000 x 0.5 x 0.018) = 0.5, so 2023 = 1,100 x target x
   * 0.018 x 0.5 = 9.9 x target: plain 9.9 x 0.6 (the median) = 5.94; the 90 % bounds at the
   * target's 5th and 95th percentiles, 0.42 and 0.78: 4.158 and 7.722 (empirical percentiles of
   * 4,000 draws: standard error about sqrt(0.05 x 0.95 / 4000) x 0.4 = 0.0014 in the target, so
   * 0.05 kg is over 3 of them).
   */
  @Test
  void boundsComeFromTheMonteCarloAndCollapseWhenEverythingIsFixed() {
    Dataset<Row> ewaste = DriversModel.ewasteSeries(published(new Object[] {"JPN", 2022, 1000.0, "published", "t"}),
        rows(OBSERVED), 2023, 0.1);
    Dataset<Row> observed = rows(OBSERVED, new Object[] {"JPN", "gold", 2022, 4.5});

    Settings fixed = model("urbanmine.uncertainty.draws=50");
    Dataset<Row> plain = DriversModel.perDraw(ewaste, observed, DriversModel.assumptions(spark, fixed, true), fixed.drivers());
    Dataset<Row> drawn = DriversModel.perDraw(ewaste, observed, DriversModel.assumptions(spark, fixed, false), fixed.drivers());
    Row same = DriversModel.forecastRows(plain, drawn, 0.9).filter("metal = 'gold'").first();
    assertThat(same.<String>getAs("method")).isEqualTo("drivers");
    assertThat(same.<Integer>getAs("year")).isEqualTo(2023);
    assertThat(d(same, "lower_kg")).isEqualTo(d(same, "mass_kg"));
    assertThat(d(same, "upper_kg")).isEqualTo(d(same, "mass_kg"));
    assertThat(d(same, "mass_kg")).isCloseTo(4.95, within(1e-9));

    Settings uncertain = model("urbanmine.uncertainty.draws=4000", "urbanmine.drivers.collection-rate={value = 0.5,"
        + " target = {distribution = uniform, min = 0.4, max = 0.8}, from-year = 2022, by-year = 2023}");
    assertThat(DriversModel.isUncertain(uncertain)).isTrue();
    plain = DriversModel.perDraw(ewaste, observed, DriversModel.assumptions(spark, uncertain, true), uncertain.drivers());
    drawn = DriversModel.perDraw(ewaste, observed, DriversModel.assumptions(spark, uncertain, false), uncertain.drivers());
    Row r = DriversModel.forecastRows(plain, drawn, 0.9).filter("metal = 'gold'").first();
    assertThat(d(r, "mass_kg")).isCloseTo(5.94, within(1e-9));
    assertThat(d(r, "lower_kg")).isCloseTo(4.158, within(0.05));
    assertThat(d(r, "upper_kg")).isCloseTo(7.722, within(0.05));

    // The same seed, the same numbers bit for bit; another seed, others.
    Dataset<Row> again = DriversModel.perDraw(ewaste, observed, DriversModel.assumptions(spark, uncertain, false),
        uncertain.drivers());
    assertThat(drawn.exceptAll(again).count()).isZero();
    assertThat(again.exceptAll(drawn).count()).isZero();
    Settings reseeded = model("urbanmine.uncertainty.draws=4000", "urbanmine.uncertainty.seed=7",
        "urbanmine.drivers.collection-rate={value = 0.5, target = {distribution = uniform, min = 0.4, max = 0.8},"
            + " from-year = 2022, by-year = 2023}");
    Dataset<Row> other = DriversModel.perDraw(ewaste, observed, DriversModel.assumptions(spark, reseeded, false),
        reseeded.drivers());
    assertThat(drawn.filter("year = 2023").exceptAll(other.filter("year = 2023")).count()).isPositive();
  }
}
