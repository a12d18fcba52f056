package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.reference.ReferenceText;

/**
 * Photovoltaic panels (UNU key 0002) put on the market, taken from the installed capacity that
 * Eurostat (and, at method version 1.2, IRENA's forecasts) report instead of from trade and
 * production statistics, as the Waste over Time model's script 03h does it (docs/waste-over-time.md,
 * 3.14): kg and pieces sold per country and year ({@code solar_panel_data.csv}), divided by the
 * inhabitants, flagged {@link PutOnMarket#PV_CAPACITY} (the model's 53, protected from the outlier
 * and smoothing rules).
 *
 * <p>Departures from the model, and quirks:
 *
 * <ul>
 *   <li>The model overwrites every 0002 row of every grid country, so that a year or a country
 *       without PV data becomes missing (NA, still flag 53). Here only the countries in the PV data
 *       (all 28 EU countries, in both files) are replaced, and only in the years the data cover
 *       (first to last year over all countries); a year in that span without a value for the
 *       country gets 0, not NA: Cyprus before 2006 (its stock is NA up to 2004 in the 1.1 file, so
 *       2005 has no difference; the 1.2 file starts with an NA in 2005), and at 1.2 the years
 *       2016-2021 of the countries without an IRENA forecast.
 *       In the model such an NA adds nothing to e-waste (04 drops it), so 0 gives the same
 *       e-waste, and a 0 does not leave a missing value for a later step to fill. Years outside
 *       the span (1980-1989 after the version 1.2 extension, which ramps 0002 from its
 *       introduction year 1990 and so leaves them 0) keep their values.
 *   <li>None: the 1.1 file's stocks are turned into sales from the year before's row, and a
 *       negative difference in kg sets kg and pieces to 0, testing kg only, as the model does.
 *       [QUIRK, followed] So 2008, when the files' weight of a panel goes from 12 to 20 kg, has
 *       negative pieces with positive kg in 7 countries of the 1.1 file (AUT DEU FIN GBR GRC NLD
 *       SWE), and the 1.2 file has 8 such rows of its own (those and LUX). It touches pieces only,
 *       not kg, and any other number of pieces would be made up here.
 * </ul>
 */
final class SolarPanels {
  static final String PV_PANELS = "0002";
  /** kg of PV panels sold in a country and year. */
  static final String KG = "kg";
  /** PV panels sold in a country and year (pieces). */
  static final String UNITS = "units";
  private static final String NA = "NA";
  private static final String HAS_SALES = "has_pv_sales";
  private static final String FIRST_YEAR = "first_pv_year";
  private static final String LAST_YEAR = "last_pv_year";

  private SolarPanels() {}

  /**
   * PV panels sold per country and year, {@code country_code, year, kg, units}, from the bundled
   * {@code solar_panel_data.csv} of method version {@code version}:
   *
   * <ul>
   *   <li>"1.1": the installed stock (lower-case country codes, with aggregates such as eu27), of
   *       which the three-letter codes are kept, upper-cased; sales(t) = stock(t) - stock(t - 1),
   *       so a country's first year has none; a negative sale in kg sets kg and units to 0.
   *   <li>"1.2": the sales as the file has them.
   * </ul>
   *
   * A country-year whose value is NA in the file has no row.
   */
  static Dataset<Row> sales(SparkSession spark, String version) {
    String location = MethodVersion.resource(version, "solar_panel_data.csv");
    Dataset<Row> sales;
    if (MethodVersion.isVersion11(version)) {
      StructType schema = new StructType().add("Country", DataTypes.StringType).add("Year", DataTypes.IntegerType)
          .add("stock_kg", DataTypes.StringType).add("stock_units", DataTypes.StringType);
      WindowSpec byYear = Window.partitionBy("Country").orderBy("Year");
      Column kg = number("stock_kg").minus(lag(number("stock_kg"), 1).over(byYear));
      Column units = number("stock_units").minus(lag(number("stock_units"), 1).over(byYear));
      sales = ReferenceText.csv(spark, location, schema)
          .where(col("Country").rlike("^[a-z]{3}$"))
          .select(upper(col("Country")).as(PutOnMarket.COUNTRY_CODE), col("Year").as(PutOnMarket.YEAR),
              kg.as(KG), units.as(UNITS))
          // A fall in the stock is no negative sale; the model tests kg only, for both.
          .withColumn(UNITS, when(col(KG).lt(0), lit(0.0)).otherwise(col(UNITS)))
          .withColumn(KG, when(col(KG).lt(0), lit(0.0)).otherwise(col(KG)));
    } else {
      StructType schema = new StructType().add("UNU_Key", DataTypes.StringType)
          .add("Country", DataTypes.StringType).add("Year", DataTypes.IntegerType)
          .add("kg", DataTypes.StringType).add("units", DataTypes.StringType);
      sales = ReferenceText.csv(spark, location, schema)
          .where(col("UNU_Key").equalTo(PV_PANELS))
          .select(col("Country").as(PutOnMarket.COUNTRY_CODE), col("Year").as(PutOnMarket.YEAR),
              number("kg").as(KG), number("units").as(UNITS));
    }
    return sales.where(col(KG).isNotNull().and(col(UNITS).isNotNull()));
  }

  /** A number of the file, R's NA as null (a plain cast of "NA" fails under ANSI SQL). */
  private static Column number(String column) {
    return when(col(column).equalTo(NA), lit(null).cast(DataTypes.DoubleType))
        .otherwise(col(column).cast(DataTypes.DoubleType));
  }

  /**
   * @param rows {@link PomSeries#SCHEMA} rows
   * @param sales {@code country_code, year, kg, units} ({@link #sales})
   * @return {@link PomSeries#SCHEMA} rows: key 0002 of the countries in {@code sales}, in the years
   *     from the first to the last year of {@code sales}, replaced by the sales per inhabitant (0
   *     where that country has no sales row); every other row as it was
   */
  static Dataset<Row> apply(Dataset<Row> rows, Dataset<Row> sales) {
    Dataset<Row> countries = sales.select(PutOnMarket.COUNTRY_CODE).distinct().withColumn(HAS_SALES, lit(true));
    Dataset<Row> span = sales.agg(min(PutOnMarket.YEAR).as(FIRST_YEAR), max(PutOnMarket.YEAR).as(LAST_YEAR));
    Dataset<Row> bySeries = sales.select(col(PutOnMarket.COUNTRY_CODE), col(PutOnMarket.YEAR), col(KG), col(UNITS));
    Column year = col(PutOnMarket.YEAR);
    Column replaced = col(PutOnMarket.UNU_KEY).equalTo(PV_PANELS).and(col(HAS_SALES).isNotNull())
        .and(year.between(col(FIRST_YEAR), col(LAST_YEAR)));
    Dataset<Row> out = rows
        .join(countries, new String[] {PutOnMarket.COUNTRY_CODE}, "left")
        .crossJoin(span)
        .join(bySeries, new String[] {PutOnMarket.COUNTRY_CODE, PutOnMarket.YEAR}, "left")
        .withColumn(PutOnMarket.KPI, when(replaced, coalesce(col(KG), lit(0.0)).divide(col(PutOnMarket.POPULATION)))
            .otherwise(col(PutOnMarket.KPI)))
        .withColumn(PutOnMarket.PPI, when(replaced, coalesce(col(UNITS), lit(0.0))
            .divide(col(PutOnMarket.POPULATION))).otherwise(col(PutOnMarket.PPI)))
        .withColumn(PutOnMarket.FLAG, when(replaced, lit(PutOnMarket.PV_CAPACITY)).otherwise(col(PutOnMarket.FLAG)));
    return out.select(PomSeries.columns());
  }
}
