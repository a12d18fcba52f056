package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One country's put-on-market series of one UNU key, a value per year from {@link #firstYear}
 * without gaps, as the Waste over Time model's scripts hold it: kilograms and pieces per
 * inhabitant, and a flag per year saying how the value was made ({@link PutOnMarket}'s flag
 * constants; {@code null} for a year with no value and no rule yet). A missing value is
 * {@link Double#NaN}, as R's {@code NA}.
 *
 * <p>The model's steps that read a series by position (the year before, the two after, a chained
 * extension) are plain Java over these arrays ({@link Step}), run once per series inside Spark by
 * {@link #apply}: in SQL they would be a window per neighbour and a self-join per chained year.
 * The steps that compare countries or keys (stratum means, the stratum outlier rule, CRT monitors
 * from desktops) are plain Java too, over every series at once ({@link PomTable}).
 */
public final class PomSeries implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The rows a series is read from and written to, one per country, key and year. */
  public static final StructType SCHEMA = new StructType()
      .add(PutOnMarket.COUNTRY_CODE, DataTypes.StringType)
      .add(PutOnMarket.UNU_KEY, DataTypes.StringType)
      .add(PutOnMarket.YEAR, DataTypes.IntegerType)
      .add(PutOnMarket.STRATUM, DataTypes.IntegerType)
      .add(PutOnMarket.POPULATION, DataTypes.DoubleType)
      .add(PutOnMarket.PURCHASING_POWER, DataTypes.DoubleType)
      .add(PutOnMarket.KPI, DataTypes.DoubleType)
      .add(PutOnMarket.PPI, DataTypes.DoubleType)
      .add(PutOnMarket.FLAG, DataTypes.StringType)
      .add(PutOnMarket.REPORTED_KPI, DataTypes.DoubleType)
      .add(PutOnMarket.REPORTED_PPI, DataTypes.DoubleType);

  /** {@link #SCHEMA}'s columns, in order: what every step's rows are selected to. */
  public static Column[] columns() {
    return Arrays.stream(SCHEMA.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
  }

  /** The years of the data as read (the model's Y0 and YL), which several steps are defined by. */
  public record DataSpan(int first, int last) implements Serializable {}

  /** A step of the model that reads and changes one series at a time. */
  @FunctionalInterface
  public interface Step extends Serializable {
    /** Changes {@code series} in place. */
    void apply(PomSeries series);
  }

  public final String country;
  public final String key;
  /** Purchasing-power stratum 1-3; null for a country without one. */
  public final Integer stratum;
  public final int firstYear;
  /** Kilograms put on the market per inhabitant; NaN where missing. */
  public final double[] kpi;
  /** Pieces put on the market per inhabitant; NaN where missing. */
  public final double[] ppi;
  public final String[] flag;
  /** Inhabitants; NaN where unknown. */
  public final double[] population;
  /** Purchasing power per head; NaN where unknown. */
  public final double[] ppp;
  /** kg per inhabitant as reported, before any step (the model's {@code original}); NaN where none. */
  public final double[] reportedKpi;
  /** pieces per inhabitant as reported, before any step; NaN where none. */
  public final double[] reportedPpi;

  public PomSeries(String country, String key, Integer stratum, int firstYear, int years) {
    this.country = country;
    this.key = key;
    this.stratum = stratum;
    this.firstYear = firstYear;
    this.kpi = nans(years);
    this.ppi = nans(years);
    this.flag = new String[years];
    this.population = nans(years);
    this.ppp = nans(years);
    this.reportedKpi = nans(years);
    this.reportedPpi = nans(years);
  }

  private static double[] nans(int n) {
    double[] a = new double[n];
    Arrays.fill(a, Double.NaN);
    return a;
  }

  public int length() {
    return kpi.length;
  }

  public int lastYear() {
    return firstYear + kpi.length - 1;
  }

  /** The index of {@code year}, which must lie in the series. */
  public int index(int year) {
    if (year < firstYear || year > lastYear()) {
      throw new IllegalArgumentException(year + " is outside " + firstYear + "-" + lastYear());
    }
    return year - firstYear;
  }

  public int year(int index) {
    return firstYear + index;
  }

  /** kg per inhabitant in {@code year}; NaN where missing or outside the series. */
  public double kpiOf(int year) {
    return year < firstYear || year > lastYear() ? Double.NaN : kpi[year - firstYear];
  }

  /** pieces per inhabitant in {@code year}; NaN where missing or outside the series. */
  public double ppiOf(int year) {
    return year < firstYear || year > lastYear() ? Double.NaN : ppi[year - firstYear];
  }

  /** Sets kg and pieces per inhabitant of {@code year} and its flag. */
  public void set(int year, double kgPerPerson, double piecesPerPerson, String newFlag) {
    int i = index(year);
    kpi[i] = kgPerPerson;
    ppi[i] = piecesPerPerson;
    flag[i] = newFlag;
  }

  /** Whether {@code v} is R's NA (here NaN). */
  public static boolean na(double v) {
    return Double.isNaN(v);
  }

  /**
   * Runs {@code steps}, in order, on every series of {@code rows} ({@link #SCHEMA}'s columns; other
   * columns are dropped). A year missing between a series' first and last comes back as a row
   * of nulls. Each series is handled by one task; the data of a country's key
   * is a few dozen years.
   */
  public static Dataset<Row> apply(Dataset<Row> rows, Step... steps) {
    List<Step> all = List.of(steps);
    return apply(rows, new String[0], series -> all);
  }

  /** The steps of one series, chosen from the values its rows carry after {@link #SCHEMA}'s columns. */
  @FunctionalInterface
  public interface StepsOf extends Serializable {
    /** {@code row}: one row of the series, {@link #SCHEMA}'s columns then the series' own. */
    List<Step> of(Row row);
  }

  /**
   * As {@link #apply(Dataset, Step...)}, with each series' steps chosen by {@code steps} from
   * {@code seriesColumns}, values every row of a series holds alike (a fit of its key, joined
   * on): what a step needs from outside its series comes with the rows, not as a value collected
   * to the driver first.
   */
  public static Dataset<Row> apply(Dataset<Row> rows, String[] seriesColumns, StepsOf steps) {
    Column[] in = Arrays.copyOf(columns(), SCHEMA.size() + seriesColumns.length);
    for (int i = 0; i < seriesColumns.length; i++) {
      in[SCHEMA.size() + i] = col(seriesColumns[i]);
    }
    return rows.select(in)
        .groupByKey((MapFunction<Row, String>) r -> r.getString(0) + "\u0000" + r.getString(1), Encoders.STRING())
        .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (k, it) -> {
          List<Row> list = new ArrayList<>();
          it.forEachRemaining(list::add);
          PomSeries s = fromRows(list);
          for (Step step : steps.of(list.get(0))) {
            step.apply(s);
          }
          return s.toRows().iterator();
        }, Encoders.row(SCHEMA));
  }

  /** A series from its rows (any order, {@link #SCHEMA}'s columns first). */
  public static PomSeries fromRows(List<Row> list) {
    int first = Integer.MAX_VALUE;
    int last = Integer.MIN_VALUE;
    for (Row r : list) {
      first = Math.min(first, r.getInt(2));
      last = Math.max(last, r.getInt(2));
    }
    Row head = list.get(0);
    PomSeries s = new PomSeries(head.getString(0), head.getString(1), head.isNullAt(3) ? null : head.getInt(3),
        first, last - first + 1);
    for (Row r : list) {
      int i = r.getInt(2) - first;
      s.population[i] = value(r, 4);
      s.ppp[i] = value(r, 5);
      s.kpi[i] = value(r, 6);
      s.ppi[i] = value(r, 7);
      s.flag[i] = r.isNullAt(8) ? null : r.getString(8);
      s.reportedKpi[i] = value(r, 9);
      s.reportedPpi[i] = value(r, 10);
    }
    return s;
  }

  private static double value(Row r, int i) {
    return r.isNullAt(i) ? Double.NaN : r.getDouble(i);
  }

  private static Double nullable(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
  }

  /** One row per year, NaN (and R's NaN and Inf) as null. */
  public List<Row> toRows() {
    List<Row> out = new ArrayList<>(length());
    for (int i = 0; i < length(); i++) {
      out.add(RowFactory.create(country, key, year(i), stratum, nullable(population[i]), nullable(ppp[i]),
          nullable(kpi[i]), nullable(ppi[i]), flag[i], nullable(reportedKpi[i]), nullable(reportedPpi[i])));
    }
    return out;
  }
}
