package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.KeyValueGroupedDataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.tables.EwasteGeneratedTable;
import org.urbanmine.tables.MassBalanceTable;
import org.urbanmine.uncertainty.Lifespan;

/**
 * The Waste over Time model (Statistics Netherlands and UNU; the UNU e-waste statistics
 * guidelines' sales-lifespan method): the e-waste generated in year t from product type k is what
 * was put on the market in each earlier year y, times the share of that cohort discarded at age
 * t - y,
 *
 * <pre>  E_k(t) = sum over y &lt;= t of POM_k(y) x f_k(t - y + 0.5)</pre>
 *
 * <p>and the stock in use (or stored) is what each cohort has not yet discarded,
 * S_k(t) = sum over y &lt;= t of POM_k(y) x (1 - sum over a &lt;= t - y of f_k(a + 0.5)).
 * The two are computed along separate paths, cohort by cohort, so that the mass balance
 * (cumulative POM = stock + cumulative e-waste; {@link #massBalance}) checks the sums rather
 * than restating a definition. Each series (country and product type) is a plain Java loop over
 * its years and cohorts, run once per series inside Spark ({@link #generated}): the same
 * arithmetic, in the same order, as the Spark expressions it replaced (array functions over
 * years x years, which Spark could only interpret), bit for bit.
 *
 * <p>The midpoint densities of a continuous lifespan need not sum to exactly 1 over all ages
 * (for Weibull shape 2, scale 6.8 they sum to 1.0018), so a cohort's stock may end slightly
 * below 0 once it has all been discarded: the model's own approximation, kept as it is so that
 * the figures match the published model's.
 */
public final class WasteOverTime {
  public static final String COUNTRY_CODE = EwasteGeneratedTable.COUNTRY_CODE;
  public static final String UNU_KEY = EwasteGeneratedTable.UNU_KEY;
  public static final String YEAR = EwasteGeneratedTable.YEAR;
  public static final String POM_KG = EwasteGeneratedTable.POM_KG;
  public static final String EWASTE_KG = EwasteGeneratedTable.EWASTE_KG;
  public static final String STOCK_KG = EwasteGeneratedTable.STOCK_KG;
  public static final String CUMULATIVE_POM_KG = MassBalanceTable.CUMULATIVE_POM_KG;
  public static final String CUMULATIVE_EWASTE_KG = MassBalanceTable.CUMULATIVE_EWASTE_KG;
  public static final String RESIDUAL_KG = MassBalanceTable.RESIDUAL_KG;
  public static final String RELATIVE_RESIDUAL = MassBalanceTable.RELATIVE_RESIDUAL;

  private static final String[] PARAMETERS = {Lifespan.DISTRIBUTION, Lifespan.SHAPE, Lifespan.SCALE_YEARS,
      Lifespan.MEAN_YEARS, Lifespan.SD_YEARS};
  private static final double ROOT_TWO_PI = Math.sqrt(2 * Math.PI);

  private WasteOverTime() {}

  /**
   * E-waste generated and stock per country, product type and year, from the first year put on
   * the market to {@code lastYear}.
   *
   * @param pom {@code country_code, unu_key, year, pom_kg}: one row per year put on the market
   * @param lifespans {@code country_code, unu_key} and the parameter columns of
   *     {@link Lifespan#SCHEMA}: one row per country and product type
   * @return {@code country_code, unu_key, year, pom_kg} (0 in a year with no sales)
   *     {@code , ewaste_kg, stock_kg}
   */
  public static Dataset<Row> generated(Dataset<Row> pom, Dataset<Row> lifespans, int lastYear) {
    return generated(pom, lifespans, lastYear, List.of(), List.of());
  }

  /**
   * {@link #generated(Dataset, Dataset, int)}, each row also carrying {@code pomColumns} of its
   * year's row of {@code pom} (null in a year without one) and {@code seriesColumns} of its
   * series' row of {@code lifespans}: what would otherwise take a join back to either.
   */
  public static Dataset<Row> generated(Dataset<Row> pom, Dataset<Row> lifespans, int lastYear,
      List<String> pomColumns, List<String> seriesColumns) {
    return generated(pom, lifespans, lastYear, pomColumns, seriesColumns, Map.of());
  }

  /**
   * {@link #generated(Dataset, Dataset, int, List, List)}, each row also carrying, per entry of
   * {@code scaledLifespans} (column name to multiplier m, in the map's order), the e-waste the
   * series would generate that year if every lifespan were m times as long ({@link #scaled}):
   * what the Monte Carlo interpolates between to draw the lifespans.
   */
  public static Dataset<Row> generated(Dataset<Row> pom, Dataset<Row> lifespans, int lastYear,
      List<String> pomColumns, List<String> seriesColumns, Map<String, Double> scaledLifespans) {
    // A series' sales and its lifespan meet by key (a cogroup: one shuffle of each side, no
    // broadcast); series or lifespans with a null key, which a join would drop, are dropped.
    List<String> sales = new ArrayList<>(List.of(COUNTRY_CODE, UNU_KEY, YEAR, POM_KG));
    sales.addAll(pomColumns);
    List<String> parameters = new ArrayList<>(List.of(COUNTRY_CODE, UNU_KEY));
    parameters.addAll(List.of(PARAMETERS));
    parameters.addAll(seriesColumns);
    Column keyed = col(COUNTRY_CODE).isNotNull().and(col(UNU_KEY).isNotNull());
    Dataset<Row> salesRows = pom.filter(col(YEAR).leq(lastYear).and(keyed)).select(columns(sales));
    Dataset<Row> parameterRows = lifespans.filter(keyed).select(columns(parameters));
    StructType keySchema = new StructType().add(COUNTRY_CODE, DataTypes.StringType).add(UNU_KEY, DataTypes.StringType);
    KeyValueGroupedDataset<Row, Row> bySeries = salesRows.groupBy(col(COUNTRY_CODE), col(UNU_KEY))
        .as(Encoders.row(keySchema), Encoders.row(salesRows.schema()));
    KeyValueGroupedDataset<Row, Row> lifespanBySeries = parameterRows.groupBy(col(COUNTRY_CODE), col(UNU_KEY))
        .as(Encoders.row(keySchema), Encoders.row(parameterRows.schema()));
    StructType out = new StructType().add(COUNTRY_CODE, DataTypes.StringType).add(UNU_KEY, DataTypes.StringType)
        .add(YEAR, DataTypes.IntegerType).add(POM_KG, DataTypes.DoubleType).add(EWASTE_KG, DataTypes.DoubleType)
        .add(STOCK_KG, DataTypes.DoubleType);
    for (String c : pomColumns) {
      out = out.add(field(salesRows.schema(), c));
    }
    for (String c : seriesColumns) {
      out = out.add(field(parameterRows.schema(), c));
    }
    for (String c : scaledLifespans.keySet()) {
      out = out.add(c, DataTypes.DoubleType);
    }
    int carriedFromPom = pomColumns.size();
    int carriedFromSeries = seriesColumns.size();
    double[] multipliers = scaledLifespans.values().stream().mapToDouble(Double::doubleValue).toArray();
    return bySeries.cogroup(lifespanBySeries, (CoGroupFunction<Row, Row, Row, Row>) (key, years, lifespan) -> {
      List<Row> rows = new ArrayList<>();
      years.forEachRemaining(rows::add);
      List<Row> result = new ArrayList<>();
      while (lifespan.hasNext() && !rows.isEmpty()) {
        result.addAll(series(key, rows, lifespan.next(), lastYear, carriedFromPom, carriedFromSeries, multipliers));
      }
      return result.iterator();
    }, Encoders.row(out));
  }

  private static Column[] columns(List<String> names) {
    return names.stream().map(c -> col(c)).toArray(Column[]::new);
  }

  private static StructField field(StructType schema, String name) {
    StructField f = schema.apply(name);
    return new StructField(f.name(), f.dataType(), true, f.metadata());
  }

  /**
   * One series' rows: {@code rows} are its sales ({@code country_code, unu_key, year, pom_kg} and
   * the carried columns, any order), {@code lifespan} its parameters and carried columns.
   */
  private static List<Row> series(Row key, List<Row> rows, Row lifespan, int lastYear, int carriedFromPom,
      int carriedFromSeries, double[] multipliers) {
    int first = Integer.MAX_VALUE;
    for (Row r : rows) {
      first = Math.min(first, r.getInt(2));
    }
    int n = lastYear - first + 1;
    // The kg sold in each cohort (null in a year without sales) and the year's own row.
    Double[] sold = new Double[n];
    Row[] ofYear = new Row[n];
    for (Row r : rows) {
      int i = r.getInt(2) - first;
      if (ofYear[i] != null) {
        throw new IllegalStateException("two put-on-market rows for " + key.getString(0) + " key "
            + key.getString(1) + " in " + r.getInt(2));
      }
      ofYear[i] = r;
      sold[i] = r.isNullAt(3) ? null : r.getDouble(3);
    }
    Double[] share = shares(n, lifespan, 1.0);
    Double[][] scaledShares = new Double[multipliers.length][];
    for (int j = 0; j < multipliers.length; j++) {
      scaledShares[j] = shares(n, lifespan, multipliers[j]);
    }
    // Discarded by the end of each age: the running sum of the shares, in age order (null from
    // the first null share on).
    Double[] discardedSoFar = new Double[n];
    Double total = 0.0;
    for (int age = 0; age < n; age++) {
      total = total == null || share[age] == null ? null : total + share[age];
      discardedSoFar[age] = total;
    }
    List<Row> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double ewaste = discarded(sold, share, i);
      // Oldest cohort first, as the e-waste; a cohort without sales (or a null share) adds nothing.
      double stock = 0.0;
      for (int cohort = 0; cohort <= i; cohort++) {
        Double kg = sold[cohort];
        if (kg != null && discardedSoFar[i - cohort] != null) {
          stock = stock + kg * (1.0 - discardedSoFar[i - cohort]);
        }
      }
      Object[] values = new Object[6 + carriedFromPom + carriedFromSeries + multipliers.length];
      values[0] = key.getString(0);
      values[1] = key.getString(1);
      values[2] = first + i;
      values[3] = sold[i] == null ? 0.0 : sold[i];
      values[4] = ewaste;
      values[5] = stock;
      for (int c = 0; c < carriedFromPom; c++) {
        values[6 + c] = ofYear[i] == null ? null : ofYear[i].get(4 + c);
      }
      for (int c = 0; c < carriedFromSeries; c++) {
        values[6 + carriedFromPom + c] = lifespan.get(2 + PARAMETERS.length + c);
      }
      for (int j = 0; j < multipliers.length; j++) {
        values[6 + carriedFromPom + carriedFromSeries + j] = discarded(sold, scaledShares[j], i);
      }
      out.add(RowFactory.create(values));
    }
    return out;
  }

  /**
   * The e-waste of year index {@code i}: each cohort's sales x its share discarded at its age, oldest
   * first; a cohort without sales (or a null share) adds nothing.
   */
  private static double discarded(Double[] sold, Double[] share, int i) {
    double ewaste = 0.0;
    for (int cohort = 0; cohort <= i; cohort++) {
      if (sold[cohort] != null && share[i - cohort] != null) {
        ewaste = ewaste + sold[cohort] * share[i - cohort];
      }
    }
    return ewaste;
  }

  /** The discarded shares at ages 0 to n - 1 of a series' lifespan ({@link Lifespan#SCHEMA} row), scaled by {@code m}. */
  private static Double[] shares(int n, Row lifespan, double m) {
    Double[] share = new Double[n];
    Double[] p = scaled(lifespan.getString(2), nullable(lifespan, 3), nullable(lifespan, 4), nullable(lifespan, 5),
        nullable(lifespan, 6), m);
    for (int age = 0; age < n; age++) {
      share[age] = discardedShare(age, lifespan.getString(2), p[0], p[1], p[2], p[3]);
    }
    return share;
  }

  /**
   * The parameters (shape, scale, mean, sd) of m x L for a lifespan L: a Weibull's scale, a normal's or
   * log-normal's mean and sd times m (the same shape, the same coefficient of variation), a fixed
   * lifespan's years times m rounded to whole years; at m = 1, the parameters as they are.
   */
  static Double[] scaled(String distribution, Double shape, Double scale, Double mean, Double sd, double m) {
    if (m == 1.0) {
      return new Double[] {shape, scale, mean, sd};
    }
    return new Double[] {shape, scale == null ? null : scale * m,
        mean == null ? null : "fixed".equals(distribution) ? (double) Math.round(mean * m) : mean * m,
        sd == null ? null : sd * m};
  }

  private static Double nullable(Row r, int i) {
    return r.isNullAt(i) ? null : r.getDouble(i);
  }

  /**
   * The share of a cohort discarded at whole years of {@code age}, from a lifespan's parameters
   * ({@link Lifespan#SCHEMA}): f(age + 0.5) for the continuous distributions, 1 at the given age
   * for {@code fixed}; null for a distribution it does not know or a parameter it lacks. As Spark
   * evaluated {@code Lifespan.discardedShare}: StrictMath's functions, operations in the same
   * order, the logarithm of a number not above 0 null, a division by 0 an error.
   */
  static Double discardedShare(int age, String distribution, Double shape, Double scale, Double mean, Double sd) {
    if (distribution == null) {
      return null;
    }
    double x = (double) age + 0.5;
    switch (distribution) {
      case "weibull":
        if (shape == null || scale == null) {
          return null;
        }
        double xs = x / nonZero(scale);
        return shape / nonZero(scale) * StrictMath.pow(xs, shape - 1.0)
            * StrictMath.exp(StrictMath.pow(x / nonZero(scale), shape) * -1.0);
      case "normal":
        if (mean == null || sd == null) {
          return null;
        }
        return StrictMath.exp(StrictMath.pow(x - mean, 2.0) / nonZero(StrictMath.pow(sd, 2.0) * -2.0))
            / nonZero(sd * ROOT_TWO_PI);
      case "lognormal": {
        if (mean == null || sd == null) {
          return null;
        }
        Double sigma2 = log(1.0 + StrictMath.pow(sd / nonZero(mean), 2.0));
        Double logMean = log(mean);
        Double logX = log(x);
        if (sigma2 == null || logMean == null || logX == null) {
          return null;
        }
        double mu = logMean - sigma2 / 2.0;
        return StrictMath.exp(StrictMath.pow(logX - mu, 2.0) / nonZero(sigma2 * -2.0))
            / nonZero(x * Math.sqrt(sigma2) * ROOT_TWO_PI);
      }
      case "fixed":
        return mean != null && (double) age == mean ? 1.0 : 0.0;
      default:
        return null;
    }
  }

  /** Spark's natural logarithm: null for a number not above 0. */
  private static Double log(double v) {
    return v <= 0.0 ? null : StrictMath.log(v);
  }

  /** A divisor, which Spark (ANSI mode) refuses when it is 0. */
  private static double nonZero(double divisor) {
    if (divisor == 0.0) {
      throw new ArithmeticException("division by zero in a lifespan's discard share (a parameter of 0)");
    }
    return divisor;
  }

  /**
   * For each country, product type and year of {@link #generated}: cumulative POM, cumulative
   * e-waste, the stock, and the residual cumulative POM - stock - cumulative e-waste, absolute
   * and relative to cumulative POM (null where that is 0).
   */
  public static Dataset<Row> massBalance(Dataset<Row> generated) {
    WindowSpec toDate = Window.partitionBy(COUNTRY_CODE, UNU_KEY).orderBy(YEAR)
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Column residual = col(CUMULATIVE_POM_KG).minus(col(STOCK_KG)).minus(col(CUMULATIVE_EWASTE_KG));
    return generated
        .select(col(COUNTRY_CODE), col(UNU_KEY), col(YEAR), sum(POM_KG).over(toDate).as(CUMULATIVE_POM_KG),
            sum(EWASTE_KG).over(toDate).as(CUMULATIVE_EWASTE_KG), col(STOCK_KG))
        .withColumn(RESIDUAL_KG, residual)
        .withColumn(RELATIVE_RESIDUAL, org.apache.spark.sql.functions.when(col(CUMULATIVE_POM_KG).notEqual(0),
            col(RESIDUAL_KG).divide(col(CUMULATIVE_POM_KG))));
  }
}
