package org.urbanmine.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.urbanmine.config.Settings;
import org.urbanmine.input.CsvInput;
import org.urbanmine.input.InputFingerprint;
import org.urbanmine.input.NationalStatistics;
import org.urbanmine.model.CountryChain;
import org.urbanmine.model.DriversModel;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.reference.CollectionRates;
import org.urbanmine.reference.CountryResolver;
import org.urbanmine.stage.RunContext;
import org.urbanmine.stage.Stage;
import org.urbanmine.stage.StageReport;
import org.urbanmine.tables.AggregateDrawsTable;
import org.urbanmine.tables.CollectionRatesTable;
import org.urbanmine.tables.CountryCoverageTable;
import org.urbanmine.tables.CountryDrawsTable;
import org.urbanmine.tables.EwasteFitTable;
import org.urbanmine.tables.EwasteGeneratedTable;
import org.urbanmine.tables.ForecastDriversTable;
import org.urbanmine.tables.ForecastEvaluationTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.tables.RecoveryByCountryYearTable;
import org.urbanmine.tables.RecoveryByRegionYearTable;
import org.urbanmine.tables.TableSpec;

/**
 * {@code forecast}: recoverable metal for every country with population data, and the hierarchy of
 * sums above them ({@link CountryChain}): {@code country_draws}, {@code aggregate_draws},
 * {@code metal_forecast} and {@code forecast_drivers}; with what they rest on: {@code ewaste_fit},
 * {@code country_coverage} and {@code collection_rates}; and {@code forecast_evaluation}, the
 * statistical methods backtested on each recorded series. Before any of it is published, the
 * audit checks that every aggregate is the sum of its countries in every draw of a sample, and
 * that more collection never gives less metal ({@link HierarchyAudit}).
 */
public final class ForecastJob implements Stage {

  @Override
  public String name() {
    return "forecast";
  }

  @Override
  public List<TableSpec> reads() {
    return List.of(RecoveryByCountryYearTable.TABLE, RecoveryByRegionYearTable.TABLE, EwasteGeneratedTable.TABLE);
  }

  @Override
  public List<TableSpec> outputs() {
    return List.of(MetalForecastTable.TABLE, ForecastEvaluationTable.TABLE, ForecastDriversTable.TABLE,
        CountryDrawsTable.TABLE, AggregateDrawsTable.TABLE, EwasteFitTable.TABLE, CountryCoverageTable.TABLE,
        CollectionRatesTable.TABLE);
  }

  /** The published e-waste series, population and purchasing power are inputs like the records. */
  @Override
  public List<Map<String, Object>> inputFiles(SparkSession spark, RunContext context) {
    Settings settings = context.settings();
    List<Map<String, Object>> files = new ArrayList<>();
    InputFingerprint.of(spark, settings.drivers().ewasteGenerated(), "urbanmine.drivers.ewaste-generated")
        .forEach(f -> files.add(f.asMap()));
    InputFingerprint.of(spark, settings.ewaste().population(), "urbanmine.ewaste.population")
        .forEach(f -> files.add(f.asMap()));
    InputFingerprint.of(spark, settings.ewaste().purchasingPower(), "urbanmine.ewaste.purchasing-power")
        .forEach(f -> files.add(f.asMap()));
    return files;
  }

  @Override
  public StageReport run(SparkSession spark, RunContext context) {
    Warehouse warehouse = context.warehouse();
    Settings settings = context.settings();
    Settings.Forecast forecastSettings = settings.forecast();
    Dataset<Row> series = MetalForecast.series(
        warehouse.read(RecoveryByCountryYearTable.TABLE), warehouse.read(RecoveryByRegionYearTable.TABLE));
    Dataset<Row> observed = DriversModel.countrySeries(series);
    Dataset<Row> countries = CountryResolver.load(spark, settings.reference()).countries();

    Dataset<Row> generated = warehouse.read(EwasteGeneratedTable.TABLE);
    Dataset<Row> modelled = DriversModel.modelledEwaste(generated);
    Dataset<Row> published = readEwaste(spark, settings.drivers().ewasteGenerated());
    Dataset<Row> population = NationalStatistics.readPopulation(spark, settings.ewaste().population());
    Dataset<Row> purchasingPower = NationalStatistics.readPurchasingPower(spark, settings.ewaste().purchasingPower());
    int firstYear = forecastSettings.firstYear();
    long fitRows = warehouse.stage(EwasteFitTable.TABLE,
        CountryEwaste.fit(modelled, published, population, purchasingPower, firstYear));
    Dataset<Row> ewaste = CountryEwaste.series(modelled, published, population, purchasingPower,
        warehouse.read(EwasteFitTable.TABLE), firstYear, forecastSettings.horizon(),
        settings.drivers().ewasteGrowthPerYear()).localCheckpoint();
    long coverageRows = warehouse.stage(CountryCoverageTable.TABLE,
        CountryEwaste.coverage(countries, ewaste, population, purchasingPower));
    long rateRows = warehouse.stage(CollectionRatesTable.TABLE, CollectionRates.perCountry(countries,
        CollectionRates.read(spark, settings.drivers().collectionRates()), DriversModel.putOnMarket(generated)));

    Dataset<Row> input = CountryModel.input(ewaste, warehouse.read(CollectionRatesTable.TABLE), countries,
        observed, settings.drivers().contentGramsPerTonne().keySet()).localCheckpoint();
    CountryChain chain = new CountryChain(settings.drivers(), settings.uncertainty().seed(),
        CountryChain.allDraws(settings.uncertainty().draws()), firstYear, forecastSettings.horizon(),
        forecastSettings.intervalLevel(), 0);
    // Computed once, written four times: the draws are most of the stage's work.
    Dataset<Row> chained = chain.run(input).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return write(spark, context, series, ewaste, chained, fitRows, coverageRows, rateRows);
    } finally {
      chained.unpersist();
    }
  }

  private static StageReport write(SparkSession spark, RunContext context, Dataset<Row> series, Dataset<Row> ewaste,
      Dataset<Row> chained, long fitRows, long coverageRows, long rateRows) {
    Warehouse warehouse = context.warehouse();
    Settings.Forecast forecastSettings = context.settings().forecast();
    long driverRows = warehouse.stage(ForecastDriversTable.TABLE, CountryModel.drivers(chained));
    long countryDraws = warehouse.stage(CountryDrawsTable.TABLE, CountryModel.countryDraws(chained));
    long aggregateDraws = warehouse.stage(AggregateDrawsTable.TABLE, CountryModel.aggregateDraws(chained));

    ForecastEvaluation.Backtest backtest = ForecastEvaluation.backtest(series, forecastSettings).cache();
    Dataset<Row> evaluation = ForecastEvaluation.evaluate(spark, backtest, forecastSettings).cache();
    try {
      // A trend is a method for one series: under a trend method, each country's own records; no
      // region or world is ever a trend over whichever countries happened to report.
      Dataset<Row> countrySeries = series.filter(col(MetalForecastTable.SCOPE_LEVEL).equalTo(MetalForecastTable.COUNTRY_LEVEL));
      Dataset<Row> forecast = switch (forecastSettings.method()) {
        case ForecastDriversTable.DRIVERS -> CountryModel.forecast(chained);
        case ForecastEvaluation.AUTO -> ForecastEvaluation.forecast(spark, countrySeries, evaluation,
            forecastSettings);
        default -> MetalForecast.forecast(spark, countrySeries, forecastSettings);
      };
      long rows = warehouse.stage(MetalForecastTable.TABLE, forecast);
      long evaluated = warehouse.stage(ForecastEvaluationTable.TABLE,
          ForecastEvaluation.markChosen(evaluation, warehouse.read(MetalForecastTable.TABLE)));
      return new StageReport()
          .read("observed rows of " + RecoveryByCountryYearTable.TABLE.name() + " and "
              + RecoveryByRegionYearTable.TABLE.name(), series.count())
          .read("country-years of e-waste generated", ewaste.count())
          .wrote(MetalForecastTable.TABLE.name(), rows)
          .wrote(ForecastEvaluationTable.TABLE.name(), evaluated)
          .wrote(ForecastDriversTable.TABLE.name(), driverRows)
          .wrote(CountryDrawsTable.TABLE.name(), countryDraws)
          .wrote(AggregateDrawsTable.TABLE.name(), aggregateDraws)
          .wrote(EwasteFitTable.TABLE.name(), fitRows)
          .wrote(CountryCoverageTable.TABLE.name(), coverageRows)
          .wrote(CollectionRatesTable.TABLE.name(), rateRows);
    } finally {
      evaluation.unpersist();
      backtest.unpersist();
    }
  }

  /** Coherence per draw and monotone collection, on the staged tables. */
  @Override
  public List<String> audit(RunContext context) {
    Settings settings = context.settings();
    Warehouse warehouse = context.warehouse();
    return HierarchyAudit.check(settings, warehouse.read(ForecastDriversTable.TABLE),
        warehouse.read(CountryDrawsTable.TABLE), warehouse.read(AggregateDrawsTable.TABLE));
  }

  /** The drivers' e-waste CSV ({@code country_code, year, ewaste_t, basis, source}; {@link CsvInput}). */
  static Dataset<Row> readEwaste(SparkSession spark, String path) {
    return CsvInput.read(spark, path, "urbanmine.drivers.ewaste-generated", DriversModel.EWASTE_SCHEMA);
  }
}
