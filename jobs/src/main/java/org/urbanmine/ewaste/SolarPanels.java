package org.urbanmine.ewaste;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
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
  /** {@link #sales} as a table: {@code country_code, year, kg, units}. */
  static final StructType SALES = new StructType().add(PutOnMarket.COUNTRY_CODE, DataTypes.StringType)
      .add(PutOnMarket.YEAR, DataTypes.IntegerType).add(KG, DataTypes.DoubleType).add(UNITS, DataTypes.DoubleType);
  private static final String NA = "NA";

  private SolarPanels() {}

  /** PV panels sold, per country and year {kg, units}, and the first and last year of them all. */
  record Sales(Map<String, Map<Integer, double[]>> byCountry, int firstYear, int lastYear) implements Serializable {
    /** The sales of {@link #SALES} rows. */
    static Sales of(List<Row> rows) {
      Map<String, Map<Integer, double[]>> byCountry = new HashMap<>();
      int first = Integer.MAX_VALUE;
      int last = Integer.MIN_VALUE;
      for (Row r : rows) {
        byCountry.computeIfAbsent(r.getString(0), c -> new HashMap<>()).put(r.getInt(1),
            new double[] {r.getDouble(2), r.getDouble(3)});
        first = Math.min(first, r.getInt(1));
        last = Math.max(last, r.getInt(1));
      }
      return new Sales(byCountry, first, last);
    }
  }

  /**
   * PV panels sold per country and year, as {@link #SALES} rows, from the bundled
   * {@code solar_panel_data.csv} of method version {@code version}, read on the driver (under
   * 1,100 lines):
   *
   * <ul>
   *   <li>"1.1": the installed stock (lower-case country codes, with aggregates such as eu27), of
   *       which the three-letter codes are kept, upper-cased; sales(t) = stock(t) - stock(t - 1),
   *       the year before's row, so a country's first year has none; a negative sale in kg sets kg
   *       and units to 0.
   *   <li>"1.2": the sales of key 0002 as the file has them.
   * </ul>
   *
   * A country-year whose value is NA in the file has no row.
   */
  static List<Row> salesRows(Configuration hadoop, String version) {
    List<String[]> lines = ReferenceText.rows(hadoop, MethodVersion.resource(version, "solar_panel_data.csv"));
    List<Row> sales = new ArrayList<>();
    if (!MethodVersion.isVersion11(version)) {
      // UNU_Key, Country, Year, kg, units
      for (String[] f : lines) {
        add(sales, f[0].equals(PV_PANELS) ? f[1] : null, f[2], number(f[3]), number(f[4]));
      }
      return sales;
    }
    // Country, Year, stock_kg, stock_units: each country's stocks by year, less the year before's.
    Map<String, List<String[]>> stocks = new java.util.TreeMap<>();
    for (String[] f : lines) {
      if (f[0].matches("[a-z]{3}")) {
        stocks.computeIfAbsent(f[0], c -> new ArrayList<>()).add(f);
      }
    }
    for (List<String[]> country : stocks.values()) {
      country.sort(Comparator.comparingInt(f -> Integer.parseInt(f[1].trim())));
      for (int i = 1; i < country.size(); i++) {
        String[] f = country.get(i);
        String[] before = country.get(i - 1);
        double kg = number(f[2]) - number(before[2]);
        double units = number(f[3]) - number(before[3]);
        // A fall in the stock is no negative sale; the model tests kg only, for both.
        add(sales, f[0].toUpperCase(java.util.Locale.ROOT), f[1], kg < 0 ? 0.0 : kg, kg < 0 ? 0.0 : units);
      }
    }
    return sales;
  }

  /** A sale of {@code country} (none where null) in {@code year}, where kg and units are known. */
  private static void add(List<Row> sales, String country, String year, double kg, double units) {
    if (country != null && !PomSeries.na(kg) && !PomSeries.na(units)) {
      sales.add(RowFactory.create(country, Integer.parseInt(year.trim()), kg, units));
    }
  }

  /** A number of the file, R's NA (or nothing) as NaN. */
  private static double number(String field) {
    return field.isEmpty() || field.equals(NA) ? Double.NaN : Double.parseDouble(field);
  }

  /** {@link #salesRows} as a table. */
  static Dataset<Row> sales(SparkSession spark, String version) {
    return spark.createDataFrame(salesRows(spark.sparkContext().hadoopConfiguration(), version), SALES);
  }

  /** {@link #salesRows} as {@link Sales}. */
  static Sales read(Configuration hadoop, String version) {
    return Sales.of(salesRows(hadoop, version));
  }

  /**
   * The PV data as a step over each series: key 0002 of the countries in {@code sales}, in the
   * years from the first to the last year of {@code sales}, replaced by the sales per inhabitant
   * (0 where that country has no sale that year); every other series as it was.
   */
  static PomSeries.Step step(Sales sales) {
    return s -> {
      Map<Integer, double[]> country = sales.byCountry().get(s.country);
      if (!s.key.equals(PV_PANELS) || country == null) {
        return;
      }
      for (int year = Math.max(sales.firstYear(), s.firstYear); year <= Math.min(sales.lastYear(), s.lastYear());
          year++) {
        double[] sold = country.getOrDefault(year, new double[] {0.0, 0.0});
        double population = s.population[s.index(year)];
        s.set(year, sold[0] / population, sold[1] / population, PutOnMarket.PV_CAPACITY);
      }
    };
  }
}
