package org.urbanmine.medals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;

class MedalOutlookTest extends SparkTestBase {
  private static final StructType FORECAST = new StructType()
      .add("scope_level", DataTypes.StringType).add("scope", DataTypes.StringType)
      .add("metal", DataTypes.StringType).add("year", DataTypes.IntegerType)
      .add("mass_kg", DataTypes.DoubleType).add("is_forecast", DataTypes.BooleanType);

  private static List<Row> outlook(double share) {
    Dataset<Row> forecast = rows(FORECAST,
        new Object[] {"country", "JPN", "gold", 2014, 143.0, false},
        new Object[] {"country", "JPN", "palladium", 2014, 5.0, false});
    Dataset<Row> demand = MedalDemand.of(spark, settings().medals())
        .filter("games_id = 'london-2012'");
    return MedalOutlook.TABLE.conformFile(MedalOutlook.from(forecast, demand, share)).collectAsList();
  }

  @Test
  void japan2014GoldCoversLondon2012FifteenTimesOver() {
    List<Row> out = outlook(1.0);
    // Palladium is in no medal, so it has no row.
    assertThat(out).hasSize(1);
    Row r = out.get(0);
    assertThat(r.getString(r.fieldIndex("games"))).isEqualTo("London 2012");
    assertThat(r.getDouble(r.fieldIndex("available_kg"))).isEqualTo(143.0);
    assertThat(r.getDouble(r.fieldIndex("needed_kg"))).isEqualTo(9.6);
    // 143 / 9.6 = 14.8958..., which reads 14.9
    assertThat(r.getDouble(r.fieldIndex("coverage_ratio"))).isCloseTo(14.8958333, within(1e-6));
    assertThat(Math.round(r.getDouble(r.fieldIndex("coverage_ratio")) * 10) / 10.0).isEqualTo(14.9);
  }

  @Test
  void onlyTheAvailableShareCounts() {
    Row r = outlook(0.5).get(0);
    // 143 x 0.5 = 71.5 kg; 71.5 / 9.6 = 7.4479...
    assertThat(r.getDouble(r.fieldIndex("available_kg"))).isEqualTo(71.5);
    assertThat(r.getDouble(r.fieldIndex("coverage_ratio"))).isCloseTo(7.4479167, within(1e-6));
  }
}
