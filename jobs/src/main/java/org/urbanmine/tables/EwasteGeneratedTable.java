package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;

/**
 * The table specification of {@code ewaste_generated}: its columns, key and partitions. Written by
 * {@code ewaste.EwasteGenerated}, tested in {@code EwasteJobTest} and {@code WasteOverTimeTest};
 * other stages read the table through this class only.
 */
public final class EwasteGeneratedTable {
  public static final String COUNTRY_CODE = "country_code";
  public static final String UNU_KEY = "unu_key";
  public static final String COLLECTION_CATEGORY = "collection_category";
  public static final String YEAR = "year";
  public static final String POM_KG = "pom_kg";
  public static final String EWASTE_KG = "ewaste_kg";
  public static final String STOCK_KG = "stock_kg";
  public static final String EWASTE_KG_PER_PERSON = "ewaste_kg_per_person";
  public static final String FLAGS = "flags";
  /** ewaste_kg with every lifespan e^-sd times as long (sd: urbanmine.ewaste.lifespan-log-sd). */
  public static final String EWASTE_KG_SHORTER_LIFESPANS = "ewaste_kg_shorter_lifespans";
  /** ... and e^sd times as long. */
  public static final String EWASTE_KG_LONGER_LIFESPANS = "ewaste_kg_longer_lifespans";
  public static final String SCENARIO = TableSpec.SCENARIO;
  /** The flag of put-on-market values after the last year of data, extended to the horizon. */
  public static final String EXTRAPOLATED = "extrapolated";

  public static final TableSpec TABLE = TableSpec.builder("ewaste_generated",
          "Put on market, e-waste generated and stock per country, UNU key and year (the sales-lifespan model).")
      .column(COUNTRY_CODE, DataTypes.StringType, "ISO 3166-1 alpha-3")
      .column(UNU_KEY, DataTypes.StringType, "UNU key: one of 54 product types of electrical and electronic equipment")
      .column(COLLECTION_CATEGORY, DataTypes.StringType, "EU WEEE Annex III category of the key, e.g. Small IT and telecommunication equipment")
      .column(YEAR, DataTypes.IntegerType, "year")
      .column(POM_KG, DataTypes.DoubleType, "put on the market that year, kilograms; how it was made is in flags (0 where flags is missing)")
      .column(EWASTE_KG, DataTypes.DoubleType, "e-waste generated that year from every earlier year's sales, kilograms")
      .column(STOCK_KG, DataTypes.DoubleType, "still in use or stored at the end of the year, kilograms (may dip below 0 once a cohort is all discarded: the model's midpoint densities sum to slightly over 1)")
      .column(EWASTE_KG_PER_PERSON, DataTypes.DoubleType, "ewaste_kg / inhabitants (the last known population after the population table ends)")
      .column(FLAGS, DataTypes.StringType, "how pom_kg was made (docs/waste-over-time.md): reported, manual_correction,"
              + " market_knowledge, pv_capacity_data, crt_monitors_rebuilt; removed and re-estimated: outlier_replaced,"
              + " stratum_outlier_replaced, above_cap_replaced, smoothed; missing and estimated: interpolated,"
              + " stratum_estimate, nearest_reported; beyond the data: extended_backwards, extrapolated; or missing"
              + " (no rule estimates it: pom_kg is 0, as the model adds nothing for it)")
      .column(EWASTE_KG_SHORTER_LIFESPANS, DataTypes.DoubleType, "ewaste_kg if every lifespan were e^-sd times as long,"
          + " sd = urbanmine.ewaste.lifespan-log-sd (0.17: 0.84 times); the Monte Carlo draws the lifespans between"
          + " this, ewaste_kg and the next column (docs/model.md, \"Lifespans in the draws\")")
      .column(EWASTE_KG_LONGER_LIFESPANS, DataTypes.DoubleType, "ewaste_kg if every lifespan were e^sd times as long (0.17: 1.19 times)")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .mayBeNegative(STOCK_KG)
      .key(COUNTRY_CODE, UNU_KEY, YEAR)
      .partitionedBy(SCENARIO)
      .build();

  private EwasteGeneratedTable() {}
}
