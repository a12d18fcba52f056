package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code metal_in_ewaste}: its columns, key and partitions. Written by
 * {@code ewaste.MetalInEwaste}, tested in {@code EwasteJobTest}; other stages read the table
 * through this class only.
 */
public final class MetalInEwasteTable {
  public static final String COUNTRY_CODE = EwasteGeneratedTable.COUNTRY_CODE;
  public static final String YEAR = EwasteGeneratedTable.YEAR;
  public static final String METAL = "metal";
  public static final String CONTAINED_KG = "contained_kg";
  public static final String ASSUMED_CONTENT_SHARE = "assumed_content_share";
  public static final String RECOVERABLE_KG = "recoverable_kg";

  public static final TableSpec TABLE = TableSpec.builder("metal_in_ewaste",
          "Metal contained in each country's e-waste generated per year, and what the scenario's recycling chain recovers of it.")
      .column(COUNTRY_CODE, DataTypes.StringType, "ISO 3166-1 alpha-3")
      .column(YEAR, DataTypes.IntegerType, "year")
      .column(METAL, DataTypes.StringType, "canonical metal name")
      .column(CONTAINED_KG, DataTypes.DoubleType, "sum over UNU keys of ewaste_kg x metal content, kilograms")
      .column(ASSUMED_CONTENT_SHARE, DataTypes.DoubleType, "share of contained_kg from UNU keys without a published figure of their own, which take their collection category's (urbanmine.drivers.metal-content)")
      .column(ForecastDriversTable.COLLECTION_RATE, DataTypes.DoubleType, "share formally collected (median of its distribution)")
      .column(ForecastDriversTable.PREPROCESSING_YIELD, DataTypes.DoubleType, "share of the content reaching the smelter")
      .column(ForecastDriversTable.SMELTER_YIELD, DataTypes.DoubleType, "share recovered by the smelter")
      .column(RECOVERABLE_KG, DataTypes.DoubleType, "contained_kg x collection_rate x preprocessing_yield x smelter_yield, kilograms")
      .column(TableSpec.SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(COUNTRY_CODE, YEAR, METAL)
      .partitionedBy(TableSpec.SCENARIO)
      .build();

  private MetalInEwasteTable() {}
}
