package org.urbanmine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.tables.RecoveryByRegionYearTable;

class RecoveryByRegionYearTest extends SparkTestBase {

  @Test
  void addsCountriesUpToSubRegionRegionAndWorld() {
    StructType byCountry = new StructType()
        .add("country_code", DataTypes.StringType).add("year", DataTypes.IntegerType)
        .add("metal", DataTypes.StringType).add("mass_kg", DataTypes.DoubleType);
    StructType countries = new StructType()
        .add("country_code", DataTypes.StringType).add("region", DataTypes.StringType)
        .add("sub_region", DataTypes.StringType);
    List<Row> out = RecoveryByRegionYearTable.TABLE.conform(RecoveryByRegionYear.from(
            rows(byCountry,
                new Object[] {"JPN", 2014, "gold", 143.0},
                new Object[] {"CHN", 2014, "gold", 57.0},
                new Object[] {"DEU", 2014, "gold", 10.0}),
            // one row per record in practice: repeats must not multiply the totals
            rows(countries,
                new Object[] {"JPN", "Asia", "Eastern Asia"},
                new Object[] {"JPN", "Asia", "Eastern Asia"},
                new Object[] {"CHN", "Asia", "Eastern Asia"},
                new Object[] {"DEU", "Europe", "Western Europe"})))
        .orderBy("scope_level", "scope").collectAsList();
    // By hand: Asia = 143 + 57 = 200 (2 countries); Europe = 10; world = 210 (3 countries).
    assertThat(out).extracting(r -> r.toSeq().mkString("|")).containsExactly(
        "region|Asia|2014|gold|200.0|2",
        "region|Europe|2014|gold|10.0|1",
        "sub_region|Eastern Asia|2014|gold|200.0|2",
        "sub_region|Western Europe|2014|gold|10.0|1",
        "world|World|2014|gold|210.0|3");
  }
}
