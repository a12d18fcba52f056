package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code forecast_drivers}: its columns, key and partitions. Written by
 * {@code forecast.ForecastJob} with {@code model.DriversModel}, tested in {@code DriversModelTest};
 * other stages read the table through this class only.
 */
public final class ForecastDriversTable {
  public static final String DRIVERS = "drivers";
  public static final String COUNTRY_CODE = "country_code";
  public static final String METAL = MetalForecastTable.METAL;
  public static final String YEAR = MetalForecastTable.YEAR;
  public static final String EWASTE_T = "ewaste_t";
  public static final String EWASTE_BASIS = "ewaste_basis";
  public static final String COLLECTION_RATE = "collection_rate";
  public static final String CONTENT_G_PER_T = "content_g_per_t";
  public static final String PREPROCESSING_YIELD = "preprocessing_yield";
  public static final String SMELTER_YIELD = "smelter_yield";
  public static final String MODEL_KG = "model_kg";
  public static final String CALIBRATION_FACTOR = "calibration_factor";
  public static final String CALIBRATION_BASIS = "calibration_basis";
  public static final String RECOVERABLE_KG = "recoverable_kg";
  public static final String OBSERVED_KG = "observed_kg";
  public static final String SCENARIO = TableSpec.SCENARIO;
  /** The assumption column of the medals' available share in {@code model.DriversModel.assumptions}. */
  public static final String SHARE = "available_share";

  public static final TableSpec TABLE = TableSpec.builder("forecast_drivers",
          "Where the drivers method's metal comes from, factor by factor, per country, metal and year.")
      .column(COUNTRY_CODE, DataTypes.StringType, "ISO 3166-1 alpha-3")
      .column(METAL, DataTypes.StringType, "canonical metal name")
      .column(YEAR, DataTypes.IntegerType, "year")
      .column(EWASTE_T, DataTypes.DoubleType, "e-waste generated, tonnes")
      .column(EWASTE_BASIS, DataTypes.StringType,
          "sales-lifespan (ewaste_generated, where the country has put-on-market data), published, or estimate"
              + " (nearest published year compounded at ewaste-growth-per-year)")
      .column(COLLECTION_RATE, DataTypes.DoubleType, "share formally collected (median of its distribution)")
      .column(CONTENT_G_PER_T, DataTypes.DoubleType, "metal content, grams per tonne of e-waste")
      .column(PREPROCESSING_YIELD, DataTypes.DoubleType, "share of the content reaching the smelter")
      .column(SMELTER_YIELD, DataTypes.DoubleType, "share recovered by the smelter")
      .column(MODEL_KG, DataTypes.DoubleType, "product of the factors above, kilograms")
      .column(CALIBRATION_FACTOR, DataTypes.DoubleType, "recorded / model over the recorded years")
      .column(CALIBRATION_BASIS, DataTypes.StringType,
          "records (own), pooled (geometric mean of calibrated countries) or none (1)")
      .column(RECOVERABLE_KG, DataTypes.DoubleType, "model_kg x calibration_factor, kilograms")
      .column(OBSERVED_KG, DataTypes.DoubleType, "recorded recovery that year, kilograms; null if none")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(COUNTRY_CODE, METAL, YEAR)
      .partitionedBy(SCENARIO)
      .build();

  private ForecastDriversTable() {}
}
