package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;
import org.urbanmine.reference.CollectionRates;

/**
 * The table specification of {@code collection_rates}: its columns, key and partitions. Its rows
 * are {@code reference.CollectionRates.perCountry}, tested in {@code CollectionRatesTest}; other
 * stages read the table through this class only.
 */
public final class CollectionRatesTable {
  public static final String COUNTRY_CODE = CollectionRates.COUNTRY_CODE;
  public static final String COLLECTION_RATE = CollectionRates.COLLECTION_RATE;
  public static final String COLLECTION_BASIS = CollectionRates.COLLECTION_BASIS;
  public static final String COLLECTION_MEASURE = CollectionRates.COLLECTION_MEASURE;
  public static final String COLLECTION_YEAR = CollectionRates.COLLECTION_YEAR;
  public static final String COLLECTION_SOURCE = CollectionRates.COLLECTION_SOURCE;
  public static final String SCENARIO = TableSpec.SCENARIO;

  public static final TableSpec TABLE = TableSpec.builder("collection_rates",
          "Each ISO country's documented formal collection rate, as a share of its e-waste generated, and where it"
              + " comes from (reference/collection-rates.csv).")
      .column(COUNTRY_CODE, DataTypes.StringType, "ISO 3166-1 alpha-3")
      .column(COLLECTION_RATE, DataTypes.DoubleType,
          "share of the e-waste generated that is documented as formally collected (0-1); null where the basis is none")
      .column(COLLECTION_BASIS, DataTypes.StringType,
          "published (the country's own share of e-waste generated), converted (its own EU-measure rate x mean put"
              + " on the market in the three preceding years / e-waste generated that year), regional-default (its"
              + " UN M49 sub-region's rate, else its region's), world-default, or none (no rate: the reference has no"
              + " world row)")
      .column(COLLECTION_MEASURE, DataTypes.StringType,
          "what the figure the rate comes from divides by: generated (Global E-waste Monitor) or put-on-market-3y"
              + " (Eurostat: the average put on the market in the three preceding years)")
      .column(COLLECTION_YEAR, DataTypes.IntegerType, "year the figure the rate comes from refers to")
      .column(COLLECTION_SOURCE, DataTypes.StringType,
          "citation of the figure, and the arithmetic where it was converted")
      .column(SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(COUNTRY_CODE)
      .partitionedBy(SCENARIO)
      .build();

  private CollectionRatesTable() {}
}
