package org.urbanmine.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.urbanmine.aggregate.AggregateJob;
import org.urbanmine.ewaste.EwasteJob;
import org.urbanmine.forecast.ForecastJob;
import org.urbanmine.ingest.IngestJob;
import org.urbanmine.medals.OutlookJob;
import org.urbanmine.publish.RunHistory;
import org.urbanmine.scenario.CompareJob;
import org.urbanmine.scenario.ScenarioJob;
import org.urbanmine.stage.Stage;
import org.urbanmine.tables.TableSpec;

/** The commands of {@code jobs/run}, each a list of stages run in order and published together. */
public enum Command {
  NIGHTLY("all stages in order: ingest, aggregate, ewaste, forecast, outlook (and the scenario's row of scenarios)"),
  INGEST("read recovery records; write recovery_records and rejected_records"),
  AGGREGATE("recovery_records to recovery_by_country_year and recovery_by_region_year"),
  FORECAST("ewaste, then country and region totals to metal_forecast (observed + trend or drivers to the horizon),"
      + " forecast_evaluation and forecast_drivers"),
  OUTLOOK("medal specifications to medal_demand; with metal_forecast to medal_outlook"),
  EWASTE("put-on-market data and lifespans to ewaste_generated, metal_in_ewaste, lifespan_parameters and mass_balance"),
  COMPARE("compare A B: differences between two scenarios' published forecasts and medal coverage, to scenario_comparison"),
  RUNS("list the most recent runs from the runs table"),
  ROLLBACK("point every table back at its previously published version"),
  TABLES("list the published tables with their rows, partitions and last run"),
  DESCRIBE("describe TABLE: its columns, types, units and meaning"),
  QUERY("query \"SQL\": Spark SQL over the published tables, each a view by its name"),
  REPORT("write the HTML report (charts and tables) from the published tables; nightly refreshes it"),
  GENERATE("generate --rows N --output DIR [--seed S] [--rows-per-file M]: SYNTHETIC recovery records for"
      + " benchmarks, about 1 % bad");

  private final String summary;

  Command(String summary) {
    this.summary = summary;
  }

  public String commandName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String summary() {
    return summary;
  }

  public List<Stage> stages() {
    return switch (this) {
      case NIGHTLY -> List.of(new IngestJob(), new AggregateJob(), new EwasteJob(), new ForecastJob(),
          new OutlookJob(), new ScenarioJob());
      case INGEST -> List.of(new IngestJob());
      case AGGREGATE -> List.of(new AggregateJob());
      // Whatever writes a scenario's partitions also records the scenario's assumptions.
      // ... and the e-waste its drivers method rests on, modelled under the same assumptions.
      case FORECAST -> List.of(new EwasteJob(), new ForecastJob(), new ScenarioJob());
      case OUTLOOK -> List.of(new OutlookJob(), new ScenarioJob());
      case COMPARE -> List.of(new CompareJob());
      case EWASTE -> List.of(new EwasteJob(), new ScenarioJob());
      case RUNS, ROLLBACK, TABLES, DESCRIBE, QUERY, REPORT, GENERATE -> List.of();
    };
  }

  /** Every table the commands publish, the run history last: what analysts can query. */
  public static List<TableSpec> publishedTables() {
    java.util.Set<TableSpec> tables = new java.util.LinkedHashSet<>();
    for (Command command : values()) {
      tables.addAll(command.outputs());
    }
    tables.add(RunHistory.TABLE);
    return List.copyOf(tables);
  }

  /** The published table called {@code name}, or a usage error listing the tables there are. */
  public static TableSpec table(String name) {
    return publishedTables().stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new UsageException("no table \"" + name + "\"; tables: "
            + publishedTables().stream().map(TableSpec::name).collect(Collectors.joining(", "))));
  }

  /** The tables this command publishes, in order. */
  public List<TableSpec> outputs() {
    return Stage.outputsOf(stages());
  }

  /** The command named {@code name}, or a usage error listing the commands there are. */
  public static Command named(String name) {
    for (Command c : values()) {
      if (c.commandName().equals(name)) {
        return c;
      }
    }
    throw new UsageException("unknown command \"" + name + "\"; commands: " + names());
  }

  public static String names() {
    return Arrays.stream(values()).map(Command::commandName).collect(Collectors.joining(", "));
  }
}
