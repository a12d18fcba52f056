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
  public static final String CALIBRATION_LOG_SD = "calibration_log_sd";
  public static final String CALIBRATION_SPREAD_RULE = "calibration_spread_rule";
  public static final String RECOVERABLE_KG = "recoverable_kg";
  public static final String CONTAINED_KG = "contained_kg";
  public static final String CONTENT_RULE = "content_rule";
  public static final String CONTAINED_BY_CATEGORY_KG = "contained_by_category_kg";
  public static final String CONTAINED_BY_CATEGORY_KG_SHORTER_LIFESPANS = "contained_by_category_kg_shorter_lifespans";
  public static final String CONTAINED_BY_CATEGORY_KG_LONGER_LIFESPANS = "contained_by_category_kg_longer_lifespans";
  public static final String OBSERVED_KG = "observed_kg";
  public static final String REGION = "region";
  public static final String SUB_REGION = "sub_region";
  public static final String EWASTE_LOG_SD = "ewaste_log_sd";
  public static final String EWASTE_LAST_DATA_YEAR = "ewaste_last_data_year";
  public static final String EWASTE_RULE = "ewaste_rule";
  public static final String OWN_COLLECTION_RATE = "own_collection_rate";
  public static final String COLLECTION_BASIS = "collection_basis";
  public static final String BASIS = MetalForecastTable.BASIS;
  public static final String LAST_DATA_YEAR = MetalForecastTable.LAST_DATA_YEAR;
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
          "sales-lifespan (ewaste_generated, where the country has put-on-market data), published, interpolated"
              + " (between published years), extended (beyond them, along the purchasing-power line) or estimated"
              + " (from purchasing power per head: ewaste_fit)")
      .column(COLLECTION_RATE, DataTypes.DoubleType,
          "share formally collected that year under the scenario, every assumption at its median")
      .column(CONTENT_G_PER_T, DataTypes.DoubleType, "metal content, grams per tonne of the country's e-waste:"
          + " contained_kg / ewaste_t, so it follows the country's mix of products")
      .column(PREPROCESSING_YIELD, DataTypes.DoubleType, "share of the content reaching the smelter")
      .column(SMELTER_YIELD, DataTypes.DoubleType, "share recovered by the smelter")
      .column(MODEL_KG, DataTypes.DoubleType, "contained_kg x collection_rate x preprocessing_yield x smelter_yield,"
          + " kilograms: metal_in_ewaste.recoverable_kg where the country has put-on-market data (the audit checks it)")
      .column(CALIBRATION_FACTOR, DataTypes.DoubleType,
          "recorded / model over the recorded years, the model at the country's own rate")
      .column(CALIBRATION_BASIS, DataTypes.StringType,
          "records (own) or pooled (geometric mean of the calibrated countries' factors)")
      .column(CALIBRATION_LOG_SD, DataTypes.DoubleType, "log-scale sd the calibration factor is drawn with in the"
          + " Monte Carlo (exp(N(0, sd)) around calibration_factor)")
      .column(CALIBRATION_SPREAD_RULE, DataTypes.StringType, "where calibration_log_sd comes from: the country's own"
          + " yearly records, the calibrated countries' factors, or the stated prior")
      .column(RECOVERABLE_KG, DataTypes.DoubleType, "model_kg x calibration_factor, kilograms")
      .column(OBSERVED_KG, DataTypes.DoubleType, "recorded recovery that year, kilograms; null if none")
      .column(REGION, DataTypes.StringType, "UN M49 region")
      .column(SUB_REGION, DataTypes.StringType, "UN M49 sub-region")
      .column(EWASTE_LOG_SD, DataTypes.DoubleType,
          "spread of the e-waste estimate, log scale: each draw multiplies ewaste_t by exp(N(0, sd)); 0 when not estimated")
      .column(EWASTE_LAST_DATA_YEAR, DataTypes.IntegerType, "last year of the data ewaste_t rests on")
      .column(EWASTE_RULE, DataTypes.StringType, "how ewaste_t was made, with its inputs")
      .column(OWN_COLLECTION_RATE, DataTypes.DoubleType, "the country's own rate (collection_rates), before the scenario")
      .column(COLLECTION_BASIS, DataTypes.StringType, "published, converted, regional-default or world-default (collection_rates)")
      .column(BASIS, DataTypes.StringType, MetalForecastTable.BASIS_MEANING)
      .column(LAST_DATA_YEAR, DataTypes.IntegerType, "last year of the data the row rests on")
      .column(CONTAINED_KG, DataTypes.DoubleType, "metal contained in the e-waste, kilograms, every content at its"
          + " median: the sum over UNU keys of e-waste x content (model.MetalContent)")
      .column(CONTENT_RULE, DataTypes.StringType, "where contained_kg's mix of products comes from: the country's own"
          + " e-waste per UNU key (ewaste_generated), or the composition per tonne of the countries that have it")
      .column(CONTAINED_BY_CATEGORY_KG, DataTypes.createArrayType(DataTypes.DoubleType), "contained_kg by"
          + " collection category, in this order: temperature exchange equipment, screens and monitors, lamps, large"
          + " equipment, small equipment, small IT and telecommunication equipment (added in that order, they make"
          + " contained_kg)")
      .column(CONTAINED_BY_CATEGORY_KG_SHORTER_LIFESPANS, DataTypes.createArrayType(DataTypes.DoubleType),
          "contained_by_category_kg with every lifespan e^-sd times as long (ewaste_generated.ewaste_kg_shorter_lifespans;"
          + " sd = urbanmine.ewaste.lifespan-log-sd): a draw's lifespans are interpolated between this, the median and"
          + " the next column (docs/model.md, \"Lifespans in the draws\"); null where the country's e-waste does not"
          + " rest on the sales-lifespan model or its mix")
      .column(CONTAINED_BY_CATEGORY_KG_LONGER_LIFESPANS, DataTypes.createArrayType(DataTypes.DoubleType),
          "contained_by_category_kg with every lifespan e^sd times as long")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(COUNTRY_CODE, METAL, YEAR)
      .partitionedBy(SCENARIO)
      .build();

  private ForecastDriversTable() {}
}
