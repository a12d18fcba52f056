package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code channel_calibration}: its columns, key and partitions. Written
 * by {@code forecast.ChannelCalibration} (in the forecast stage), tested in
 * {@code ChannelCalibrationTest}; read by the outlook stage through this class only.
 */
public final class ChannelCalibrationTable {
  public static final String SOURCE = "source";
  public static final String COUNTRY_CODE = "country_code";
  public static final String METAL = "metal";
  public static final String YEAR = "year";
  public static final String COLLECTED_T = "collected_t";
  public static final String RECORDED_KG = "recorded_kg";
  public static final String MODEL_KG = "model_kg";
  public static final String RECORD_FACTOR = "record_factor";
  public static final String CHANNEL_FACTOR = "channel_factor";
  public static final String SCENARIO = TableSpec.SCENARIO;

  public static final TableSpec TABLE = TableSpec.builder("channel_calibration",
          "A collection channel's recorded metal against the model of the medal campaign's stream through its route,"
              + " and the factor that calibrates the campaign's metal (medal_outlook.campaign_factor).")
      .column(SOURCE, DataTypes.StringType, "the channel's source (urbanmine.sources, scope channel, with collected-t)")
      .column(COUNTRY_CODE, DataTypes.StringType, "ISO 3166-1 alpha-3")
      .column(METAL, DataTypes.StringType, "canonical metal name")
      .column(YEAR, DataTypes.IntegerType, "year of the record")
      .column(COLLECTED_T, DataTypes.DoubleType, "tonnes the channel collected that year (urbanmine.sources.NAME.collected-t)")
      .column(RECORDED_KG, DataTypes.DoubleType, "metal the channel recovered that year, as recorded (recovery_by_country_year)")
      .column(MODEL_KG, DataTypes.DoubleType, "collected_t x the campaign's stream content (urbanmine.medals.campaign.stream: the"
          + " country's own mix or the composition) x its route's yield (.route) x the smelter yield x the country's"
          + " whole-stream calibration factor (forecast_drivers), every assumption at its median")
      .column(RECORD_FACTOR, DataTypes.DoubleType, "recorded_kg / model_kg")
      .column(CHANNEL_FACTOR, DataTypes.DoubleType, "the metal's factor: its recorded_kg over its model_kg, added over every"
          + " row of the metal; medal_outlook multiplies the campaign's metal by it")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(SOURCE, COUNTRY_CODE, METAL, YEAR)
      .partitionedBy(SCENARIO)
      .build();

  private ChannelCalibrationTable() {}
}
