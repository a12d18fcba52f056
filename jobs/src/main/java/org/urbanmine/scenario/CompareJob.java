package org.urbanmine.scenario;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbanmine.publish.RunFailedException;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.stage.RunContext;
import org.urbanmine.stage.Stage;
import org.urbanmine.stage.StageReport;
import org.urbanmine.tables.MedalOutlookTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.tables.ScenarioComparisonTable;
import org.urbanmine.tables.TableSpec;

/**
 * {@code compare A B}: the published {@code metal_forecast} and {@code medal_outlook} of
 * scenarios A and B to {@code scenario_comparison}, partition {@code scenario_a=A/scenario_b=B/}.
 * A and B are the run's partition values ({@link Warehouse#partition()}). When the two were not
 * computed alike (other code, other input files: {@link ScenarioProvenance}) the comparison still
 * runs, with a warning logged and written in every row's {@code warning}.
 */
public final class CompareJob implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(CompareJob.class);

  @Override
  public String name() {
    return "compare";
  }

  @Override
  public List<TableSpec> outputs() {
    return List.of(ScenarioComparisonTable.TABLE);
  }

  @Override
  public StageReport run(SparkSession spark, RunContext context) {
    Warehouse warehouse = context.warehouse();
    String a = scenario(warehouse, ScenarioComparisonTable.SCENARIO_A);
    String b = scenario(warehouse, ScenarioComparisonTable.SCENARIO_B);
    Dataset<Row> forecast = warehouse.readPublished(MetalForecastTable.TABLE)
        .filter(col(MetalForecastTable.SCENARIO).isin(a, b));
    Map<String, Long> forecastRows = rowsPerScenario(forecast);
    List<String> missing = new ArrayList<>();
    for (String s : List.of(a, b)) {
      if (forecastRows.getOrDefault(s, 0L) == 0) {
        missing.add("scenario " + s + " has no rows in " + MetalForecastTable.TABLE.name()
            + ": run jobs/run nightly --scenario " + s + " first");
      }
    }
    if (!missing.isEmpty()) {
      throw new RunFailedException(String.join("; ", missing));
    }
    Dataset<Row> outlook = warehouse.readPublished(MedalOutlookTable.TABLE)
        .filter(col(MedalOutlookTable.SCENARIO).isin(a, b));
    Map<String, Long> outlookRows = rowsPerScenario(outlook);
    String warning = ScenarioProvenance.warning(warehouse, a, b);
    if (warning != null) {
      LOG.warn("compare {} {}: {}", a, b, warning);
    }
    long written = warehouse.stage(ScenarioComparisonTable.TABLE,
        ScenarioComparison.from(forecast, outlook, a, b, warning));
    return new StageReport()
        .read(MetalForecastTable.TABLE.name() + " of " + a, forecastRows.get(a))
        .read(MetalForecastTable.TABLE.name() + " of " + b, forecastRows.get(b))
        .read(MedalOutlookTable.TABLE.name() + " of " + a, outlookRows.getOrDefault(a, 0L))
        .read(MedalOutlookTable.TABLE.name() + " of " + b, outlookRows.getOrDefault(b, 0L))
        .wrote(ScenarioComparisonTable.TABLE.name(), written);
  }

  private static String scenario(Warehouse warehouse, String column) {
    String name = warehouse.partition().get(column);
    if (name == null) {
      throw new IllegalStateException("compare needs the run's " + column + " (it has "
          + warehouse.partition().keySet() + ")");
    }
    return name;
  }

  /** Rows per scenario: at most two rows come back to the driver. */
  private static Map<String, Long> rowsPerScenario(Dataset<Row> table) {
    Map<String, Long> rows = new HashMap<>();
    for (Row r : table.groupBy(TableSpec.SCENARIO).count().collectAsList()) {
      rows.put(r.getString(0), r.getLong(1));
    }
    return rows;
  }
}
