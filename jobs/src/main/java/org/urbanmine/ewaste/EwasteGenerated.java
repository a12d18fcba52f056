package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.urbanmine.tables.TableSpec;

/**
 * {@code ewaste_generated}: per country, UNU key and year, what was put on the market (cleaned
 * and extended, {@link PutOnMarket}), the e-waste that became of it and the stock still in use
 * ({@link WasteOverTime}), with the flag of each put-on-market value.
 */
public final class EwasteGenerated {
  public static final String COUNTRY_CODE = WasteOverTime.COUNTRY_CODE;
  public static final String UNU_KEY = WasteOverTime.UNU_KEY;
  public static final String COLLECTION_CATEGORY = "collection_category";
  public static final String YEAR = WasteOverTime.YEAR;
  public static final String POM_KG = WasteOverTime.POM_KG;
  public static final String EWASTE_KG = WasteOverTime.EWASTE_KG;
  public static final String STOCK_KG = WasteOverTime.STOCK_KG;
  public static final String EWASTE_KG_PER_PERSON = "ewaste_kg_per_person";
  public static final String FLAGS = "flags";
  public static final String SCENARIO = TableSpec.SCENARIO;

  public static final TableSpec TABLE = TableSpec.builder("ewaste_generated",
          "Put on market, e-waste generated and stock per country, UNU key and year (the sales-lifespan model).")
      .column(COUNTRY_CODE, DataTypes.StringType, "ISO 3166-1 alpha-3")
      .column(UNU_KEY, DataTypes.StringType, "UNU key: one of 54 product types of electrical and electronic equipment")
      .column(COLLECTION_CATEGORY, DataTypes.StringType, "EU WEEE Annex III category of the key, e.g. Small IT and telecommunication equipment")
      .column(YEAR, DataTypes.IntegerType, "year")
      .column(POM_KG, DataTypes.DoubleType, "put on the market that year, kilograms; how it was made is in flags")
      .column(EWASTE_KG, DataTypes.DoubleType, "e-waste generated that year from every earlier year's sales, kilograms")
      .column(STOCK_KG, DataTypes.DoubleType, "still in use or stored at the end of the year, kilograms (may dip below 0 once a cohort is all discarded: the model's midpoint densities sum to slightly over 1)")
      .column(EWASTE_KG_PER_PERSON, DataTypes.DoubleType, "ewaste_kg / inhabitants (the last known population after the population table ends)")
      .column(FLAGS, DataTypes.StringType, "pom_kg: reported, outlier_replaced, stratum_outlier_replaced, interpolated, nearest_reported or extrapolated")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .mayBeNegative(STOCK_KG)
      .key(COUNTRY_CODE, UNU_KEY, YEAR)
      .partitionedBy(SCENARIO)
      .build();

  private EwasteGenerated() {}

  /**
   * @param pom {@link PutOnMarket#extend}ed series
   * @param generated {@link WasteOverTime#generated} of them
   * @param keys {@code unu_key, collection_category}
   */
  public static Dataset<Row> of(Dataset<Row> pom, Dataset<Row> generated, Dataset<Row> keys) {
    return generated
        .join(pom.select(COUNTRY_CODE, UNU_KEY, YEAR, PutOnMarket.POPULATION, PutOnMarket.FLAG),
            new String[] {COUNTRY_CODE, UNU_KEY, YEAR}, "left")
        .join(keys.select(UNU_KEY, COLLECTION_CATEGORY), new String[] {UNU_KEY}, "left")
        .withColumn(EWASTE_KG_PER_PERSON, col(EWASTE_KG).divide(col(PutOnMarket.POPULATION)))
        .withColumn(FLAGS, col(PutOnMarket.FLAG));
  }
}
