package org.urbanmine.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;

/**
 * The chain's audit on hand-made rows. NLD's mix is its own: metal_in_ewaste gives 2.0 kg
 * recoverable in 2021 and 2022 (years before the model's, 2020, are not its business), and
 * forecast_drivers' model_kg must be the same; its recoverable_kg is model_kg x 1.5 = 3.0 where
 * there is no record, the record (2.5) where there is. BRA's mix is the composition: not in
 * metal_in_ewaste, nothing to compare. metal_forecast's country rows are recoverable_kg.
 */
class ChainAuditTest extends SparkTestBase {
  private static final StructType DRIVERS = new StructType().add("country_code", DataTypes.StringType)
      .add("metal", DataTypes.StringType).add("year", DataTypes.IntegerType).add("model_kg", DataTypes.DoubleType)
      .add("calibration_factor", DataTypes.DoubleType).add("recoverable_kg", DataTypes.DoubleType)
      .add("observed_kg", DataTypes.DoubleType).add("content_rule", DataTypes.StringType);
  private static final StructType METAL_IN_EWASTE = new StructType().add("country_code", DataTypes.StringType)
      .add("year", DataTypes.IntegerType).add("metal", DataTypes.StringType).add("recoverable_kg", DataTypes.DoubleType);
  private static final StructType FORECAST = new StructType().add("scope_level", DataTypes.StringType)
      .add("scope", DataTypes.StringType).add("metal", DataTypes.StringType).add("year", DataTypes.IntegerType)
      .add("mass_kg", DataTypes.DoubleType);

  private static List<String> audit(double nld2022Model, double nld2022Forecast) {
    String own = CountryModel.OWN_RULE;
    Dataset<Row> drivers = rows(DRIVERS, new Object[] {"NLD", "gold", 2021, 2.0, 1.5, 2.5, 2.5, own},
        new Object[] {"NLD", "gold", 2022, nld2022Model, 1.5, 3.0, null, own},
        new Object[] {"BRA", "gold", 2022, 4.0, 1.5, 6.0, null, "composition per tonne of the 1 countries"});
    Dataset<Row> metalInEwaste = rows(METAL_IN_EWASTE, new Object[] {"NLD", 2020, "gold", 1.0},
        new Object[] {"NLD", 2021, "gold", 2.0}, new Object[] {"NLD", 2022, "gold", 2.0});
    Dataset<Row> forecast = rows(FORECAST, new Object[] {"country", "NLD", "gold", 2021, 2.5},
        new Object[] {"country", "NLD", "gold", 2022, nld2022Forecast}, new Object[] {"country", "BRA", "gold", 2022, 6.0},
        new Object[] {"world", "World", "gold", 2022, 9.0});
    return ChainAudit.check(drivers, metalInEwaste, forecast);
  }

  @Test
  void oneChainPasses() {
    assertThat(audit(2.0, 3.0)).isEmpty();
  }

  /**
   * NLD 2022's model_kg 2.1 is neither metal_in_ewaste's 2.0 nor recoverable_kg / 1.5; and a
   * forecast of 3.1 is not recoverable_kg's 3.0: three rules, one row each.
   */
  @Test
  void aModelThatLeavesTheChainFailsEachRuleItBreaks() {
    List<String> problems = audit(2.1, 3.1);
    assertThat(problems).hasSize(3);
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("1 row(s): forecast_drivers.model_kg differs from"
        + " metal_in_ewaste.recoverable_kg").contains("NLD gold 2022 2.1 vs 2.0"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("is not model_kg x calibration_factor")
        .contains("NLD gold 2022 3.0 vs 3.15"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("metal_forecast's country row")
        .contains("NLD gold 2022 3.1 vs 3.0"));
  }
}
