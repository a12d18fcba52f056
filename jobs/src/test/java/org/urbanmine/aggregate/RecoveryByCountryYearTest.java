package org.urbanmine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.config.Settings;
import org.urbanmine.tables.RecoveryByCountryYearTable;

class RecoveryByCountryYearTest extends SparkTestBase {
  private static final StructType RECORDS = new StructType()
      .add("country_code", DataTypes.StringType)
      .add("year", DataTypes.IntegerType)
      .add("metal", DataTypes.StringType)
      .add("source", DataTypes.StringType)
      .add("record_id", DataTypes.StringType)
      .add("mass_kg", DataTypes.DoubleType);

  private static Dataset<Row> records() {
    return rows(RECORDS,
        new Object[] {"JPN", 2014, "gold", "A", "a1", 100.0},
        new Object[] {"JPN", 2014, "gold", "A", "a2", 43.0},
        new Object[] {"JPN", 2014, "gold", "B", "b1", 200.0},
        new Object[] {"DEU", 2015, "silver", "zeta", "z1", 5.0},
        new Object[] {"DEU", 2015, "silver", "alpha", "a1", 7.0},
        new Object[] {"FRA", 2016, "copper", "A", "r3", 0.3},
        new Object[] {"FRA", 2016, "copper", "A", "r2", 0.2},
        new Object[] {"FRA", 2016, "copper", "A", "r1", 0.1});
  }

  private static List<Row> totals(List<String> priority) {
    return RecoveryByCountryYearTable.TABLE.conform(RecoveryByCountryYear.from(records(), priority))
        .orderBy("country_code").collectAsList();
  }

  @Test
  void sumsWithinASourceAndTakesTheFirstListedSource() {
    List<Row> out = totals(List.of("A", "B"));
    // DEU: neither source listed, so by name: alpha (7), not zeta; never 12.
    assertThat(out.get(0).toSeq().mkString("|")).isEqualTo("DEU|2015|silver|7.0|1|alpha|2|recorded|whole-stream");
    // FRA: added in record_id order, r1 + r2 + r3: (0.1 + 0.2) + 0.3 = 0.6000000000000001 in
    // doubles, where the rows' own order, (0.3 + 0.2) + 0.1, gives 0.6.
    assertThat(out.get(1).toSeq().mkString("|")).isEqualTo("FRA|2016|copper|0.6000000000000001|3|A|1|recorded|whole-stream");
    // JPN: A = 100 + 43 = 143 from 2 records, chosen over B's 200; never 343.
    assertThat(out.get(2).toSeq().mkString("|")).isEqualTo("JPN|2014|gold|143.0|2|A|2|recorded|whole-stream");
  }

  @Test
  void listedSourcesOutrankUnlistedOnes() {
    List<Row> out = totals(List.of("B"));
    assertThat(out.get(2).toSeq().mkString("|")).isEqualTo("JPN|2014|gold|200.0|1|B|2|recorded|whole-stream");
  }

  /**
   * Each row is labelled by its chosen source's entry in urbanmine.sources: A as a channel's
   * records, alpha as an estimate of a product; B and zeta, not listed, as recorded whole streams.
   */
  @Test
  void eachRowCarriesItsSourcesBasisAndScope() {
    Settings.Aggregate aggregate = new Settings.Aggregate(List.of("A", "B"), java.util.Map.of(
        "A", new Settings.Source("A", "channel", "recorded", "a channel"),
        "alpha", new Settings.Source("alpha", "product", "estimate", "phones")));
    List<Row> out = RecoveryByCountryYearTable.TABLE.conform(RecoveryByCountryYear.from(records(), aggregate))
        .orderBy("country_code").collectAsList();
    assertThat(out).extracting(r -> r.getString(0) + " " + r.getAs("source") + " " + r.getAs("basis") + " "
        + r.getAs("record_scope")).containsExactly("DEU alpha estimate product", "FRA A recorded channel",
        "JPN A recorded channel");
    List<Row> unlisted = RecoveryByCountryYearTable.TABLE.conform(RecoveryByCountryYear.from(records(),
        new Settings.Aggregate(List.of("B")))).orderBy("country_code").collectAsList();
    assertThat(unlisted.get(2).<String>getAs("basis") + " " + unlisted.get(2).<String>getAs("record_scope"))
        .isEqualTo("recorded whole-stream");
  }
}
