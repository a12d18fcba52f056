package org.urbanmine.medals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.config.Settings;
import org.urbanmine.model.MetalContent;
import org.urbanmine.tables.ChannelCalibrationTable;

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

  /**
   * A channel that recorded 245 kg of gold against 104.6 kg modelled (factor 2.342) multiplies
   * gold's factor by it: 2 x 0.82 / 0.256 x 2.342 = 15.003; silver, without a channel record,
   * stays 2 x 0.82 / 0.115. The rule names the record. One channel country, fewer than three: its
   * spread is the stated prior, 0.3466, and in draw d each of gold's draws is times exp(0.3466 z),
   * z the standard normal named channel_gold, the same for every row.
   */
  @Test
  void aChannelsCalibrationMultipliesItsMetalsFactor() {
    Settings s = settings();
    var row = new GenericRowWithSchema(new Object[] {"ch", "JPN", "gold", 2017, 65750.0, 245.0, 104.6, 2.342, 2.342},
        ChannelCalibrationTable.TABLE.fileSchema());
    var channels = CampaignStream.channels(List.of(row), 0.3466);
    assertThat(channels.get("gold").factor()).isEqualTo(2.342);
    assertThat(channels.get("gold").logSd()).isEqualTo(0.3466);
    assertThat(channels.get("gold").rule()).isEqualTo(" x the channel's calibration 2.342 (channel_calibration: JPN"
        + " 2017, ch: 245.0 kg recorded against 104.6 kg modelled from 65750 t), drawn log-normal with the stated prior"
        + " 0.3466 (urbanmine.drivers.calibration-prior-sigma): 1 channel country, fewer than 3");
    List<Row> factors = CampaignStream.factors(composition(), s, content(s.drivers()), 2020, channels);
    assertThat(factor(factors, "gold", 2020)).isCloseTo(2 * 0.82 / 0.256 * 2.342, within(1e-12));
    assertThat(factor(factors, "silver", 2020)).isCloseTo(2 * 0.82 / 0.115, within(1e-12));
    // The average collected tonne takes no channel's factor: the records describe a stream of their own.
    Settings whole = settings("urbanmine.medals.campaign.route=shredding", "urbanmine.medals.campaign.stream="
        + "[\"Temperature exchange equipment\", \"Screens and monitors\", \"Lamps\", \"Large equipment\","
        + " \"Small equipment\", \"Small IT and telecommunication equipment\"]");
    assertThat(CampaignStream.factors(List.of(), whole, content(whole.drivers()), 2020, channels))
        .extracting(r -> r.getDouble(2)).containsOnly(1.0);

    var channelDraws = CampaignStream.channelDraws(channels, 7, 4);
    assertThat(channelDraws).hasSize(1);
    // Copper has no factor: its row is dropped.
    var factorRows = List.of(RowFactory.create("gold", 2020, 10.0, "r"), RowFactory.create("silver", 2020, 3.0, "r"));
    StructType drawsSchema = new StructType().add("scope_level", DataTypes.StringType).add("scope", DataTypes.StringType)
        .add("metal", DataTypes.StringType).add("year", DataTypes.IntegerType)
        .add("draws_kg", DataTypes.createArrayType(DataTypes.DoubleType));
    List<Row> drawn = CampaignStream.draws(rows(drawsSchema,
            new Object[] {"country", "AAA", "gold", 2020, seq(1.0, 2.0, 3.0, 4.0)},
            new Object[] {"country", "AAA", "silver", 2020, seq(1.0, 2.0, 3.0, 4.0)},
            new Object[] {"country", "AAA", "copper", 2020, seq(1.0, 2.0, 3.0, 4.0)}), factorRows, channelDraws)
        .orderBy("metal").collectAsList();
    assertThat(drawn).extracting(r -> r.getString(r.fieldIndex("metal"))).containsExactly("gold", "silver");
    List<Double> gold = drawn.get(0).getList(drawn.get(0).fieldIndex("draws_kg"));
    for (int d = 0; d < 4; d++) {
      double m = Math.exp(0.3466 * org.urbanmine.uncertainty.MonteCarlo.standardNormal(7, d, "channel_gold"));
      assertThat(gold.get(d)).isCloseTo((d + 1) * 10.0 * m, within(1e-9));
    }
    assertThat(drawn.get(1).<Double>getList(drawn.get(1).fieldIndex("draws_kg"))).containsExactly(3.0, 6.0, 9.0, 12.0);
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
