package org.urbanmine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.uncertainty.Distribution;

/**
 * Content per key from published figures, worked by hand on five keys in three categories:
 *
 * <pre>
 *   key   category                 gold figures (g/t)          content   basis
 *   0306  Small IT                 200, 450, 300               300       published (geometric mean: cube root of 27,000,000)
 *   0302  Small IT                 12                          12        published
 *   0304  Small IT                 -                           60        category: geometric mean of its keys, sqrt(300 x 12)
 *   0109  Temperature exchange     8                           8         published
 *   0108  Temperature exchange     -                           4         category: its stream averages 2 and 8, sqrt(16)
 *   0501  Lamps                    -                           4         lowest category (Small IT 60, Temperature 4)
 * </pre>
 *
 * Spreads: Small IT's figures lie about their keys' means by ln(2/3), ln(3/2), 0 (0306) and 0
 * (0302): 4 figures, 2 keys, 2 degrees of freedom, sqrt(2 ln(1.5)^2 / 2) = ln 1.5 = 0.405, above
 * the prior 0.3466, so its own. Temperature exchange: ln 2 either side of the stream mean, 0 for
 * 0109: 3 figures, 2 groups, 1 degree of freedom: the prior. Lamps: no figure, the prior.
 */
class MetalContentTest extends SparkTestBase {
  private static final double PRIOR = 0.3466;
  private static final String TEMPERATURE = "Temperature exchange equipment";
  private static final List<String[]> KEYS = List.of(new String[] {"0108", "Fridges", TEMPERATURE},
      new String[] {"0109", "Freezers", TEMPERATURE}, new String[] {"0302", "Desktops", "Small IT and telecommunication equipment"},
      new String[] {"0304", "Printers", "Small IT and telecommunication equipment"},
      new String[] {"0306", "Phones", "Small IT and telecommunication equipment"},
      new String[] {"0501", "Lamps", "Lamps"});
  private static final List<String[]> FIGURES = List.of(
      new String[] {"0306", "gold", "200", "whole device", "a"}, new String[] {"0306", "gold", "450", "whole device", "b"},
      new String[] {"0306", "gold", "300", "whole device", "c", "some-outcome"},
      new String[] {"0302", "gold", "12", "whole device", "d"}, new String[] {"0109", "gold", "8", "whole device", "e"},
      new String[] {TEMPERATURE, "gold", "2", "stream average", "f"},
      new String[] {TEMPERATURE, "gold", "8", "stream average", "g"},
      // A silver figure: silver is uniform here, so it is not used, nor is what it was derived from.
      new String[] {"0306", "silver", "3500", "whole device", "h", "silver-outcome"});

  private static MetalContent content() {
    return MetalContent.of(FIGURES, KEYS, Set.of("gold", "silver"),
        Map.of("silver", new Distribution.Fixed(50)), PRIOR, "test table");
  }

  private static final int TEMP = MetalContent.CATEGORIES.indexOf(TEMPERATURE);
  private static final int LAMPS = MetalContent.CATEGORIES.indexOf("Lamps");
  private static final int SMALL_IT = MetalContent.CATEGORIES.indexOf("Small IT and telecommunication equipment");

  @Test
  void eachKeyTakesItsFiguresGeometricMeanElseItsCategorysElseTheLowestCategorys() {
    MetalContent c = content();
    assertThat(c.of("0306", "gold").gramsPerTonne()).isCloseTo(300, within(1e-9));
    assertThat(c.of("0306", "gold").basis()).isEqualTo(MetalContent.PUBLISHED);
    assertThat(c.of("0306", "gold").figures()).isEqualTo(3);
    assertThat(c.of("0302", "gold").gramsPerTonne()).isCloseTo(12, within(1e-9));
    assertThat(c.of("0304", "gold").gramsPerTonne()).isCloseTo(60, within(1e-9));
    assertThat(c.of("0304", "gold").basis()).isEqualTo(MetalContent.CATEGORY);
    assertThat(c.of("0108", "gold").gramsPerTonne()).isCloseTo(4, within(1e-9));
    assertThat(c.of("0108", "gold").basis()).isEqualTo(MetalContent.CATEGORY);
    assertThat(c.of("0109", "gold").gramsPerTonne()).isCloseTo(8, within(1e-9));
    assertThat(c.of("0501", "gold").gramsPerTonne()).isCloseTo(4, within(1e-9));
    assertThat(c.of("0501", "gold").basis()).isEqualTo(MetalContent.ASSUMED);
    assertThat(c.of("0306", "silver").gramsPerTonne()).isEqualTo(50.0);
    assertThat(c.of("0306", "silver").basis()).isEqualTo(MetalContent.UNIFORM);
  }

  @Test
  void aCategorysSpreadIsItsFiguresPooledSpreadWhereThereAreTwoDegreesOfFreedomNeverBelowThePrior() {
    MetalContent c = content();
    assertThat(c.logSd("gold", SMALL_IT)).isCloseTo(Math.log(1.5), within(1e-12));
    assertThat(c.spreadRule("gold", SMALL_IT)).startsWith("pooled spread of 4 published figures");
    assertThat(c.logSd("gold", TEMP)).isEqualTo(PRIOR);
    assertThat(c.spreadRule("gold", TEMP)).contains("fewer than 2 degrees of freedom");
    assertThat(c.logSd("gold", LAMPS)).isEqualTo(PRIOR);
    // Figures only 10 % apart: a pooled spread below the prior gives way to it.
    MetalContent close = MetalContent.of(List.of(new String[] {"0306", "gold", "100", "x", "a"},
            new String[] {"0306", "gold", "110", "x", "b"}, new String[] {"0306", "gold", "105", "x", "c"}),
        KEYS, Set.of("gold"), Map.of(), PRIOR, "test table");
    assertThat(close.logSd("gold", SMALL_IT)).isEqualTo(PRIOR);
    assertThat(close.spreadRule("gold", SMALL_IT)).contains("is below it");
  }

  @Test
  void onlyFiguresInUseNameTheOutcomesTheyWereDerivedFrom() {
    assertThat(content().derivedFrom()).containsExactly("some-outcome");
  }

  /**
   * AAA 2014: 0108 10,000 kg, 0109 5,000 kg, 0304 2,000 kg, 0306 1,000 kg, 0501 500 kg. Gold per
   * category, kg: temperature exchange 10,000 x 4 + 5,000 x 8 (/ 1e6) = 0.04 + 0.04 = 0.08; lamps
   * 500 x 4 = 0.002; small IT 2,000 x 60 + 1,000 x 300 = 0.12 + 0.3 = 0.42; in all 0.502, of which
   * keys without figures of their own (0108, 0304, 0501) 0.162. Silver, 50 g/t on every key:
   * 18,500 x 50 / 1e6 = 0.925. BBB 2014: 0109 5,000 kg, gold 0.04. Their composition, per tonne of
   * all their e-waste (23.5 t): temperature exchange 0.12 / 23.5, lamps 0.002 / 23.5, small IT
   * 0.42 / 23.5 kg.
   */
  @Test
  void containedIsEachKeysEwasteTimesItsContentByCategoryAndTheCompositionPerTonneOfAll() {
    StructType generated = new StructType().add("country_code", DataTypes.StringType)
        .add("unu_key", DataTypes.StringType).add("year", DataTypes.IntegerType).add("ewaste_kg", DataTypes.DoubleType);
    var rows = rows(generated, new Object[] {"AAA", "0306", 2014, 1000.0}, new Object[] {"AAA", "0108", 2014, 10000.0},
        new Object[] {"AAA", "0109", 2014, 5000.0}, new Object[] {"AAA", "0304", 2014, 2000.0},
        new Object[] {"AAA", "0501", 2014, 500.0}, new Object[] {"BBB", "0109", 2014, 5000.0});
    var contained = MetalContent.contained(rows, content()).cache();
    Row gold = contained.filter("country_code = 'AAA' AND metal = 'gold'").first();
    List<Double> byCategory = gold.getList(gold.fieldIndex(MetalContent.CONTAINED_BY_CATEGORY));
    assertThat(byCategory.get(TEMP)).isCloseTo(0.08, within(1e-15));
    assertThat(byCategory.get(LAMPS)).isCloseTo(0.002, within(1e-15));
    assertThat(byCategory.get(SMALL_IT)).isCloseTo(0.42, within(1e-15));
    assertThat(gold.<Double>getAs(MetalContent.CONTAINED_KG)).isCloseTo(0.502, within(1e-15));
    assertThat(gold.<Double>getAs(MetalContent.ASSUMED_KG)).isCloseTo(0.162, within(1e-15));
    assertThat(gold.<Double>getAs(MetalContent.EWASTE_KG)).isEqualTo(18500.0);
    Row silver = contained.filter("country_code = 'AAA' AND metal = 'silver'").first();
    assertThat(silver.<Double>getAs(MetalContent.CONTAINED_KG)).isCloseTo(0.925, within(1e-15));

    Row mix = MetalContent.composition(contained).filter("metal = 'gold'").first();
    List<Double> perTonne = mix.getList(mix.fieldIndex(MetalContent.KG_PER_T_BY_CATEGORY));
    assertThat(perTonne.get(TEMP)).isCloseTo(0.12 / 23.5, within(1e-15));
    assertThat(perTonne.get(LAMPS)).isCloseTo(0.002 / 23.5, within(1e-15));
    assertThat(perTonne.get(SMALL_IT)).isCloseTo(0.42 / 23.5, within(1e-15));
    assertThat(mix.<Integer>getAs(MetalContent.COUNTRIES)).isEqualTo(2);
    // Without e-waste at other lifespans, none is made up.
    assertThat(gold.isNullAt(gold.fieldIndex(MetalContent.CONTAINED_BY_CATEGORY_SHORTER))).isTrue();
    assertThat(mix.isNullAt(mix.fieldIndex(MetalContent.KG_PER_T_BY_CATEGORY_LONGER))).isTrue();
    contained.unpersist();
  }

  /**
   * The same countries, AAA's phones (0306) at 2,000 kg with shorter lifespans and 500 kg with
   * longer, every other key as at the median. Small IT's gold: 2,000 x 60 + 2,000 x 300 = 0.72 kg
   * shorter, 0.12 + 500 x 300 / 1e6 = 0.27 kg longer; the other categories as at the median. The
   * composition per tonne of all their e-waste at each: 0.72 / 24.5 t and 0.27 / 23 t.
   */
  @Test
  void theKilogramsWithShorterAndLongerLifespansComeBeside() {
    StructType generated = new StructType().add("country_code", DataTypes.StringType)
        .add("unu_key", DataTypes.StringType).add("year", DataTypes.IntegerType).add("ewaste_kg", DataTypes.DoubleType)
        .add(MetalContent.EWASTE_KG_SHORTER, DataTypes.DoubleType).add(MetalContent.EWASTE_KG_LONGER, DataTypes.DoubleType);
    var rows = rows(generated, new Object[] {"AAA", "0306", 2014, 1000.0, 2000.0, 500.0},
        new Object[] {"AAA", "0108", 2014, 10000.0, 10000.0, 10000.0},
        new Object[] {"AAA", "0109", 2014, 5000.0, 5000.0, 5000.0},
        new Object[] {"AAA", "0304", 2014, 2000.0, 2000.0, 2000.0}, new Object[] {"AAA", "0501", 2014, 500.0, 500.0, 500.0},
        new Object[] {"BBB", "0109", 2014, 5000.0, 5000.0, 5000.0});
    var contained = MetalContent.contained(rows, content()).cache();
    Row gold = contained.filter("country_code = 'AAA' AND metal = 'gold'").first();
    List<Double> shorter = gold.getList(gold.fieldIndex(MetalContent.CONTAINED_BY_CATEGORY_SHORTER));
    List<Double> longer = gold.getList(gold.fieldIndex(MetalContent.CONTAINED_BY_CATEGORY_LONGER));
    assertThat(shorter.get(SMALL_IT)).isCloseTo(0.72, within(1e-15));
    assertThat(longer.get(SMALL_IT)).isCloseTo(0.27, within(1e-15));
    assertThat(shorter.get(TEMP)).isCloseTo(0.08, within(1e-15));
    assertThat(longer.get(LAMPS)).isCloseTo(0.002, within(1e-15));
    assertThat(gold.<Double>getAs(MetalContent.CONTAINED_KG)).isCloseTo(0.502, within(1e-15));
    Row mix = MetalContent.composition(contained).filter("metal = 'gold'").first();
    assertThat(mix.<Double>getList(mix.fieldIndex(MetalContent.KG_PER_T_BY_CATEGORY_SHORTER)).get(SMALL_IT))
        .isCloseTo(0.72 / 24.5, within(1e-15));
    assertThat(mix.<Double>getList(mix.fieldIndex(MetalContent.KG_PER_T_BY_CATEGORY_LONGER)).get(SMALL_IT))
        .isCloseTo(0.27 / 23.0, within(1e-15));
    contained.unpersist();
  }

  @Test
  void aTableThatCannotGiveAContentFailsNamingTheRow() {
    assertThatThrownBy(() -> MetalContent.of(List.<String[]>of(new String[] {"9999", "gold", "5", "x", "a"}), KEYS,
        Set.of("gold"), Map.of(), PRIOR, "test table"))
        .hasMessageContaining("'9999' is neither a UNU key of the key table nor one of the categories");
    assertThatThrownBy(() -> MetalContent.of(List.<String[]>of(new String[] {"0306", "gold", "0", "x", "a"}), KEYS,
        Set.of("gold"), Map.of(), PRIOR, "test table"))
        .hasMessageContaining("g_per_t must be above 0, got 0");
    assertThatThrownBy(() -> MetalContent.of(List.<String[]>of(new String[] {"0306", "gold", "5", "x", "a"}), KEYS,
        Set.of("gold", "copper"), Map.of(), PRIOR, "test table"))
        .hasMessageContaining("test table: no figure of copper for any category");
  }

  /**
   * A stream of small IT: AAA holds 2,000 kg of small IT e-waste with 0.1 kg of gold in it, 50 g/t;
   * BBB's own keys hold no small IT at all: no content of its own (null), where dividing by its
   * zero tonnes failed the run. The composition: 0.02 kg of small IT gold per tonne of all e-waste,
   * small IT a share of 0.1 of the tonnes: 0.02 x 1000 / 0.1 = 200 g/t.
   */
  @Test
  void aCountryWithoutTheStreamsCategoriesHasNoContentOfItsOwn() {
    StructType contained = new StructType().add(MetalContent.COUNTRY_CODE, DataTypes.StringType)
        .add(MetalContent.YEAR, DataTypes.IntegerType).add(MetalContent.METAL, DataTypes.StringType)
        .add(MetalContent.CONTAINED_BY_CATEGORY, DataTypes.createArrayType(DataTypes.DoubleType))
        .add(MetalContent.EWASTE_BY_CATEGORY, DataTypes.createArrayType(DataTypes.DoubleType));
    StructType composition = new StructType().add(MetalContent.YEAR, DataTypes.IntegerType)
        .add(MetalContent.METAL, DataTypes.StringType)
        .add(MetalContent.KG_PER_T_BY_CATEGORY, DataTypes.createArrayType(DataTypes.DoubleType))
        .add(MetalContent.SHARE_BY_CATEGORY, DataTypes.createArrayType(DataTypes.DoubleType));
    MetalContent.StreamContent stream = MetalContent.streamContent(
        rows(contained, new Object[] {"AAA", 2020, "gold", byCategory(SMALL_IT, 0.1, TEMP, 3.0),
                byCategory(SMALL_IT, 2000.0, TEMP, 9000.0)},
            new Object[] {"BBB", 2020, "gold", byCategory(TEMP, 1.0), byCategory(TEMP, 5000.0)}),
        rows(composition, new Object[] {2020, "gold", byCategory(SMALL_IT, 0.02, TEMP, 0.5),
            byCategory(SMALL_IT, 0.1, TEMP, 0.9)}),
        List.of("Small IT and telecommunication equipment"));
    Map<String, Double> own = new java.util.TreeMap<>();
    stream.byCountry().collectAsList().forEach(r -> own.put(r.getString(0),
        r.isNullAt(3) ? null : r.getDouble(3)));
    assertThat(own.get("AAA")).isCloseTo(50.0, within(1e-9));
    assertThat(own).containsKey("BBB");
    assertThat(own.get("BBB")).isNull();
    assertThat(stream.byYear().first().getDouble(2)).isCloseTo(200.0, within(1e-9));
  }

  /** Six categories' values, zero but at the given (index, value) pairs. */
  private static List<Double> byCategory(Object... indexAndValue) {
    Double[] out = new Double[MetalContent.CATEGORIES.size()];
    java.util.Arrays.fill(out, 0.0);
    for (int i = 0; i < indexAndValue.length; i += 2) {
      out[(Integer) indexAndValue[i]] = (Double) indexAndValue[i + 1];
    }
    return java.util.Arrays.asList(out);
  }
}
