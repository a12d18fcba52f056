package org.urbanmine.tables;

import org.apache.spark.sql.types.DataTypes;
import org.urbanmine.uncertainty.Lifespan;

/**
 * The table specification of {@code lifespan_parameters}: its columns, key and partitions. Written
 * by {@code ewaste.LifespanParameters}, tested in {@code EwasteJobTest}; other stages read the
 * table through this class only.
 */
public final class LifespanParametersTable {
  public static final String COUNTRY_CODE = EwasteGeneratedTable.COUNTRY_CODE;
  public static final String UNU_KEY = EwasteGeneratedTable.UNU_KEY;
  public static final String SOURCE = "source";

  public static final TableSpec TABLE = TableSpec.builder("lifespan_parameters",
          "The lifespan distribution used per country and UNU key, and where it came from.")
      .column(COUNTRY_CODE, DataTypes.StringType, "ISO 3166-1 alpha-3")
      .column(UNU_KEY, DataTypes.StringType, "UNU key")
      .column(Lifespan.DISTRIBUTION, DataTypes.StringType, "weibull, fixed, normal or lognormal")
      .column(Lifespan.SHAPE, DataTypes.DoubleType, "Weibull shape (k); null for the others")
      .column(Lifespan.SCALE_YEARS, DataTypes.DoubleType, "Weibull scale (lambda), years; null for the others")
      .column(Lifespan.MEAN_YEARS, DataTypes.DoubleType, "mean lifespan of normal and lognormal, years; the lifespan of fixed")
      .column(Lifespan.SD_YEARS, DataTypes.DoubleType, "standard deviation of the lifespan (normal, lognormal), years")
      .column(SOURCE, DataTypes.StringType, "the bundled default's source, or the configuration key that set it")
      .column(TableSpec.SCENARIO, DataTypes.StringType, TableSpec.SCENARIO_MEANING)
      .key(COUNTRY_CODE, UNU_KEY)
      .partitionedBy(TableSpec.SCENARIO)
      .build();

  private LifespanParametersTable() {}
}
