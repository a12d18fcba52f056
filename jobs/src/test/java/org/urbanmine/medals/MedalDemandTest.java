package org.urbanmine.medals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.config.Settings;

class MedalDemandTest extends SparkTestBase {
  private static final Settings.Medals MEDALS = settings().medals();

  private static Row row(String gamesId, String metal) {
    return MedalDemand.rows(MEDALS).stream()
        .filter(r -> r.getString(10).equals(gamesId) && r.getString(4).equals(metal))
        .findFirst().orElseThrow();
  }

  @Test
  void londonUsesThePublishedTotals() {
    assertThat(row("london-2012", "gold").getDouble(6)).isEqualTo(9.6);
    assertThat(row("london-2012", "silver").getDouble(6)).isEqualTo(1210.0);
    assertThat(row("london-2012", "copper").getDouble(6)).isEqualTo(700.0);
    assertThat(row("london-2012", "gold").getString(7)).isEqualTo("published");
    // Medals containing each metal: gold medals only have gold; gold and silver medals have
    // silver; all 4,700 have copper (sterling is 7.5 % copper, bronze 95 %).
    assertThat(row("london-2012", "gold").getInt(5)).isEqualTo(1534);
    assertThat(row("london-2012", "silver").getInt(5)).isEqualTo(3068);
    assertThat(row("london-2012", "copper").getInt(5)).isEqualTo(4700);
  }

  /**
   * Tokyo 2020: 1,632 gold medals of 556 g, 1,632 silver of 550 g, 1,736 bronze of 450 g.
   * gold   = 1632 x 6 g = 9,792 g;
   * silver = 1632 x (556 - 6) x 0.925 + 1632 x 550 x 0.925 = 2 x 830,280 g = 1,660,560 g;
   * copper = 2 x 1632 x 550 x 0.075 + 1736 x 450 x 0.95 = 134,640 + 742,140 = 876,780 g.
   */
  @Test
  void tokyoIsDerivedFromTheMedalSpecification() {
    assertThat(row("tokyo-2020", "gold").getDouble(6)).isCloseTo(9.792, within(1e-9));
    assertThat(row("tokyo-2020", "silver").getDouble(6)).isCloseTo(1660.56, within(1e-9));
    assertThat(row("tokyo-2020", "copper").getDouble(6)).isCloseTo(876.78, within(1e-9));
    assertThat(row("tokyo-2020", "copper").getString(7)).isEqualTo("derived");
    assertThat(row("tokyo-2020", "copper").getBoolean(8)).isTrue();
  }

  /**
   * Milano Cortina 2026, its own composition: 382 medals of each colour (245 Olympic + 137
   * Paralympic); gold 506 g = 6 g gold plating on 500 g of 999 silver, silver 500 g of 999
   * silver, bronze 420 g all copper.
   * gold   = 382 x 6 g = 2,292 g;
   * silver = 382 x (506 - 6) x 0.999 + 382 x 500 x 0.999 = 2 x 382 x 499.5 = 2 x 190,809 = 381,618 g;
   * copper = 382 x 420 x 1.0 = 160,440 g (999 silver has no copper: only the 382 bronze medals hold it;
   * with the default sterling, 7.5 % copper, all 1,146 medals would).
   */
  @Test
  void milanoCortinaUsesItsOwnComposition() {
    assertThat(row("milano-cortina-2026", "gold").getDouble(6)).isCloseTo(2.292, within(1e-9));
    assertThat(row("milano-cortina-2026", "silver").getDouble(6)).isCloseTo(381.618, within(1e-9));
    assertThat(row("milano-cortina-2026", "copper").getDouble(6)).isCloseTo(160.44, within(1e-9));
    assertThat(row("milano-cortina-2026", "gold").getInt(5)).isEqualTo(382);
    assertThat(row("milano-cortina-2026", "silver").getInt(5)).isEqualTo(764);
    assertThat(row("milano-cortina-2026", "copper").getInt(5)).isEqualTo(382);
    assertThat(row("milano-cortina-2026", "copper").getString(7)).isEqualTo("derived");
  }

  /**
   * PyeongChang 2018: 392 of each colour (259 Olympic + 133 Paralympic sets); gold 586 g = 6 g
   * plating on 99.9 % silver, silver 580 g of 99.9 % silver, bronze 493 g of Cu90-Zn10.
   * gold   = 392 x 6 g = 2,352 g;
   * silver = 392 x (586 - 6) x 0.999 + 392 x 580 x 0.999 = 2 x 392 x 579.42 = 2 x 227,132.64 = 454,265.28 g;
   * copper = 392 x 493 x 0.90 = 392 x 443.7 = 173,930.4 g.
   */
  @Test
  void pyeongChangIsDerivedFromItsPublishedSpecification() {
    assertThat(row("pyeongchang-2018", "gold").getDouble(6)).isCloseTo(2.352, within(1e-9));
    assertThat(row("pyeongchang-2018", "silver").getDouble(6)).isCloseTo(454.26528, within(1e-9));
    assertThat(row("pyeongchang-2018", "copper").getDouble(6)).isCloseTo(173.9304, within(1e-9));
    assertThat(row("pyeongchang-2018", "copper").getInt(5)).isEqualTo(392);
    assertThat(row("pyeongchang-2018", "copper").getString(2)).isEqualTo("KOR");
  }

  /**
   * Beijing 2022, an estimate: 407 of each colour (277 Olympic + 130 Paralympic), PyeongChang's
   * masses (586, 580, 493 g), the default composition (sterling 92.5 % silver, 7.5 % copper;
   * bronze 95 % copper).
   * gold   = 407 x 6 g = 2,442 g;
   * silver = 407 x (586 - 6) x 0.925 + 407 x 580 x 0.925 = 2 x 407 x 536.5 = 2 x 218,355.5 = 436,711 g;
   * copper = 2 x 407 x 580 x 0.075 + 407 x 493 x 0.95 = 2 x 17,704.5 + 407 x 468.35
   *        = 35,409 + 190,618.45 = 226,027.45 g, in all 3 x 407 = 1,221 medals.
   */
  @Test
  void beijingIsAnEstimateWithTheDefaultComposition() {
    assertThat(row("beijing-2022", "gold").getDouble(6)).isCloseTo(2.442, within(1e-9));
    assertThat(row("beijing-2022", "silver").getDouble(6)).isCloseTo(436.711, within(1e-9));
    assertThat(row("beijing-2022", "copper").getDouble(6)).isCloseTo(226.02745, within(1e-9));
    assertThat(row("beijing-2022", "copper").getInt(5)).isEqualTo(1221);
    assertThat(row("beijing-2022", "copper").getBoolean(8)).isTrue();
  }

  /** A derived Games needs what its source needs, metal by metal, and says where its figures come from. */
  @Test
  void aDerivedGamesNeedsWhatItsSourceNeeds() {
    for (String[] pair : new String[][] {{"french-alps-2030", "milano-cortina-2026"},
        {"salt-lake-city-utah-2034", "milano-cortina-2026"}, {"brisbane-2032", "paris-2024"}}) {
      for (String metal : List.of("gold", "silver", "copper")) {
        Row derived = row(pair[0], metal);
        Row source = row(pair[1], metal);
        assertThat(derived.getDouble(6)).as(pair[0] + " " + metal).isEqualTo(source.getDouble(6));
        assertThat(derived.getInt(5)).as(pair[0] + " " + metal).isEqualTo(source.getInt(5));
        assertThat(derived.getBoolean(8)).isTrue();
        assertThat(derived.getString(9)).startsWith("Derived from " + source.getString(0) + ": ");
      }
    }
    // Brisbane: Paris's 1,659 gold medals x 6 g = 9,954 g.
    assertThat(row("brisbane-2032", "gold").getDouble(6)).isCloseTo(9.954, within(1e-9));
    assertThat(row("brisbane-2032", "gold").getString(2)).isEqualTo("AUS");
    assertThat(row("brisbane-2032", "gold").getInt(1)).isEqualTo(2032);
  }

  @Test
  void everyGamesAsksForGoldSilverAndCopperOnly() {
    List<Row> rows = MedalDemand.of(spark, MEDALS).collectAsList();
    // London 2012 to Salt Lake City-Utah 2034: 11 Games, 3 metals each.
    assertThat(rows).hasSize(11 * 3);
    assertThat(rows).extracting(r -> r.getString(4)).containsOnly("gold", "silver", "copper");
  }

  /**
   * What a host must obtain: the Tokyo 2020 Medal Project obtained 32 kg gold, 3,500 kg silver and
   * 2,090 kg copper (2,200 kg bronze at 95 %) for medals holding 9.792, 1,660.56 and 876.78 kg
   * (above): factors 32 / 9.792 = 3.2679739, 3,500 / 1,660.56 = 2.1077227, 2,090 / 876.78 =
   * 2.3837222. Tokyo itself must obtain exactly those amounts; London 2012's published 9.6 kg gold
   * becomes 9.6 x 3.2679739 = 31.372549 kg.
   */
  @Test
  void aHostMustObtainTheMetalInItsMedalsTimesTokyosProductionFactor() {
    assertThat(row("tokyo-2020", "gold").getDouble(11)).isCloseTo(3.2679739, within(1e-7));
    assertThat(row("tokyo-2020", "silver").getDouble(11)).isCloseTo(2.1077227, within(1e-7));
    assertThat(row("tokyo-2020", "copper").getDouble(11)).isCloseTo(2.3837222, within(1e-7));
    assertThat(row("tokyo-2020", "gold").getDouble(12)).isCloseTo(32.0, within(1e-9));
    assertThat(row("tokyo-2020", "silver").getDouble(12)).isCloseTo(3500.0, within(1e-9));
    assertThat(row("tokyo-2020", "copper").getDouble(12)).isCloseTo(2090.0, within(1e-9));
    assertThat(row("london-2012", "gold").getDouble(12)).isCloseTo(31.372549, within(1e-6));
    assertThat(row("london-2012", "gold").getString(13)).isEqualTo("Tokyo 2020 obtained 32 kg for medals holding 9.792 kg");
  }

  /** A factor set per metal replaces the derivation for that metal only. */
  @Test
  void aFactorSetInTheConfigurationWins() {
    Settings.Medals medals = settings("urbanmine.medals.production.factor.gold = 2").medals();
    Row gold = MedalDemand.rows(medals).stream()
        .filter(r -> r.getString(10).equals("london-2012") && r.getString(4).equals("gold")).findFirst().orElseThrow();
    assertThat(gold.getDouble(12)).isCloseTo(19.2, within(1e-12));
    assertThat(gold.getString(13)).isEqualTo("set in urbanmine.medals.production.factor");
    assertThat(MedalDemand.productionFactor(medals, "silver").value()).isCloseTo(2.1077227, within(1e-7));
  }
}
