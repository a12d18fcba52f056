package org.urbanmine.input;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Population and purchasing power per head per country and year, the national statistics that
 * more than one stage reads: the sales-lifespan model ({@code ewaste}) and the e-waste estimate
 * for every country ({@code forecast}). Both files have the columns {@code Country, Year, Value}
 * (ISO 3166-1 alpha-3, year, value; {@code NA} where unknown, see {@link CsvInput}).
 */
public final class NationalStatistics {
  public static final String COUNTRY_CODE = "country_code";
  public static final String YEAR = "year";
  /** Inhabitants. */
  public static final String POPULATION = "population";
  /** Purchasing power per head (the source's "ppp ph17"). */
  public static final String PURCHASING_POWER = "purchasing_power";

  /** The columns of both files as published. */
  public static final StructType SCHEMA = new StructType()
      .add("Country", DataTypes.StringType).add("Year", DataTypes.IntegerType).add("Value", DataTypes.DoubleType);

  private NationalStatistics() {}

  /**
   * The population CSV ({@code urbanmine.ewaste.population}) as {@code country_code, year,
   * population}, without its missing values (and without zeros, which no country has and a
   * per-person figure cannot divide by).
   */
  public static Dataset<Row> readPopulation(SparkSession spark, String path) {
    return CsvInput.read(spark, path, "urbanmine.ewaste.population", SCHEMA)
        .select(col("Country").as(COUNTRY_CODE), col("Year").as(YEAR), col("Value").as(POPULATION))
        .filter(col(POPULATION).gt(0));
  }

  /**
   * The purchasing-power CSV ({@code urbanmine.ewaste.purchasing-power}, per head) as
   * {@code country_code, year, purchasing_power}, without its missing values.
   */
  public static Dataset<Row> readPurchasingPower(SparkSession spark, String path) {
    return CsvInput.read(spark, path, "urbanmine.ewaste.purchasing-power", SCHEMA)
        .select(col("Country").as(COUNTRY_CODE), col("Year").as(YEAR), col("Value").as(PURCHASING_POWER))
        .filter(col(PURCHASING_POWER).isNotNull());
  }
}
