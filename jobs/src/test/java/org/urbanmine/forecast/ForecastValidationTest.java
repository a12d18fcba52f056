package org.urbanmine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.tables.ChannelCalibrationTable;
import org.urbanmine.tables.ForecastValidationTable;

/**
 * forecast_validation on hand-made forecast_drivers rows:
 *
 * <pre>
 *   country metal  year  ewaste_t basis           rate  contained kg  recoverable kg
 *   JPN     gold   2014  2,000    published       0.25  680           10
 *   JPN     copper 2014  2,000    published       0.25  255,000       3,000
 *   DEU     gold   2014  1,200    sales-lifespan  0.4   408           5
 *   DEU     copper 2014  1,200    sales-lifespan  0.4   153,000       2,000
 *   JPN     gold   2017  2,100    interpolated    0.26  714           12
 *   JPN     gold   2018  2,200    interpolated    0.26  748           14
 * </pre>
 *
 * A content figure in use was derived from the outcome {@code world-copper}.
 */
class ForecastValidationTest extends SparkTestBase {
  private static final StructType DRIVERS = new StructType()
      .add("country_code", DataTypes.StringType).add("metal", DataTypes.StringType).add("year", DataTypes.IntegerType)
      .add("ewaste_t", DataTypes.DoubleType).add("ewaste_basis", DataTypes.StringType)
      .add("collection_rate", DataTypes.DoubleType).add("content_g_per_t", DataTypes.DoubleType)
      .add("recoverable_kg", DataTypes.DoubleType).add("contained_kg", DataTypes.DoubleType)
      .add("smelter_yield", DataTypes.DoubleType).add("calibration_factor", DataTypes.DoubleType)
      .add("content_rule", DataTypes.StringType).add("observed_kg", DataTypes.DoubleType)
      .add("model_kg", DataTypes.DoubleType).add("own_collection_rate", DataTypes.DoubleType);
  private static final String MIX = "composition per tonne of the 28 countries";
  private static final StructType BY_COUNTRY = new StructType().add("country_code", DataTypes.StringType)
      .add("year", DataTypes.IntegerType).add("metal", DataTypes.StringType).add("stream_g_per_t", DataTypes.DoubleType);
  private static final StructType BY_YEAR = new StructType().add("year", DataTypes.IntegerType)
      .add("metal", DataTypes.StringType).add("stream_g_per_t", DataTypes.DoubleType);

  private static final StructType CHANNEL = ChannelCalibrationTable.TABLE.fileSchema();

  private static Map<String, Row> validation() {
    return validation(rows(CHANNEL));
  }

  private static Map<String, Row> validation(Dataset<Row> channel) {
    Dataset<Row> drivers = rows(DRIVERS,
        new Object[] {"JPN", "gold", 2014, 2000.0, "published", 0.25, 340.0, 10.0, 680.0, 0.9, 0.5, MIX, null, 20.0, 0.25},
        new Object[] {"JPN", "copper", 2014, 2000.0, "published", 0.25, 127500.0, 3000.0, 255000.0, 0.9, 0.5, MIX,
            3000.0, 6000.0, 0.25},
        new Object[] {"DEU", "gold", 2014, 1200.0, "sales-lifespan", 0.4, 340.0, 5.0, 408.0, 0.9, 0.5,
            CountryModel.OWN_RULE, null, 10.0, 0.4},
        new Object[] {"DEU", "copper", 2014, 1200.0, "sales-lifespan", 0.4, 127500.0, 2000.0, 153000.0, 0.9, 0.5,
            CountryModel.OWN_RULE, null, 4000.0, 0.4},
        new Object[] {"JPN", "gold", 2017, 2100.0, "interpolated", 0.26, 340.0, 12.0, 714.0, 0.9, 0.5, MIX,
            12.0, 100.0, 0.26},
        new Object[] {"JPN", "gold", 2018, 2200.0, "interpolated", 0.26, 340.0, 14.0, 748.0, 0.9, 0.5,
            CountryModel.OWN_RULE, 14.0, 150.0, 0.26});
    // JPN 2017 takes the composition's 50 g/t (its own 888 is not its rule); 2018 its own 70 (not 999).
    ForecastValidation.Campaign campaign = new ForecastValidation.Campaign(new org.urbanmine.model.MetalContent.StreamContent(
        rows(BY_COUNTRY, new Object[] {"JPN", 2017, "gold", 888.0}, new Object[] {"JPN", 2018, "gold", 70.0}),
        rows(BY_YEAR, new Object[] {2017, "gold", 50.0}, new Object[] {2018, "gold", 999.0})),
        Map.of("gold", new double[] {0.8, 0.8, 0.8, 0.8, 0.6}, "copper", new double[] {0.8, 0.8, 0.8, 0.8, 0.8}), 2014,
        "the stream through its route");
    Dataset<Row> outcomes = rows(ForecastValidation.OUTCOME_SCHEMA,
        new Object[] {"deu", "ewaste_t", "country", "DEU", null, 2014, 2014, 1000.0, "estimate", null, "s1"},
        new Object[] {"jpn", "ewaste_t", "country", "JPN", null, 2014, 2014, 2000.0, "estimate", null, "s2"},
        new Object[] {"world", "ewaste_t", "world", "World", null, 2014, 2014, 1600.0, "estimate", null, "s3"},
        new Object[] {"world-gold", "contained_kg", "world", "World", "gold", 2014, 2014, 500.0, "estimate", null, "s4"},
        new Object[] {"world-copper", "contained_kg", "world", "World", "copper", 2014, 2014, 400000.0, "estimate", null,
            "s7"},
        new Object[] {"camp-gold", "campaign_kg", "country", "JPN", "gold", 2017, 2018, 1.0, "lower_bound", 100.0, "s5"},
        new Object[] {"camp-copper", "campaign_kg", "country", "JPN", "copper", 2017, 2018, 1.0, "lower_bound", 100.0,
            "s6"},
        new Object[] {"chan-gold", "campaign_kg", "country", "JPN", "gold", 2018, 2018, 3.78, "estimate", 100.0, "s8"});
    return ForecastValidationTable.TABLE.conformFile(ForecastValidation.of(drivers, outcomes,
            java.util.Set.of("world-copper"), campaign, channel)).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<String>getAs("outcome"), r -> r));
  }

  /**
   * DEU 2014: model 1,200 t against 1,000: ratio 1.2, within 1.5x, and it counts (its own sales
   * model). JPN 2014: 2,000 t is the published figure the model takes: ratio 1, but it does not
   * count. The world: 2,000 + 1,200 = 3,200 t (each country once, not once per metal) against
   * 1,600: off by 2.0x above, one of its countries a published figure.
   */
  @Test
  void eWasteAgainstPublishedTotalsCountsOnlyWhereTheModelMadeIt() {
    Map<String, Row> v = validation();
    assertThat(v.get("deu").<Double>getAs("model_value")).isEqualTo(1200.0);
    assertThat(v.get("deu").<Double>getAs("ratio")).isCloseTo(1.2, within(1e-12));
    assertThat(v.get("deu").<String>getAs("agreement")).isEqualTo("within 1.5x");
    assertThat(v.get("deu").<Boolean>getAs("counts")).isTrue();
    assertThat(v.get("deu").<String>getAs("unit")).isEqualTo("t");
    assertThat(v.get("jpn").<Double>getAs("ratio")).isEqualTo(1.0);
    assertThat(v.get("jpn").<Boolean>getAs("counts")).isFalse();
    assertThat(v.get("jpn").<String>getAs("note")).startsWith("the model's e-waste here is this published figure");
    assertThat(v.get("world").<Double>getAs("model_value")).isEqualTo(3200.0);
    assertThat(v.get("world").<String>getAs("agreement")).isEqualTo("off by 2.0x (above)");
    assertThat(v.get("world").<Boolean>getAs("counts")).isTrue();
    assertThat(v.get("world").<String>getAs("note")).isEqualTo("the sum of the model's countries (1 of them published figures)");
  }

  /**
   * Contained gold, world 2014: the countries' contained_kg, 680 + 408 = 1,088 kg against 500: ratio
   * 2.176, off by 2.2x above. Copper: 255,000 + 153,000 = 408,000 kg against 400,000, within 1.5x,
   * but a content figure was derived from that outcome: it does not count. The campaign, per tonne of its stream: 2017 50 g/t
   * (the composition) x 0.8 (its route's yield that year) x 0.9 (smelter) x 0.5 (calibration) / 1,000 = 0.018 kg;
   * 2018 70 g/t (JPN's own mix) x 0.6 (the route's yield in 2018: a path) x 0.45 / 1,000 = 0.0189 kg; their
   * mean 0.01845 x 100 t = 1.845 kg,
   * above its floor of 1 kg; copper has no model rows in those
   * years: no figure, and it does not count.
   */
  @Test
  void containedMetalAndACampaignsStream() {
    Map<String, Row> v = validation();
    assertThat(v.get("world-gold").<Double>getAs("model_value")).isCloseTo(1088.0, within(1e-9));
    assertThat(v.get("world-gold").<String>getAs("agreement")).isEqualTo("off by 2.2x (above)");
    assertThat(v.get("world-gold").<String>getAs("unit")).isEqualTo("kg");
    assertThat(v.get("world-gold").<Boolean>getAs("counts")).isTrue();
    assertThat(v.get("world-copper").<Double>getAs("model_value")).isEqualTo(408000.0);
    assertThat(v.get("world-copper").<String>getAs("agreement")).isEqualTo("within 1.5x");
    assertThat(v.get("world-copper").<Boolean>getAs("counts")).isFalse();
    assertThat(v.get("world-copper").<String>getAs("note")).startsWith("a content figure in use was derived from this outcome");
    assertThat(v.get("camp-gold").<Double>getAs("model_value")).isCloseTo(1.845, within(1e-12));
    assertThat(v.get("camp-gold").<String>getAs("note")).isEqualTo("stream_t 100 t x the stream through its route");
    assertThat(v.get("camp-gold").<String>getAs("agreement")).isEqualTo("meets the floor");
    assertThat(v.get("camp-gold").<Boolean>getAs("counts")).isTrue();
    assertThat(v.get("camp-copper").<Double>getAs("model_value")).isNull();
    assertThat(v.get("camp-copper").<String>getAs("agreement")).isEqualTo("no model figure");
    assertThat(v.get("camp-copper").<Boolean>getAs("counts")).isFalse();
    assertThat(v).hasSize(10);
  }

  /**
   * A channel's record calibrates the campaign's stream: JPN's gold in 2018 (recorded 3.78 kg from
   * 100 t against a model of 1.89) gives gold the channel factor 2. The campaign's rows are times
   * it: camp-gold 1.845 x 2 = 3.69 kg; chan-gold, that record itself, 100 t x 0.0189 x 2 = 3.78 kg:
   * met by construction, so it counts for nothing. Copper has no channel factor: as before.
   */
  @Test
  void aChannelsRecordsCalibrateTheCampaignsRowsAndTestNothingThemselves() {
    Map<String, Row> v = validation(rows(CHANNEL,
        new Object[] {"ch", "JPN", "gold", 2018, 100.0, 3.78, 1.89, 2.0, 2.0}));
    assertThat(v.get("camp-gold").<Double>getAs("model_value")).isCloseTo(3.69, within(1e-12));
    assertThat(v.get("camp-gold").<Boolean>getAs("counts")).isTrue();
    assertThat(v.get("camp-gold").<String>getAs("note")).endsWith("x the channel's calibration 2.000 (channel_calibration)");
    assertThat(v.get("chan-gold").<Double>getAs("model_value")).isCloseTo(3.78, within(1e-12));
    assertThat(v.get("chan-gold").<Boolean>getAs("counts")).isFalse();
    assertThat(v.get("chan-gold").<String>getAs("note")).startsWith("one of the records that calibrate the campaign's");
    assertThat(v.get("camp-copper").<Double>getAs("model_value")).isNull();
    // Without a channel, the same record is an outcome like any other: 1.89 kg against 3.78.
    assertThat(validation().get("chan-gold").<Double>getAs("ratio")).isCloseTo(0.5, within(1e-12));
    assertThat(validation().get("chan-gold").<Boolean>getAs("counts")).isTrue();
  }

  /**
   * JPN's recorded gold years, 2017 (12 kg, model 100 kg at its own rate) and 2018 (14 kg, model
   * 150), each left out of the calibration in turn: 2017 = 100 x 14 / 150 = 9.333 kg against 12
   * (0.78, within 2x); 2018 = 150 x 12 / 100 = 18 kg against 14 (1.29). JPN's copper has one
   * recorded year: nothing to leave out.
   */
  @Test
  void eachRecordedYearIsLeftOutOfTheCalibrationInTurn() {
    Map<String, Row> v = validation();
    assertThat(v.get("left-out-JPN-2017-gold").<Double>getAs("model_value")).isCloseTo(100.0 * 14 / 150, within(1e-12));
    assertThat(v.get("left-out-JPN-2017-gold").<Double>getAs("published_value")).isEqualTo(12.0);
    assertThat(v.get("left-out-JPN-2017-gold").<String>getAs("agreement")).isEqualTo("within 2.0x");
    assertThat(v.get("left-out-JPN-2017-gold").<Boolean>getAs("counts")).isTrue();
    assertThat(v.get("left-out-JPN-2018-gold").<Double>getAs("model_value")).isCloseTo(18.0, within(1e-12));
    assertThat(v.get("left-out-JPN-2018-gold").<String>getAs("measure")).isEqualTo("left_out_kg");
    assertThat(v.keySet()).filteredOn(k -> k.startsWith("left-out")).hasSize(2);
  }

  /** The bundled outcomes read as their schema says, each with a source. */
  @Test
  void theBundledOutcomesAreReadable() {
    List<Row> outcomes = ForecastValidation.outcomes(spark).collectAsList();
    assertThat(outcomes).hasSize(18);
    assertThat(outcomes).allSatisfy(r -> assertThat(r.<String>getAs("source")).isNotBlank());
  }

  /**
   * A country whose own keys hold none of the campaign's categories has no stream content of its
   * own (null, where it was a division by zero tonnes): it takes the composition's. DEU 2014 gold,
   * its own rule: the composition's 50 g/t / 1000 x the route's 2014 yield 0.8 x smelter 0.9 x
   * calibration 0.5 = 0.018 kg/t; DEU 2015 has its own 70 g/t: 70 / 1000 x 0.8 x 0.9 x 0.5 = 0.0252.
   */
  @Test
  void aCountryWithoutTheStreamsCategoriesTakesTheCompositionsContent() {
    Dataset<Row> drivers = rows(DRIVERS,
        new Object[] {"DEU", "gold", 2014, 1200.0, "sales-lifespan", 0.4, 340.0, 5.0, 408.0, 0.9, 0.5,
            CountryModel.OWN_RULE, null, 10.0, 0.4},
        new Object[] {"DEU", "gold", 2015, 1200.0, "sales-lifespan", 0.4, 340.0, 5.0, 408.0, 0.9, 0.5,
            CountryModel.OWN_RULE, null, 10.0, 0.4});
    ForecastValidation.Campaign campaign = new ForecastValidation.Campaign(new org.urbanmine.model.MetalContent.StreamContent(
        rows(BY_COUNTRY, new Object[] {"DEU", 2014, "gold", null}, new Object[] {"DEU", 2015, "gold", 70.0}),
        rows(BY_YEAR, new Object[] {2014, "gold", 50.0}, new Object[] {2015, "gold", 999.0})),
        Map.of("gold", new double[] {0.8, 0.8}), 2014, "the stream through its route");
    Map<Integer, Double> kgPerT = ForecastValidation.campaignKgPerT(drivers, campaign).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<Integer>getAs(ForecastValidation.D_YEAR),
            r -> r.<Double>getAs(ForecastValidation.D_KG_PER_T)));
    assertThat(kgPerT.get(2014)).isCloseTo(0.018, within(1e-15));
    assertThat(kgPerT.get(2015)).isCloseTo(0.0252, within(1e-15));
  }
}
