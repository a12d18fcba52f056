package org.urbanmine.ewaste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.cli.Command;
import org.urbanmine.cli.UrbanMine;
import org.urbanmine.publish.RunFailedException;
import org.urbanmine.tables.EwasteGeneratedTable;
import org.urbanmine.tables.MassBalanceTable;

/**
 * The audit's plausibility limits, each broken once. E-waste per person is the sum over a
 * country's keys: NLD 2010 = 12 + 13 = 25 kg (inside 1-35); NLD 2011 = 20 + 16 = 36 kg (above 35);
 * MLT 2006 = 0.4 + 0.5 = 0.9 kg (below 1); MLT 2004 = 0.2 kg is before 2005 and not judged. Stock
 * against cumulative put-on-market: -9 of 1,000 kg = -0.9 % (allowed, the model's own), -11 of
 * 1,000 kg = -1.1 % (below -1 %).
 */
class PlausibilityTest extends SparkTestBase {
  private static final StructType GENERATED = new StructType()
      .add(EwasteGeneratedTable.COUNTRY_CODE, DataTypes.StringType).add(EwasteGeneratedTable.UNU_KEY, DataTypes.StringType)
      .add(EwasteGeneratedTable.YEAR, DataTypes.IntegerType)
      .add(EwasteGeneratedTable.EWASTE_KG_PER_PERSON, DataTypes.DoubleType);
  private static final StructType BALANCE = new StructType()
      .add(MassBalanceTable.COUNTRY_CODE, DataTypes.StringType).add(MassBalanceTable.UNU_KEY, DataTypes.StringType)
      .add(MassBalanceTable.YEAR, DataTypes.IntegerType).add(MassBalanceTable.CUMULATIVE_POM_KG, DataTypes.DoubleType)
      .add(MassBalanceTable.STOCK_KG, DataTypes.DoubleType);

  private static Dataset<Row> generated(Object[]... extra) {
    Object[][] rows = {
        {"NLD", "0306", 2010, 12.0}, {"NLD", "0407", 2010, 13.0},
        {"MLT", "0306", 2004, 0.2}, {"MLT", "0306", 2005, 1.5}};
    return rows(GENERATED, rows).union(rows(GENERATED, extra));
  }

  @Test
  void plausibleFiguresPass() {
    assertThat(Plausibility.problems(generated(), rows(BALANCE, new Object[] {"NLD", "0306", 2030, 1000.0, -9.0})))
        .isEmpty();
  }

  @Test
  void eachLimitBrokenIsOneFinding() {
    Dataset<Row> generated = generated(new Object[] {"NLD", "0306", 2011, 20.0}, new Object[] {"NLD", "0407", 2011, 16.0},
        new Object[] {"MLT", "0306", 2006, 0.4}, new Object[] {"MLT", "0407", 2006, 0.5});
    Dataset<Row> balance = rows(BALANCE, new Object[] {"NLD", "0306", 2030, 1000.0, -9.0},
        new Object[] {"NLD", "0306", 2031, 1000.0, -11.0});
    assertThat(Plausibility.problems(generated, balance)).containsExactly(
        "ewaste_generated: MLT 2006 generates 0.90 kg of e-waste per person, outside 1.0-35.0",
        "ewaste_generated: NLD 2011 generates 36.00 kg of e-waste per person, outside 1.0-35.0",
        "mass_balance: NLD key 0306 2031 has a stock of -0.0110 of its cumulative put-on-market, below -0.01");
  }

  /**
   * On real data, each limit stops the run and publishes nothing. Germany and the Netherlands
   * modelled without the other 26 countries (this class's resources): the Netherlands reaches
   * 35.35 kg per person in 2038. Germany and France (SparkTestBase's fixture, within the limits)
   * with mobile phones' lifespan normal with mean 0.5 and sd 0.3 years: the share discarded in the
   * year of sale is the density at 0.5, 1 / (0.3 x sqrt(2 pi)) = 1.3298, so the stock at the end of
   * the first year with sales (1985, the key's introduction year, where its ramp starts) is 1 - 1.3298 =
   * -0.3298 of what was sold.
   */
  @Test
  void eachLimitBrokenOnRealDataFailsTheRun(@TempDir Path warehouse) {
    String alone = Path.of("src/test/resources/PlausibilityTest/deu-nld-put-on-market.csv").toAbsolutePath().toString();
    assertThatThrownBy(() -> UrbanMine.run(spark, Command.EWASTE, settings("urbanmine.warehouse=" + warehouse,
        "urbanmine.ewaste.put-on-market=\"" + alone + "\"")))
        .isInstanceOf(RunFailedException.class)
        .hasMessageContaining("ewaste_generated: NLD 2038 generates 35.35 kg of e-waste per person, outside 1.0-35.0");
    assertThatThrownBy(() -> UrbanMine.run(spark, Command.EWASTE, settings("urbanmine.warehouse=" + warehouse,
        TWO_COUNTRIES_PUT_ON_MARKET,
        "urbanmine.ewaste.lifespans.\"0306\"={distribution=normal, mean-years=0.5, sd-years=0.3}")))
        .isInstanceOf(RunFailedException.class)
        .hasMessageContaining("mass_balance: DEU key 0306 1985 has a stock of -0.3298 of its cumulative put-on-market")
        .hasMessageNotContaining("kg of e-waste per person");
    assertThat(Files.exists(warehouse.resolve("ewaste_generated"))).isFalse();
  }
}
