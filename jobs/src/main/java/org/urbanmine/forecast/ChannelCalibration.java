package org.urbanmine.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.config.Settings;
import org.urbanmine.tables.ChannelCalibrationTable;
import org.urbanmine.tables.RecoveryByCountryYearTable;

/**
 * {@code channel_calibration}: a collection channel's records calibrate the model of the stream a
 * medal campaign draws on, as a country's whole-stream records calibrate its whole stream. Japan's
 * certified operators recovered 245 kg of gold from the 65,750 t of small appliances their channel
 * collected in fiscal 2017; the model of that stream (the campaign's categories through its route,
 * {@code urbanmine.medals.campaign}) gives 0.43 of it. A campaign is such a channel (Tokyo's was),
 * so its metal takes the channel's factor:
 *
 * <pre>
 *   model_kg(record)   = collected_t x stream content x route yield x smelter yield x whole-stream calibration
 *   channel_factor(m)  = sum of recorded_kg / sum of model_kg, over the metal's channel records
 * </pre>
 *
 * every assumption at its median ({@link ForecastValidation#campaignKgPerT}). A channel record
 * counts only where its source says how many tonnes the channel collected that year
 * ({@code urbanmine.sources.NAME.collected-t}): without them there is nothing to divide by. The
 * factor is one per metal for every country (pooled, as a country without records takes the
 * calibrated countries' factor), so every aggregate of the campaign's metal stays the sum of its
 * countries in every draw; the outlook draws it around this value ({@code medals.CampaignStream}).
 */
public final class ChannelCalibration {
  private ChannelCalibration() {}

  private static final StructType COLLECTED = new StructType()
      .add(ChannelCalibrationTable.SOURCE, DataTypes.StringType).add(ChannelCalibrationTable.YEAR, DataTypes.IntegerType)
      .add(ChannelCalibrationTable.COLLECTED_T, DataTypes.DoubleType);

  /**
   * @param byCountry {@code recovery_by_country_year}
   * @param kgPerT {@link ForecastValidation#campaignKgPerT}
   */
  public static Dataset<Row> of(SparkSession spark, Dataset<Row> byCountry, Map<String, Settings.Source> sources,
      Dataset<Row> kgPerT) {
    List<Row> collected = new ArrayList<>();
    sources.values().stream().filter(s -> Settings.Source.CHANNEL.equals(s.scope()))
        .forEach(s -> s.collectedT().forEach((year, t) -> collected.add(RowFactory.create(s.id(), year, t))));
    Column model = col(ChannelCalibrationTable.COLLECTED_T).multiply(col(ForecastValidation.D_KG_PER_T));
    Column metal = col(ChannelCalibrationTable.METAL);
    return byCountry
        .filter(col(RecoveryByCountryYearTable.BASIS).equalTo(Settings.Source.RECORDED)
            .and(col(RecoveryByCountryYearTable.RECORD_SCOPE).equalTo(Settings.Source.CHANNEL)))
        .select(col(RecoveryByCountryYearTable.SOURCE).as(ChannelCalibrationTable.SOURCE),
            col(RecoveryByCountryYearTable.COUNTRY_CODE).as(ChannelCalibrationTable.COUNTRY_CODE),
            col(RecoveryByCountryYearTable.METAL).as(ChannelCalibrationTable.METAL),
            col(RecoveryByCountryYearTable.YEAR).as(ChannelCalibrationTable.YEAR),
            col(RecoveryByCountryYearTable.MASS_KG).as(ChannelCalibrationTable.RECORDED_KG))
        // A few rows on each side: joined by shuffle, not broadcast (a broadcast is a Spark job of its own).
        .join(spark.createDataFrame(collected, COLLECTED).hint("merge"),
            new String[] {ChannelCalibrationTable.SOURCE, ChannelCalibrationTable.YEAR})
        .join(kgPerT.hint("merge"), col(ChannelCalibrationTable.COUNTRY_CODE).equalTo(col(ForecastValidation.D_COUNTRY))
            .and(metal.equalTo(col(ForecastValidation.D_METAL)))
            .and(col(ChannelCalibrationTable.YEAR).equalTo(col(ForecastValidation.D_YEAR))))
        .withColumn(ChannelCalibrationTable.MODEL_KG, model)
        .withColumn(ChannelCalibrationTable.RECORD_FACTOR,
            col(ChannelCalibrationTable.RECORDED_KG).divide(col(ChannelCalibrationTable.MODEL_KG)))
        .withColumn(ChannelCalibrationTable.CHANNEL_FACTOR,
            sum(ChannelCalibrationTable.RECORDED_KG).over(Window.partitionBy(metal))
                .divide(sum(ChannelCalibrationTable.MODEL_KG).over(Window.partitionBy(metal))))
        .select(col(ChannelCalibrationTable.SOURCE), col(ChannelCalibrationTable.COUNTRY_CODE), metal,
            col(ChannelCalibrationTable.YEAR), col(ChannelCalibrationTable.COLLECTED_T),
            col(ChannelCalibrationTable.RECORDED_KG), col(ChannelCalibrationTable.MODEL_KG),
            col(ChannelCalibrationTable.RECORD_FACTOR), col(ChannelCalibrationTable.CHANNEL_FACTOR));
  }
}
