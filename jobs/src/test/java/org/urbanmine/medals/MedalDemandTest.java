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

  @Test
  void everyGamesAsksForGoldSilverAndCopperOnly() {
    List<Row> rows = MedalDemand.of(spark, MEDALS).collectAsList();
    assertThat(rows).hasSize(6 * 3);
    assertThat(rows).extracting(r -> r.getString(4)).containsOnly("gold", "silver", "copper");
  }
}
