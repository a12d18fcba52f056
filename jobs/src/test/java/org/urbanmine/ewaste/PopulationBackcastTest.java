package org.urbanmine.ewaste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;

/** Population back-extrapolated with world growth, docs/waste-over-time.md 3.1. */
class PopulationBackcastTest extends SparkTestBase {
  private static final StructType POPULATION = new StructType()
      .add(PutOnMarket.COUNTRY_CODE, DataTypes.StringType).add(PutOnMarket.YEAR, DataTypes.IntegerType)
      .add(PutOnMarket.POPULATION, DataTypes.DoubleType);

  /** "COUNTRY year" -> population. */
  private static Map<String, Double> byCountryYear(Dataset<Row> population) {
    assertThat(population.columns()).containsExactly(PutOnMarket.COUNTRY_CODE, PutOnMarket.YEAR,
        PutOnMarket.POPULATION);
    Map<String, Double> out = new HashMap<>();
    for (Row r : population.collectAsList()) {
      Double previous = out.put(r.getAs(PutOnMarket.COUNTRY_CODE) + " " + r.getAs(PutOnMarket.YEAR),
          r.getAs(PutOnMarket.POPULATION));
      assertThat(previous).as("one row per country and year").isNull();
    }
    return out;
  }

  /**
   * The file's first and last rows: "2016;7432663275;1,13;..." and "1980;4439632465;1,78;...";
   * 37 years, 1980-2016.
   */
  @Test
  void worldGrowthIsReadWithItsDecimalCommas() {
    Map<Integer, Double> growth = new HashMap<>();
    for (Row r : PopulationBackcast.worldGrowth(spark).collectAsList()) {
      growth.put(r.getInt(0), r.getDouble(1));
    }
    assertThat(growth).hasSize(37).containsEntry(2016, 1.13).containsEntry(1980, 1.78)
        .containsEntry(2015, 1.15);
  }

  /**
   * World growth known for 1990 (5 %), 1992 (2 %) and 1993 (4 %), not for 1991 nor after 1993;
   * filled from 1990.
   * <ul>
   *   <li>HRV, known from 1993 (1,060,800) and 1995 (1,100,000): 1992 = 1,060,800 / 1.04 =
   *       1,020,000; 1991 = 1,020,000 / 1.02 = 1,000,000; 1990 would need 1991's growth: none.
   *       1994 lies after the first known year: not filled.
   *   <li>SVN, known from 1990 = the first year: nothing to add.
   *   <li>EST, known from 1995: 1994 would need 1995's growth: none, nor any year before.
   * </ul>
   */
  @Test
  void yearsBeforeTheFirstKnownAreDividedByTheLaterYearsGrowth() {
    Dataset<Row> growth = rows(PopulationBackcast.GROWTH, new Object[] {1990, 5.0}, new Object[] {1992, 2.0},
        new Object[] {1993, 4.0});
    Dataset<Row> known = rows(POPULATION, new Object[] {"HRV", 1993, 1_060_800.0},
        new Object[] {"HRV", 1995, 1_100_000.0}, new Object[] {"SVN", 1990, 2_000_000.0},
        new Object[] {"SVN", 1991, 2_010_000.0}, new Object[] {"EST", 1995, 1_400_000.0});
    Map<String, Double> out = byCountryYear(PopulationBackcast.apply(known, growth, 1990));
    assertThat(out).hasSize(7).containsEntry("HRV 1993", 1_060_800.0).containsEntry("HRV 1995", 1_100_000.0)
        .containsEntry("SVN 1990", 2_000_000.0).containsEntry("SVN 1991", 2_010_000.0)
        .containsEntry("EST 1995", 1_400_000.0);
    assertThat(out.get("HRV 1992")).isCloseTo(1_020_000.0, within(1e-6));
    assertThat(out.get("HRV 1991")).isCloseTo(1_000_000.0, within(1e-6));
  }

  /**
   * With every growth rate known (1990: 5 %, 1991: 1 %, 1992: 2 %, 1993: 4 %) the chain runs to
   * the first year: HRV 1993 1,060,800 / 1.04 = 1,020,000 (1992) / 1.02 = 1,000,000 (1991)
   * / 1.01 = 990,099.0099 (1990). From 1992 on, nothing before 1992 is added.
   */
  @Test
  void theChainRunsToTheFirstYearWhereEveryGrowthIsKnown() {
    Dataset<Row> growth = rows(PopulationBackcast.GROWTH, new Object[] {1990, 5.0}, new Object[] {1991, 1.0},
        new Object[] {1992, 2.0}, new Object[] {1993, 4.0});
    Dataset<Row> known = rows(POPULATION, new Object[] {"HRV", 1993, 1_060_800.0});
    Map<String, Double> out = byCountryYear(PopulationBackcast.apply(known, growth, 1990));
    assertThat(out).hasSize(4);
    assertThat(out.get("HRV 1992")).isCloseTo(1_020_000.0, within(1e-6));
    assertThat(out.get("HRV 1991")).isCloseTo(1_000_000.0, within(1e-6));
    assertThat(out.get("HRV 1990")).isCloseTo(990_099.0099, within(1e-4));

    assertThat(byCountryYear(PopulationBackcast.apply(known, growth, 1992)))
        .containsOnlyKeys("HRV 1992", "HRV 1993");
  }
}
