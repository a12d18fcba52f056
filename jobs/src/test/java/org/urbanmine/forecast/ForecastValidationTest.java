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
import org.urbanmine.tables.ForecastValidationTable;

/**
 * forecast_validation on hand-made forecast_drivers rows:
 *
 * <pre>
 *   country metal  year  ewaste_t basis           rate  g/t     recoverable kg
 *   JPN     gold   2014  2,000    published       0.25  340     10
 *   JPN     copper 2014  2,000    published       0.25  127,500 3,000
 *   DEU     gold   2014  1,200    sales-lifespan  0.4   340     5
 *   DEU     copper 2014  1,200    sales-lifespan  0.4   127,500 2,000
 *   JPN     gold   2017  2,100    interpolated    0.26  340     12
 *   JPN     gold   2018  2,200    interpolated    0.26  340     14
 * </pre>
 */
class ForecastValidationTest extends SparkTestBase {
  private static final StructType DRIVERS = new StructType()
      .add("country_code", DataTypes.StringType).add("metal", DataTypes.StringType).add("year", DataTypes.IntegerType)
      .add("ewaste_t", DataTypes.DoubleType).add("ewaste_basis", DataTypes.StringType)
      .add("collection_rate", DataTypes.DoubleType).add("content_g_per_t", DataTypes.DoubleType)
      .add("recoverable_kg", DataTypes.DoubleType);

  private static Map<String, Row> validation() {
    Dataset<Row> drivers = rows(DRIVERS,
        new Object[] {"JPN", "gold", 2014, 2000.0, "published", 0.25, 340.0, 10.0},
        new Object[] {"JPN", "copper", 2014, 2000.0, "published", 0.25, 127500.0, 3000.0},
        new Object[] {"DEU", "gold", 2014, 1200.0, "sales-lifespan", 0.4, 340.0, 5.0},
        new Object[] {"DEU", "copper", 2014, 1200.0, "sales-lifespan", 0.4, 127500.0, 2000.0},
        new Object[] {"JPN", "gold", 2017, 2100.0, "interpolated", 0.26, 340.0, 12.0},
        new Object[] {"JPN", "gold", 2018, 2200.0, "interpolated", 0.26, 340.0, 14.0});
    Dataset<Row> outcomes = rows(ForecastValidation.OUTCOME_SCHEMA,
        new Object[] {"deu", "ewaste_t", "country", "DEU", null, 2014, 2014, 1000.0, "estimate", null, "s1"},
        new Object[] {"jpn", "ewaste_t", "country", "JPN", null, 2014, 2014, 2000.0, "estimate", null, "s2"},
        new Object[] {"world", "ewaste_t", "world", "World", null, 2014, 2014, 1600.0, "estimate", null, "s3"},
        new Object[] {"world-gold", "contained_kg", "world", "World", "gold", 2014, 2014, 500.0, "estimate", null, "s4"},
        new Object[] {"camp-gold", "campaign_kg", "country", "JPN", "gold", 2017, 2018, 1.0, "lower_bound", 100.0, "s5"},
        new Object[] {"camp-copper", "campaign_kg", "country", "JPN", "copper", 2017, 2018, 1.0, "lower_bound", 100.0,
            "s6"});
    return ForecastValidationTable.TABLE.conformFile(ForecastValidation.of(drivers, outcomes)).collectAsList().stream()
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
   * Contained gold, world 2014: (2,000 + 1,200) t x 340 g/t / 1,000 = 1,088 kg against 500: ratio
   * 2.176, off by 2.2x above. The campaign: 100 t x (12 + 14) kg / (2,100 x 0.26 + 2,200 x 0.26) t
   * = 100 x 26 / 1,118 = 2.3256 kg, above its floor of 1 kg; copper has no model rows in those
   * years: no figure, and it does not count.
   */
  @Test
  void containedMetalAndACampaignsStream() {
    Map<String, Row> v = validation();
    assertThat(v.get("world-gold").<Double>getAs("model_value")).isCloseTo(1088.0, within(1e-9));
    assertThat(v.get("world-gold").<String>getAs("agreement")).isEqualTo("off by 2.2x (above)");
    assertThat(v.get("world-gold").<String>getAs("unit")).isEqualTo("kg");
    assertThat(v.get("camp-gold").<Double>getAs("model_value")).isCloseTo(100.0 * 26 / 1118, within(1e-12));
    assertThat(v.get("camp-gold").<Double>getAs("model_value")).isCloseTo(2.3256, within(1e-4));
    assertThat(v.get("camp-gold").<String>getAs("agreement")).isEqualTo("meets the floor");
    assertThat(v.get("camp-gold").<Boolean>getAs("counts")).isTrue();
    assertThat(v.get("camp-copper").<Double>getAs("model_value")).isNull();
    assertThat(v.get("camp-copper").<String>getAs("agreement")).isEqualTo("no model figure");
    assertThat(v.get("camp-copper").<Boolean>getAs("counts")).isFalse();
    assertThat(v).hasSize(6);
  }

  /** The bundled outcomes read as their schema says, each with a source. */
  @Test
  void theBundledOutcomesAreReadable() {
    List<Row> outcomes = ForecastValidation.outcomes(spark).collectAsList();
    assertThat(outcomes).hasSize(12);
    assertThat(outcomes).allSatisfy(r -> assertThat(r.<String>getAs("source")).isNotBlank());
  }
}
