package org.urbanmine.ewaste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.cli.Command;
import org.urbanmine.cli.UrbanMine;
import org.urbanmine.publish.RunFailedException;
import org.urbanmine.tables.MassBalanceTable;

/** The audit's mass balance: a relative residual above the tolerance is a finding, and fails the run. */
class MassBalanceTest extends SparkTestBase {
  private static final StructType BALANCE = new StructType()
      .add(MassBalanceTable.COUNTRY_CODE, DataTypes.StringType).add(MassBalanceTable.UNU_KEY, DataTypes.StringType)
      .add(MassBalanceTable.YEAR, DataTypes.IntegerType).add(MassBalanceTable.RELATIVE_RESIDUAL, DataTypes.DoubleType);

  @Test
  void theWorstRowsAboveTheToleranceAreFindings() {
    Dataset<Row> balance = rows(BALANCE, new Object[] {"NLD", "0306", 2010, 1e-10},
        new Object[] {"NLD", "0306", 2011, -3e-9}, new Object[] {"NLD", "0306", 2012, 2e-9},
        new Object[] {"NLD", "0306", 1990, null});
    assertThat(MassBalance.problems(balance, 1e-9)).containsExactly(
        "mass_balance: NLD key 0306 2011 is off by -3.0E-9 of its cumulative POM (tolerance 1.0E-9)",
        "mass_balance: NLD key 0306 2012 is off by 2.0E-9 of its cumulative POM (tolerance 1.0E-9)");
    assertThat(MassBalance.problems(balance, 1e-8)).isEmpty();
  }

  /**
   * With no tolerance at all, the rounding of the model's sums (relative residuals of about
   * 1e-16) fails the run, and only the mass balance is named: the other checks still pass.
   */
  @Test
  void aResidualAboveTheToleranceFailsTheRun(@TempDir Path warehouse) {
    assertThatThrownBy(() -> UrbanMine.run(spark, Command.EWASTE, settings("urbanmine.warehouse=" + warehouse,
        TWO_COUNTRIES_PUT_ON_MARKET, "urbanmine.ewaste.max-relative-residual=0")))
        .isInstanceOf(RunFailedException.class)
        .hasMessageContaining("of its cumulative POM (tolerance 0.0)")
        .hasMessageNotContaining("kg of e-waste per person")
        .hasMessageNotContaining("of its cumulative put-on-market, below");
    assertThat(Files.exists(warehouse.resolve("mass_balance"))).isFalse();
  }
}
