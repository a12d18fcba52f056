package org.urbanmine.medals;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.config.Settings;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.stage.RunContext;
import org.urbanmine.stage.Stage;
import org.urbanmine.stage.StageReport;
import org.urbanmine.model.MetalContent;
import org.urbanmine.tables.AggregateDrawsTable;
import org.urbanmine.tables.ChannelCalibrationTable;
import org.urbanmine.tables.CountryDrawsTable;
import org.urbanmine.tables.EwasteGeneratedTable;
import org.urbanmine.tables.FirstCoveredYearTable;
import org.urbanmine.tables.ForecastDriversTable;
import org.urbanmine.tables.MedalDemandTable;
import org.urbanmine.tables.MedalOutlookTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.tables.TableSpec;

/** {@code outlook}: medal specifications to {@code medal_demand}, and with {@code metal_forecast} to {@code medal_outlook}. */
public final class OutlookJob implements Stage {

  @Override
  public String name() {
    return "outlook";
  }

  @Override
  public List<TableSpec> reads() {
    return List.of(MetalForecastTable.TABLE, CountryDrawsTable.TABLE, AggregateDrawsTable.TABLE,
        EwasteGeneratedTable.TABLE, ChannelCalibrationTable.TABLE);
  }

  @Override
  public List<TableSpec> outputs() {
    return List.of(MedalDemandTable.TABLE, MedalOutlookTable.TABLE, FirstCoveredYearTable.TABLE);
  }

  /** Every row's draws: the countries' and the aggregates'. */
  private static Dataset<Row> draws(Warehouse warehouse) {
    return warehouse.read(CountryDrawsTable.TABLE)
        .select(lit(MetalForecastTable.COUNTRY_LEVEL).as(MetalForecastTable.SCOPE_LEVEL),
            col(CountryDrawsTable.COUNTRY_CODE).as(MetalForecastTable.SCOPE), col(CountryDrawsTable.METAL),
            col(CountryDrawsTable.YEAR), col(CountryDrawsTable.DRAWS_KG))
        .unionByName(warehouse.read(AggregateDrawsTable.TABLE).select(col(AggregateDrawsTable.SCOPE_LEVEL),
            col(AggregateDrawsTable.SCOPE), col(AggregateDrawsTable.METAL), col(AggregateDrawsTable.YEAR),
            col(AggregateDrawsTable.DRAWS_KG)));
  }

  /**
   * {@link CampaignStream#factors}, from the composition of this scenario's {@code ewaste_generated}
   * (not read for the average tonne) and the channels that calibrate the campaign's stream.
   */
  private static List<Row> campaignFactors(SparkSession spark, Settings settings, Warehouse warehouse,
      boolean average, Map<String, CampaignStream.Channel> channels) {
    MetalContent content = MetalContent.load(spark.sparkContext().hadoopConfiguration(), settings.drivers());
    int fromYear = Math.min(settings.input().minYear(), settings.forecast().firstYear());
    List<Row> composition = average ? List.of()
        : MetalContent.composition(MetalContent.contained(warehouse.read(EwasteGeneratedTable.TABLE), content))
            .collectAsList();
    return CampaignStream.factors(composition, settings, content, fromYear, channels);
  }

  private static double[] constant(double value, int n) {
    double[] out = new double[n];
    java.util.Arrays.fill(out, value);
    return out;
  }

  @Override
  public StageReport run(SparkSession spark, RunContext context) {
    Settings settings = context.settings();
    Settings.Medals medals = settings.medals();
    Warehouse warehouse = context.warehouse();
    long demandRows = warehouse.stage(MedalDemandTable.TABLE, MedalDemand.of(spark, medals));
    // The campaign's stream over the average collected tonne, per metal and year: one small table,
    // applied to the metal before the share, so every aggregate stays the sum of its countries.
    // The channels that calibrate the campaign's stream (channel_calibration): none for the average tonne.
    boolean average = CampaignStream.isAverage(medals.campaign(), settings.drivers());
    Map<String, CampaignStream.Channel> channels = average ? Map.of()
        : CampaignStream.channels(warehouse.readSmallRows(ChannelCalibrationTable.TABLE),
            settings.drivers().calibrationPriorSigma());
    List<Row> factorRows = campaignFactors(spark, settings, warehouse, average, channels);
    Dataset<Row> factors = CampaignStream.asDataset(spark, factorRows);
    int n = settings.uncertainty().draws();
    Map<String, double[]> channelDraws = CampaignStream.channelDraws(channels, settings.uncertainty().seed(), n);
    Dataset<Row> forecast = CampaignStream.forecast(warehouse.read(MetalForecastTable.TABLE), factors);
    // From the file's footer: a count of its own would be a Spark job for the run log.
    long forecastRows = warehouse.rows(MetalForecastTable.TABLE);
    // A share that is not drawn, on a campaign factor that is not either, scales every percentile:
    // medal_outlook need not read the draws.
    double share = medals.availableShare().median();
    double[] shares = medals.availableShare().isFixed() ? null
        : AvailableMetal.shares(medals.availableShare(), settings.uncertainty().seed(), n);
    double[] everyShare = shares != null ? shares : constant(share, n);
    boolean drawnOutlook = shares != null || !channelDraws.isEmpty();
    // "From then on" is a statement about each draw's years: under the country model it reads the
    // draws whatever the share; a trend has none, and its mass counts in every draw.
    boolean drawnFirst = ForecastDriversTable.DRIVERS.equals(settings.forecast().method());
    Dataset<Row> campaignDraws = CampaignStream.draws(draws(warehouse), factorRows, channelDraws);
    List<FirstCoveredYear.Need> needs = FirstCoveredYear.needs(medals);
    Dataset<Row> demand = warehouse.read(MedalDemandTable.TABLE);
    long outlookRows;
    long firstRows;
    if (drawnOutlook && drawnFirst) {
      // Both tables from one reading of the draws, each row reduced where it is read: the few
      // numbers kept per row are cached for the second table.
      Dataset<Row> both = OutlookDraws.of(campaignDraws, everyShare, needs, shares, share).persist();
      try {
        outlookRows = warehouse.stage(MedalOutlookTable.TABLE, MedalOutlook.from(
            AvailableMetal.withPercentiles(forecast, OutlookDraws.percentiles(both), everyShare), demand, share,
            medals.availableShareRule()));
        firstRows = warehouse.stage(FirstCoveredYearTable.TABLE,
            FirstCoveredYear.fromReduced(OutlookDraws.reduced(both), needs));
      } finally {
        both.unpersist();
      }
    } else {
      Dataset<Row> available = drawnOutlook ? AvailableMetal.of(forecast, campaignDraws, everyShare)
          : AvailableMetal.withFixedShare(forecast, share);
      outlookRows = warehouse.stage(MedalOutlookTable.TABLE, MedalOutlook.from(available, demand, share,
          medals.availableShareRule()));
      Dataset<Row> first = drawnFirst ? FirstCoveredYear.fromDraws(campaignDraws, needs, shares, share)
          : FirstCoveredYear.fromForecast(forecast, needs, shares, share);
      firstRows = warehouse.stage(FirstCoveredYearTable.TABLE, first);
    }
    return new StageReport()
        .read("Games in urbanmine.medals.games", medals.games().size())
        .read(MetalForecastTable.TABLE.name(), forecastRows)
        .read("Monte Carlo draws", n)
        .wrote(MedalDemandTable.TABLE.name(), demandRows)
        .wrote(MedalOutlookTable.TABLE.name(), outlookRows)
        .wrote(FirstCoveredYearTable.TABLE.name(), firstRows);
  }
}
