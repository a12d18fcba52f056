package org.urbanmine.medals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.config.Settings;
import org.urbanmine.model.MetalContent;

/**
 * The campaign's factor on a hand-made composition (every metal alike, 2020): kilograms per tonne
 * of all e-waste by category 0.001, 0.002, 0, 0.003, 0.004 and 0.010 (in all 0.020: 20 g/t), the
 * categories' shares of the tonnes 0.1, 0.2, 0.05, 0.3, 0.25 and 0.1. The default stream, small
 * equipment and small IT: (0.004 + 0.010) / (0.25 + 0.1) = 0.04 kg/t, 40 g/t, twice the average.
 * By hand (0.82) against shredding (gold 0.256, silver 0.115, copper 0.60): gold 2 x 0.82 / 0.256
 * = 6.40625, silver 2 x 0.82 / 0.115 = 14.2609, copper 2 x 0.82 / 0.6 = 2.7333.
 */
class CampaignStreamTest extends SparkTestBase {
  private static List<Row> composition() {
    List<Row> rows = new ArrayList<>();
    for (String metal : List.of("gold", "silver", "copper")) {
      rows.add(new GenericRowWithSchema(new Object[] {2020, metal, seq(0.001, 0.002, 0.0, 0.003, 0.004, 0.010), 28,
          seq(0.1, 0.2, 0.05, 0.3, 0.25, 0.1), null, null}, MetalContent.COMPOSITION));
    }
    return rows;
  }

  private static scala.collection.Seq<Double> seq(Double... values) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(values)).toSeq();
  }

  private static double factor(List<Row> factors, String metal, int year) {
    return factors.stream().filter(r -> r.getString(0).equals(metal) && r.getInt(1) == year).findFirst()
        .orElseThrow().getDouble(2);
  }

  @Test
  void aSmallDeviceStreamDismantledByHandHoldsAndYieldsMoreThanTheAverageTonne() {
    Settings s = settings();
    List<Row> factors = CampaignStream.factors(composition(), s, content(s.drivers()), 2015);
    assertThat(factor(factors, "gold", 2020)).isCloseTo(2 * 0.82 / 0.256, within(1e-12));
    assertThat(factor(factors, "silver", 2030)).isCloseTo(2 * 0.82 / 0.115, within(1e-12));
    // Years outside the composition take its nearest year's.
    assertThat(factor(factors, "copper", 2015)).isCloseTo(2 * 0.82 / 0.6, within(1e-12));
    assertThat(factors).hasSize(3 * (s.forecast().horizon() - 2015 + 1));
    Row gold = factors.stream().filter(r -> r.getString(0).equals("gold")).findFirst().orElseThrow();
    assertThat(gold.getString(3)).isEqualTo("Small equipment and Small IT and telecommunication equipment (35.0 % of"
        + " the tonnes): 40.0 g/t against 20.0 g/t of all e-waste (composition of 28 countries, 2020) x the"
        + " manual-dismantling yield 0.820 / the chain's 0.256");
  }

  /** Half the collected stream dismantled by hand: the chain's gold yield 0.5 x 0.256 + 0.5 x 0.82 = 0.538. */
  @Test
  void theChainsOwnRoutesAreTheAverageTheCampaignIsSetAgainst() {
    Settings s = settings("urbanmine.drivers.manual-dismantling-share=0.5");
    List<Row> factors = CampaignStream.factors(composition(), s, content(s.drivers()), 2020);
    assertThat(factor(factors, "gold", 2020)).isCloseTo(2 * 0.82 / 0.538, within(1e-12));
  }

  @Test
  void theWholeStreamShreddedIsTheAverageTonneExactly() {
    Settings s = settings("urbanmine.medals.campaign.route=shredding", "urbanmine.medals.campaign.stream="
        + "[\"Temperature exchange equipment\", \"Screens and monitors\", \"Lamps\", \"Large equipment\","
        + " \"Small equipment\", \"Small IT and telecommunication equipment\"]");
    assertThat(CampaignStream.isAverage(s.medals().campaign(), s.drivers())).isTrue();
    List<Row> factors = CampaignStream.factors(List.of(), s, content(s.drivers()), 2020);
    assertThat(factors).extracting(r -> r.getDouble(2)).containsOnly(1.0);
    assertThat(MetalContent.CATEGORIES).hasSize(6);
  }
}
