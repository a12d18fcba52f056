package org.urbanmine.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.urbanmine.config.Settings;
import org.urbanmine.input.CsvInput;
import org.urbanmine.input.InputFingerprint;
import org.urbanmine.input.NationalStatistics;
import org.urbanmine.model.CountryChain;
import org.urbanmine.model.DriversModel;
import org.urbanmine.model.MetalContent;
import org.urbanmine.publish.AuditCheck;
import org.urbanmine.publish.ObservedMetrics;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.reference.CollectionRates;
import org.urbanmine.reference.CountryResolver;
import org.urbanmine.stage.RunContext;
import org.urbanmine.stage.Stage;
import org.urbanmine.stage.StageReport;
import org.urbanmine.tables.AggregateDrawsTable;
import org.urbanmine.tables.ChannelCalibrationTable;
import org.urbanmine.tables.CollectionRatesTable;
import org.urbanmine.tables.CountryCoverageTable;
import org.urbanmine.tables.CountryDrawsTable;
import org.urbanmine.tables.EwasteFitTable;
import org.urbanmine.tables.EwasteGeneratedTable;
import org.urbanmine.tables.ForecastDriversTable;
import org.urbanmine.tables.ForecastEvaluationTable;
import org.urbanmine.tables.ForecastValidationTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.tables.MetalInEwasteTable;
import org.urbanmine.tables.RecoveryByCountryYearTable;
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
    return List.of(RecoveryByCountryYearTable.TABLE, EwasteGeneratedTable.TABLE, MetalInEwasteTable.TABLE);
  }

  @Override
  public List<TableSpec> outputs() {
    return List.of(MetalForecastTable.TABLE, ForecastEvaluationTable.TABLE, ForecastDriversTable.TABLE,
        CountryDrawsTable.TABLE, AggregateDrawsTable.TABLE, EwasteFitTable.TABLE, CountryCoverageTable.TABLE,
        CollectionRatesTable.TABLE, ForecastValidationTable.TABLE, ChannelCalibrationTable.TABLE);
  }

  /** The published e-waste series, population and purchasing power are inputs like the records. */
  @Override
  public List<Map<String, Object>> inputFiles(Configuration hadoop, RunContext context) {
    Settings settings = context.settings();
    List<Map<String, Object>> files = new ArrayList<>();
    InputFingerprint.of(hadoop, settings.drivers().ewasteGenerated(), "urbanmine.drivers.ewaste-generated")
        .forEach(f -> files.add(f.asMap()));
    InputFingerprint.of(hadoop, settings.ewaste().population(), "urbanmine.ewaste.population")
        .forEach(f -> files.add(f.asMap()));
    InputFingerprint.of(hadoop, settings.ewaste().purchasingPower(), "urbanmine.ewaste.purchasing-power")
        .forEach(f -> files.add(f.asMap()));
    return files;
  }

  /**
   * The country model's output, persisted by {@link #run} and kept for {@link #audit}, which checks
   * the rows written to {@code country_draws} and {@code aggregate_draws} without reading them back;
   * null before a run and after the audit.
   */
  private Dataset<Row> chained;

  @Override
  public StageReport run(SparkSession spark, RunContext context) {
    releaseChained();
    Warehouse warehouse = context.warehouse();
    Settings settings = context.settings();
    Settings.Forecast forecastSettings = settings.forecast();
    MetalContent content = MetalContent.load(spark.sparkContext().hadoopConfiguration(), settings.drivers());
    // Two small tables: read again where needed rather than cached, which costs more in planning.
    Dataset<Row> series = MetalForecast.series(warehouse.read(RecoveryByCountryYearTable.TABLE));
    // Inputs read by more than one table, each read once and kept while those tables are written.
    Dataset<Row> generated = warehouse.read(EwasteGeneratedTable.TABLE);
    Dataset<Row> modelled = DriversModel.modelledEwaste(generated).persist();
    Dataset<Row> published = readEwaste(spark, settings.drivers().ewasteGenerated()).persist();
    Dataset<Row> population = NationalStatistics.readPopulation(spark, settings.ewaste().population()).persist();
    Dataset<Row> purchasingPower = NationalStatistics.readPurchasingPower(spark, settings.ewaste().purchasingPower())
        .persist();
    List<Dataset<Row>> kept = new ArrayList<>(List.of(modelled, published, population, purchasingPower));
    ExecutorService lanes = Executors.newFixedThreadPool(LANES);
    try {
      Dataset<Row> countries = CountryResolver.load(spark, settings.reference()).countries();
      int firstYear = forecastSettings.firstYear();
      Dataset<Row> fit = keep(kept, CountryEwaste.fit(modelled, published, population, purchasingPower, firstYear));
      Dataset<Row> ewaste = keep(kept, CountryEwaste.series(modelled, published, population, purchasingPower, fit,
          firstYear, forecastSettings.horizon(), settings.drivers().ewasteGrowthPerYear()));
      Dataset<Row> rates = keep(kept, CollectionRates.perCountry(countries,
          CollectionRates.read(spark, settings.drivers().collectionRates()), DriversModel.putOnMarket(generated)));
      // The report's counts are observed by the one query that reads all of a Dataset, not counted.
      Observation ewasteRows = new Observation();
      Map<TableSpec, Long> written = new HashMap<>();
      inLanes(lanes, written, List.of(
          List.of(new Write(EwasteFitTable.TABLE, fit), new Write(CountryCoverageTable.TABLE,
              CountryEwaste.coverage(countries, ewaste.observe(ewasteRows, count(lit(1)).as(ROWS)), population,
                  purchasingPower))),
          List.of(new Write(CollectionRatesTable.TABLE, rates))), warehouse);

      Dataset<Row> contained = keep(kept, MetalContent.contained(generated, content));
      Dataset<Row> composition = keep(kept, MetalContent.composition(contained));
      Dataset<Row> input = CountryModel.input(ewaste, rates, countries, DriversModel.countrySeries(series),
          settings.drivers().metals(), contained, composition);
      CountryChain chain = new CountryChain(settings.drivers(), content, settings.uncertainty().seed(),
          CountryChain.allDraws(settings.uncertainty().draws()), firstYear, forecastSettings.horizon(),
          forecastSettings.intervalLevel(), 0);
      ForecastValidation.Campaign campaign = campaign(settings, chain, MetalContent.streamContent(contained,
          composition, settings.medals().campaign().stream()));
      // Computed once, written four times and audited: the draws are most of the stage's work.
      chained = chain.run(input).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        long seriesRows = write(spark, context, lanes, written, series, chained, content, campaign);
        StageReport report = new StageReport()
            .read("recorded whole-stream rows of " + RecoveryByCountryYearTable.TABLE.name(), seriesRows)
            .read("country-years of e-waste generated", observed(ewasteRows));
        outputs().forEach(t -> report.wrote(t.name(), written.get(t)));
        return report;
      } catch (RuntimeException e) {
        releaseChained();
        throw e;
      }
    } finally {
      lanes.shutdownNow();
      kept.forEach(Dataset::unpersist);
    }
  }

  /** The medal campaign's stream and route, every assumption at its median, for forecast_validation. */
  private static ForecastValidation.Campaign campaign(Settings settings, CountryChain chain,
      MetalContent.StreamContent stream) {
    Settings.Campaign c = settings.medals().campaign();
    Map<String, double[]> yields = new java.util.LinkedHashMap<>();
    for (String metal : settings.drivers().metals()) {
      yields.put(metal, chain.routeYields(metal, c.route()));
    }
    return new ForecastValidation.Campaign(stream, yields, settings.forecast().firstYear(), "the content of "
        + String.join(" and ", c.stream()) + " (urbanmine.medals.campaign.stream) x the " + c.route() + " yield"
        + " (urbanmine.medals.campaign.route) x the smelter yield x the country's calibration factor, averaged over"
        + " the years");
  }

  /**
   * How many writes run at once. Each write of this stage is one Spark task on small inputs, and
   * most of a write that is not is planned on the driver: two lanes keep two cores busy.
   */
  private static final int LANES = 2;

  /** A table and its rows, to stage. */
  private record Write(TableSpec table, Dataset<Row> rows) {}

  /**
   * Runs each lane's writes in order and the lanes side by side, putting the rows each wrote in
   * {@code written}. Writes in different lanes may read the same persisted Dataset: Spark computes
   * each of its blocks once, and the other lane waits for it.
   */
  private static void inLanes(ExecutorService lanes, Map<TableSpec, Long> written, List<List<Write>> writes,
      Warehouse warehouse) {
    List<Future<List<Long>>> running = new ArrayList<>();
    for (List<Write> lane : writes) {
      running.add(lanes.submit(() -> lane.stream().map(w -> warehouse.stage(w.table(), w.rows())).toList()));
    }
    RuntimeException failed = null;
    for (int i = 0; i < writes.size(); i++) {
      try {
        List<Long> rows = running.get(i).get();
        for (int w = 0; w < rows.size(); w++) {
          written.put(writes.get(i).get(w).table(), rows.get(w));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while writing " + writes.get(i), e);
      } catch (ExecutionException e) {
        failed = failed != null ? failed : e.getCause() instanceof RuntimeException r ? r
            : new IllegalStateException(e.getCause().getMessage(), e.getCause());
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  private static Dataset<Row> keep(List<Dataset<Row>> kept, Dataset<Row> data) {
    Dataset<Row> persisted = data.persist();
    kept.add(persisted);
    return persisted;
  }

  private static final String ROWS = "rows";

  /** The rows an observation counted (the query that read its Dataset has run). */
  private static long observed(Observation rows) {
    return ObservedMetrics.count(rows, ROWS, "a count of rows read");
  }

  /**
   * The model's tables, metal_forecast and forecast_evaluation, country_draws (the largest) in a lane
   * of its own; returns the rows of {@code series} read.
   */
  private static long write(SparkSession spark, RunContext context, ExecutorService lanes,
      Map<TableSpec, Long> written, Dataset<Row> series, Dataset<Row> chained, MetalContent content,
      ForecastValidation.Campaign campaign) {
    Warehouse warehouse = context.warehouse();
    Settings.Forecast forecastSettings = context.settings().forecast();
    Observation seriesRows = new Observation();
    Dataset<Row> drivers = CountryModel.drivers(chained);
    Dataset<Row> channel = ChannelCalibration.of(spark, warehouse.read(RecoveryByCountryYearTable.TABLE),
        context.settings().aggregate().sources(), ForecastValidation.campaignKgPerT(drivers, campaign));
    ForecastEvaluation.Backtest backtest = ForecastEvaluation.backtest(
        series.observe(seriesRows, count(lit(1)).as(ROWS)), forecastSettings).cache();
    Dataset<Row> backtested = ForecastEvaluation.evaluate(spark, backtest, forecastSettings)
        .unionByName(ForecastEvaluation.evaluateDrivers(backtest, CountryModel.drivers(chained), forecastSettings));
    // Read twice under auto only: by the forecast that it chooses for, and written.
    boolean auto = ForecastEvaluation.AUTO.equals(forecastSettings.method());
    Dataset<Row> evaluation = auto ? backtested.cache() : backtested;
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
      inLanes(lanes, written, List.of(
          List.of(new Write(ForecastDriversTable.TABLE, CountryModel.drivers(chained)),
              new Write(AggregateDrawsTable.TABLE, CountryModel.aggregateDraws(chained)),
              new Write(MetalForecastTable.TABLE, forecast),
              new Write(ForecastEvaluationTable.TABLE, ForecastEvaluation.markChosen(evaluation, forecast)),
              new Write(ForecastValidationTable.TABLE, ForecastValidation.of(drivers, ForecastValidation.outcomes(spark),
                  content.derivedFrom(), campaign, channel)),
              new Write(ChannelCalibrationTable.TABLE, channel)),
          List.of(new Write(CountryDrawsTable.TABLE, CountryModel.countryDraws(chained)))), warehouse);
      return observed(seriesRows);
    } finally {
      evaluation.unpersist();
      backtest.unpersist();
    }
  }

  /**
   * Coherence per draw and monotone collection ({@link HierarchyAudit}), and the one chain from
   * product to metal ({@link ChainAudit}), on the rows staged: those this run's model wrote, as it
   * wrote them, or else (an audit without a run) the staged tables.
   */
  @Override
  public List<AuditCheck> audit(RunContext context) {
    Settings settings = context.settings();
    Warehouse warehouse = context.warehouse();
    MetalContent content = MetalContent.load(SparkSession.active().sparkContext().hadoopConfiguration(), settings.drivers());
    try {
      Dataset<Row> drivers = chained == null ? warehouse.read(ForecastDriversTable.TABLE) : CountryModel.drivers(chained);
      AuditCheck hierarchy = chained == null
          ? HierarchyAudit.deferred(settings, content, drivers, warehouse.read(CountryDrawsTable.TABLE),
              warehouse.read(AggregateDrawsTable.TABLE))
          : HierarchyAudit.deferred(settings, content, drivers, CountryModel.countryDraws(chained),
              CountryModel.aggregateDraws(chained));
      AuditCheck chain = ChainAudit.deferred(drivers, warehouse.read(MetalInEwasteTable.TABLE),
          ForecastDriversTable.DRIVERS.equals(settings.forecast().method()) ? warehouse.read(MetalForecastTable.TABLE)
              : null);
      // The model's output stays cached until both are collected.
      Dataset<Row> kept = chained;
      chained = null;
      return List.of(hierarchy, new AuditCheck(chain.findings(), chain.describe(), () -> {
        if (kept != null) {
          kept.unpersist();
        }
      }));
    } catch (RuntimeException e) {
      releaseChained();
      throw e;
    }
  }

  private void releaseChained() {
    if (chained != null) {
      chained.unpersist();
      chained = null;
    }
  }

  /** The drivers' e-waste CSV ({@code country_code, year, ewaste_t, basis, source}; {@link CsvInput}). */
  static Dataset<Row> readEwaste(SparkSession spark, String path) {
    return CsvInput.read(spark, path, "urbanmine.drivers.ewaste-generated", DriversModel.EWASTE_SCHEMA);
  }
}
