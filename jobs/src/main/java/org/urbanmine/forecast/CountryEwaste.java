package org.urbanmine.forecast;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
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
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.urbanmine.input.NationalStatistics;
import org.urbanmine.model.DriversModel;
import org.urbanmine.model.OrderedSum;
import org.urbanmine.tables.CountryCoverageTable;
import org.urbanmine.tables.EwasteFitTable;
import org.urbanmine.tables.ForecastDriversTable;

/**
 * E-waste generated, in tonnes, for every country with population data, each value labelled with
 * what it rests on ({@code ewaste_basis}):
 *
 * <ol>
 *   <li>{@value #SALES_LIFESPAN}: the sales-lifespan model's tonnes, where the country has
 *       put-on-market data.
 *   <li>{@value #PUBLISHED}, {@value #INTERPOLATED}, {@value #EXTENDED}: a country with published
 *       national totals (and no put-on-market data) follows its own series. Its kg per person
 *       (published tonnes over the population of that year) is interpolated linearly between two
 *       published years; before the first and after the last, the nearest published year's kg per
 *       person moves with the fitted line below: x (PPP_t / PPP_p)^b, b its slope. Never the
 *       world's growth applied to everyone.
 *   <li>{@value #ESTIMATED}: every other country with population and purchasing power per head:
 *       kg per person = exp(a + b ln PPP), the line {@link #fit} fits on the countries above.
 * </ol>
 *
 * <p>Population and purchasing power end in 2021 in the sample data (Syria's in 2010): a year
 * after a country's last known value holds that value (a year before its first, the first), and
 * every row that uses another year's value says so in its {@code ewaste_rule}. After the country's last year of purchasing power (of population, where
 * it has none), kg per person is compounded at {@code growthAfterData} a year; 0 holds it.
 *
 * <p>Each row also gives {@code ewaste_log_sd}, the spread of ln(tonnes) that a Monte Carlo draws
 * per country ({@code exp(N(0, sd))}): the fit's residual standard deviation for estimated rows,
 * 0 for the others; and {@code last_data_year}, the latest year among the country's own inputs
 * that the value uses, so that {@code year - last_data_year} is how far it is carried beyond them:
 * <ul>
 *   <li>sales-lifespan: the year, at most the last year of put-on-market data (the year before
 *       {@code first_year} where {@code modelled} has that column, as
 *       {@link DriversModel#modelledEwaste} gives it; else the country's last population year, the
 *       data the model's extension rests on);
 *   <li>published: the year itself; interpolated: the next published year; extended: the later of
 *       the published year it starts from and the population and PPP years it uses;
 *   <li>estimated: the later of the population and PPP years it uses (the fit's own data are the
 *       other countries', in {@code ewaste_fit}).
 * </ul>
 */
public final class CountryEwaste {
  public static final String COUNTRY_CODE = ForecastDriversTable.COUNTRY_CODE;
  public static final String YEAR = ForecastDriversTable.YEAR;
  public static final String EWASTE_T = ForecastDriversTable.EWASTE_T;
  public static final String EWASTE_BASIS = ForecastDriversTable.EWASTE_BASIS;
  /** Standard deviation of ln(tonnes) a Monte Carlo draws per country; 0 where the value is not estimated. */
  public static final String EWASTE_LOG_SD = "ewaste_log_sd";
  /** The latest year of the country's own inputs the value uses. */
  public static final String LAST_DATA_YEAR = "last_data_year";
  /** The rule and its inputs, in words. */
  public static final String EWASTE_RULE = "ewaste_rule";
  /** In {@code modelled}, where present: the first year after the country's put-on-market data. */
  public static final String FIRST_YEAR = "first_year";
  public static final String SOURCE = "source";

  public static final String SALES_LIFESPAN = DriversModel.SALES_LIFESPAN;
  public static final String PUBLISHED = DriversModel.PUBLISHED;
  public static final String INTERPOLATED = "interpolated";
  public static final String EXTENDED = "extended";
  public static final String ESTIMATED = "estimated";

  public static final String NO_POPULATION = "no population data in urbanmine.ewaste.population";
  public static final String NO_PURCHASING_POWER = "population but no purchasing power per head in"
      + " urbanmine.ewaste.purchasing-power, and no modelled or published e-waste: cannot be estimated";
  public static final String NO_FIT = "no line to estimate from: no country with population and purchasing power"
      + " has modelled or published e-waste";

  private static final String POPULATION = NationalStatistics.POPULATION;
  private static final String PPP = NationalStatistics.PURCHASING_POWER;
  private static final String POPULATION_YEAR = "population_year";
  private static final String PPP_YEAR = "ppp_year";
  private static final String LAST_POPULATION_YEAR = "last_population_year";
  private static final String LAST_PPP_YEAR = "last_ppp_year";
  private static final String PUBLISHED_T = "published_t";
  private static final String KG_PER_PERSON = "kg_per_person";
  private static final String X = EwasteFitTable.LN_PPP;
  private static final String Y = EwasteFitTable.LN_KG_PER_PERSON;

  private CountryEwaste() {}

  /**
   * The line ln(kg per person) = a + b ln(PPP per head), ordinary least squares with one point per
   * country that has modelled or published e-waste: the means of ln(kg per person) and ln(PPP) over
   * its years, so that 28 modelled series do not outweigh five published countries by their years.
   * A modelled country's years are those from {@code firstYear} with e-waste, population and PPP
   * (so none after the PPP data end); a published country's are its published years from
   * {@code firstYear}, not the interpolated ones, a year after its population or PPP data with the
   * last known values (the national totals of 2022 would otherwise be lost to data that end in
   * 2021). Rows as {@link EwasteFitTable} without the scenario: each point with its fitted value,
   * residual, leverage h and leave-one-country-out error e / (1 - h), and on every row the
   * intercept, slope, residual standard deviation (n - 2 degrees of freedom), n and the
   * leave-one-country-out root mean square error. All sums are added in country order
   * ({@link OrderedSum}), so a rerun gives the same bits.
   *
   * @param modelled {@code country_code, year, ewaste_t} of the sales-lifespan model
   * @param published {@code country_code, year, ewaste_t} (and more) of published national totals
   * @param population {@code country_code, year, population}
   * @param purchasingPower {@code country_code, year, purchasing_power} per head
   */
  public static Dataset<Row> fit(Dataset<Row> modelled, Dataset<Row> published, Dataset<Row> population,
      Dataset<Row> purchasingPower, int firstYear) {
    Dataset<Row> modelledPoints = modelled.select(COUNTRY_CODE, YEAR, EWASTE_T)
        .filter(col(YEAR).geq(firstYear).and(col(EWASTE_T).gt(0)))
        .join(population.select(COUNTRY_CODE, YEAR, POPULATION), new String[] {COUNTRY_CODE, YEAR})
        .join(purchasingPower.select(COUNTRY_CODE, YEAR, PPP), new String[] {COUNTRY_CODE, YEAR})
        .select(col(COUNTRY_CODE), lit(SALES_LIFESPAN).as(EwasteFitTable.BASIS), col(YEAR), col(EWASTE_T),
            col(POPULATION), col(PPP), col(YEAR).cast("string").as("token"));
    Dataset<Row> publishedPoints = onlyPublished(published, modelled)
        .filter(col(YEAR).geq(firstYear).and(col(EWASTE_T).gt(0)))
        .join(statistics(population, purchasingPower, published, firstYear, firstYear),
            new String[] {COUNTRY_CODE, YEAR})
        .filter(col(PPP).isNotNull())
        .select(col(COUNTRY_CODE), lit(PUBLISHED).as(EwasteFitTable.BASIS), col(YEAR), col(EWASTE_T), col(POPULATION),
            col(PPP), concat(col(YEAR).cast("string"), heldInputs(col(YEAR), col(POPULATION_YEAR), col(PPP_YEAR)))
                .as("token"));
    Dataset<Row> points = modelledPoints.unionByName(publishedPoints)
        .withColumn(X, log(col(PPP)))
        .withColumn(Y, log(col(EWASTE_T).multiply(1000).divide(col(POPULATION))))
        .groupBy(COUNTRY_CODE, EwasteFitTable.BASIS)
        .agg(count(lit(1)).cast("int").as(EwasteFitTable.YEAR_COUNT),
            OrderedSum.of(col(YEAR), col(X)).as("sum_x"), OrderedSum.of(col(YEAR), col(Y)).as("sum_y"),
            sort_array(collect_list(struct(col(YEAR), col("token")))).as("tokens"))
        .select(col(COUNTRY_CODE), col(EwasteFitTable.BASIS),
            array_join(transform(col("tokens"), t -> t.getField("token")), ", ").as(EwasteFitTable.YEARS_USED),
            col(EwasteFitTable.YEAR_COUNT),
            col("sum_x").divide(col(EwasteFitTable.YEAR_COUNT)).as(X),
            col("sum_y").divide(col(EwasteFitTable.YEAR_COUNT)).as(Y));

    // The line from some 30 points: plain Java in one group, not four passes of the points' plan.
    return points.groupByKey((MapFunction<Row, Integer>) r -> 0, Encoders.INT())
        .flatMapGroups((FlatMapGroupsFunction<Integer, Row, Row>) (key, rows) -> line(rows), Encoders.row(FIT_SCHEMA));
  }

  /** {@link #fit}'s rows, in {@link EwasteFitTable}'s order (the scenario aside) and with its nullability. */
  private static final StructType FIT_SCHEMA = new StructType()
      .add(COUNTRY_CODE, DataTypes.StringType).add(EwasteFitTable.BASIS, DataTypes.StringType, false)
      .add(EwasteFitTable.YEARS_USED, DataTypes.StringType, false)
      .add(EwasteFitTable.YEAR_COUNT, DataTypes.IntegerType, false).add(X, DataTypes.DoubleType)
      .add(Y, DataTypes.DoubleType).add(EwasteFitTable.FITTED, DataTypes.DoubleType)
      .add(EwasteFitTable.RESIDUAL, DataTypes.DoubleType).add(EwasteFitTable.LEVERAGE, DataTypes.DoubleType)
      .add(EwasteFitTable.LOO_FITTED, DataTypes.DoubleType).add(EwasteFitTable.LOO_ERROR, DataTypes.DoubleType)
      .add(EwasteFitTable.INTERCEPT, DataTypes.DoubleType).add(EwasteFitTable.SLOPE, DataTypes.DoubleType)
      .add(EwasteFitTable.RESIDUAL_SD, DataTypes.DoubleType)
      .add(EwasteFitTable.COUNTRY_COUNT, DataTypes.IntegerType, false)
      .add(EwasteFitTable.LOO_RMSE, DataTypes.DoubleType);

  /**
   * The least-squares line through the points ({@code country_code, basis, years_used, year_count,
   * ln_ppp, ln_kg_per_person}) and each point's residual, leverage and leave-one-out error. Every sum
   * is added in country order, as {@link OrderedSum} adds it (a null skipped), and every expression
   * is the one Spark would evaluate, in the same order, so the bits are those of the same formulas
   * in SQL.
   */
  private static Iterator<Row> line(Iterator<Row> rows) {
    List<Row> points = new ArrayList<>();
    rows.forEachRemaining(points::add);
    points.sort(Comparator.comparing((Row r) -> r.getString(0) == null ? null : UTF8String.fromString(r.getString(0)),
        Comparator.nullsFirst(Comparator.naturalOrder())));
    int n = points.size();
    Double[] x = new Double[n];
    Double[] y = new Double[n];
    for (int i = 0; i < n; i++) {
      x[i] = points.get(i).getAs(X);
      y[i] = points.get(i).getAs(Y);
    }
    double meanX = orderedSum(x) / n;
    double meanY = orderedSum(y) / n;
    Double[] dx = new Double[n];
    Double[] dy = new Double[n];
    Double[] dxdx = new Double[n];
    Double[] dxdy = new Double[n];
    for (int i = 0; i < n; i++) {
      dx[i] = x[i] == null ? null : x[i] - meanX;
      dy[i] = y[i] == null ? null : y[i] - meanY;
      dxdx[i] = dx[i] == null ? null : dx[i] * dx[i];
      dxdy[i] = dx[i] == null || dy[i] == null ? null : dx[i] * dy[i];
    }
    // Sxx is 0 with one country or with every point at the same PPP: no slope, no line.
    double sxx = orderedSum(dxdx);
    Double slope = sxx > 0 ? orderedSum(dxdy) / sxx : null;
    Double intercept = slope == null ? null : meanY - slope * meanX;
    Object[][] out = new Object[n][];
    Double[] squares = new Double[n];
    Double[] looSquares = new Double[n];
    long looN = 0;
    for (int i = 0; i < n; i++) {
      Double fitted = intercept == null || x[i] == null ? null : intercept + slope * x[i];
      Double residual = y[i] == null || fitted == null ? null : y[i] - fitted;
      Double leverage = sxx > 0 && dxdx[i] != null ? 1.0 / n + dxdx[i] / sxx : null;
      // h = 1: the line without this country is not determined (two countries, or the only one apart).
      Double looError = leverage == null || !(leverage < 1 - 1e-12) || residual == null ? null
          : residual / (1.0 - leverage);
      Double looFitted = y[i] == null || looError == null ? null : y[i] - looError;
      squares[i] = residual == null ? null : residual * residual;
      looSquares[i] = looError == null ? null : looError * looError;
      looN += looError == null ? 0 : 1;
      Row p = points.get(i);
      out[i] = new Object[] {p.get(0), p.get(1), p.get(2), p.get(3), x[i], y[i], fitted, residual, leverage, looFitted,
          looError, intercept, slope, null, n, null};
    }
    Double residualSd = n > 2 ? Math.sqrt(orderedSum(squares) / (n - 2)) : null;
    Double looRmse = looN > 0 ? Math.sqrt(orderedSum(looSquares) / looN) : null;
    List<Row> fit = new ArrayList<>();
    for (Object[] v : out) {
      v[13] = residualSd;
      v[15] = looRmse;
      fit.add(RowFactory.create(v));
    }
    return fit.iterator();
  }

  /** Sum of the values in their order, nulls skipped, from 0 ({@link OrderedSum}). */
  private static double orderedSum(Double[] values) {
    double total = 0.0;
    for (Double v : values) {
      if (v != null) {
        total = total + v;
      }
    }
    return total;
  }

  /**
   * {@code country_code, year, ewaste_t, ewaste_basis, ewaste_log_sd, last_data_year, ewaste_rule}
   * for every year from {@code firstYear} to {@code horizon}, for every country of {@code modelled}
   * and every other country with population data that has published figures or purchasing power
   * (the rules in the class comment). Published figures of a modelled country are not used: its
   * own sales say more.
   *
   * @param modelled {@code country_code, year, ewaste_t}, and optionally {@code first_year}
   *     ({@link DriversModel#modelledEwaste})
   * @param published {@code country_code, year, ewaste_t, basis, source} ({@link DriversModel#EWASTE_SCHEMA})
   * @param population {@code country_code, year, population}
   * @param purchasingPower {@code country_code, year, purchasing_power} per head
   * @param fit {@link #fit} (any rows: only its intercept, slope and residual spread are read)
   * @param growthAfterData yearly growth of kg per person after the population and PPP data
   */
  public static Dataset<Row> series(Dataset<Row> modelled, Dataset<Row> published, Dataset<Row> population,
      Dataset<Row> purchasingPower, Dataset<Row> fit, int firstYear, int horizon, double growthAfterData) {
    Dataset<Row> line = fit.agg(max(EwasteFitTable.INTERCEPT).as("a"), max(EwasteFitTable.SLOPE).as("b"),
        max(EwasteFitTable.RESIDUAL_SD).as("sd"));
    Dataset<Row> pub = onlyPublished(published, modelled)
        .select(col(COUNTRY_CODE), col(YEAR), col(EWASTE_T).as(PUBLISHED_T), col(SOURCE));
    Dataset<Row> others = statistics(population, purchasingPower, published, firstYear, horizon)
        .join(modelled.select(COUNTRY_CODE).distinct(), new String[] {COUNTRY_CODE}, "left_anti")
        .join(pub, new String[] {COUNTRY_CODE, YEAR}, "left")
        .crossJoin(line);

    // Years after the data: kg per person x (1 + g)^(years past the last PPP year, else population year).
    Column dataEnd = coalesce(col(LAST_PPP_YEAR), col(LAST_POPULATION_YEAR));
    Column pastData = greatest(lit(0), col(YEAR).minus(dataEnd));
    Column lnPpp = log(col(PPP));
    Column kgPerPerson = when(col(PUBLISHED_T).isNotNull(), col(PUBLISHED_T).multiply(1000).divide(col(POPULATION)));
    Column anchor = when(col(PUBLISHED_T).isNotNull(), struct(col(YEAR).as("p"), kgPerPerson.as("kg"),
        col(PPP).as("ppp"), col(PPP_YEAR).as("ppp_year"), pastData.as("past"), col(PUBLISHED_T).as("t"),
        col(SOURCE).as("source")));
    WindowSpec byYear = Window.partitionBy(COUNTRY_CODE).orderBy(YEAR);
    WindowSpec upTo = byYear.rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    WindowSpec onFrom = byYear.rowsBetween(Window.currentRow(), Window.unboundedFollowing());
    Dataset<Row> anchored = others
        .withColumn("prev", last(anchor, true).over(upTo))
        .withColumn("next", first(anchor, true).over(onFrom))
        .filter(col(YEAR).between(firstYear, horizon))
        .withColumn("past", pastData);

    Column prev = col("prev");
    Column next = col("next");
    Column from = coalesce(prev, next);
    Column isPublished = prev.isNotNull().and(prev.getField("p").equalTo(col(YEAR)));
    // At a published year prev and next are that year: interpolation needs two different years.
    Column isInterpolated = prev.isNotNull().and(next.isNotNull()).and(next.getField("p").gt(prev.getField("p")));
    Column isExtended = from.isNotNull();
    Column isEstimated = col(PPP).isNotNull().and(col("a").isNotNull()).and(col("b").isNotNull());
    Column growth = pow(lit(1 + growthAfterData), col("past").minus(coalesce(from.getField("past"), lit(0))));
    Column pppRatio = coalesce(pow(col(PPP).divide(from.getField("ppp")), col("b")), lit(1.0));
    Column interpolatedKg = prev.getField("kg").plus(next.getField("kg").minus(prev.getField("kg"))
        .multiply(col(YEAR).minus(prev.getField("p"))).divide(next.getField("p").minus(prev.getField("p"))));
    Column estimatedKg = exp(col("a").plus(col("b").multiply(lnPpp)))
        .multiply(pow(lit(1 + growthAfterData), col("past")));

    Column basis = when(isPublished, lit(PUBLISHED)).when(isInterpolated, lit(INTERPOLATED))
        .when(isExtended, lit(EXTENDED)).when(isEstimated, lit(ESTIMATED));
    Column kg = when(isInterpolated, interpolatedKg).when(isExtended, from.getField("kg").multiply(pppRatio)
        .multiply(growth)).otherwise(estimatedKg);
    Column tonnes = when(isPublished, prev.getField("t"))
        .otherwise(kg.multiply(col(POPULATION)).divide(1000));
    Column lastDataYear = when(isPublished, col(YEAR))
        .when(isInterpolated, greatest(next.getField("p"), col(POPULATION_YEAR)))
        .when(isExtended, greatest(from.getField("p"), col(POPULATION_YEAR), col(PPP_YEAR), from.getField("ppp_year")))
        .otherwise(greatest(col(POPULATION_YEAR), col(PPP_YEAR)));
    Column rule = when(isPublished, concat_ws("", lit(PUBLISHED + ": "), prev.getField("source")))
        .when(isInterpolated, concat_ws("; ", format_string(
            INTERPOLATED + ": kg per person linear between %d (%.2f) and %d (%.2f) x population %d",
            prev.getField("p"), prev.getField("kg"), next.getField("p"), next.getField("kg"), col(POPULATION_YEAR)),
            held("population", col(POPULATION_YEAR))))
        .when(isExtended, concat_ws("; ",
            when(col(PPP).isNotNull().and(col("b").isNotNull()), format_string(
                EXTENDED + ": %.2f kg per person in %d x (PPP %d / PPP %d)^%.4f x population %d", from.getField("kg"),
                from.getField("p"), col(PPP_YEAR), from.getField("ppp_year"), col("b"), col(POPULATION_YEAR)))
                .otherwise(format_string(EXTENDED + ": %.2f kg per person in %d (no PPP to move it) x population %d",
                    from.getField("kg"), from.getField("p"), col(POPULATION_YEAR))),
            held("population", col(POPULATION_YEAR)), held("PPP", col(PPP_YEAR)),
            growthText(growthAfterData, col("past").minus(from.getField("past")), dataEnd)))
        .otherwise(concat_ws("; ", format_string(
            ESTIMATED + ": exp(%.4f + %.4f ln PPP %d) kg per person x population %d (line fitted in ewaste_fit)",
            col("a"), col("b"), col(PPP_YEAR), col(POPULATION_YEAR)),
            held("population", col(POPULATION_YEAR)), held("PPP", col(PPP_YEAR)),
            growthText(growthAfterData, col("past"), dataEnd)));
    Dataset<Row> rest = anchored.filter(basis.isNotNull()).select(col(COUNTRY_CODE), col(YEAR),
        tonnes.as(EWASTE_T), basis.as(EWASTE_BASIS),
        when(isExtended, lit(0.0)).otherwise(col("sd")).as(EWASTE_LOG_SD),
        lastDataYear.as(LAST_DATA_YEAR), rule.as(EWASTE_RULE));
    return salesLifespan(modelled, population, firstYear, horizon).unionByName(rest);
  }

  /**
   * Every entry of {@code countries} ({@code country_code, country_name, region, sub_region}, as
   * {@code reference.CountryResolver.countries()} gives them) as {@link CountryCoverageTable}
   * without the scenario: modelled where {@code series} has the country, with the basis of its
   * last year; otherwise the reason.
   *
   * @param series {@link #series}
   */
  public static Dataset<Row> coverage(Dataset<Row> countries, Dataset<Row> series, Dataset<Row> population,
      Dataset<Row> purchasingPower) {
    Dataset<Row> modelled = series.groupBy(COUNTRY_CODE)
        .agg(max_by(col(EWASTE_BASIS), col(YEAR)).as(CountryCoverageTable.EWASTE_BASIS));
    Dataset<Row> withPopulation = population.select(COUNTRY_CODE).distinct().withColumn("has_population", lit(true));
    Dataset<Row> withPpp = purchasingPower.select(COUNTRY_CODE).distinct().withColumn("has_ppp", lit(true));
    return countries.select(CountryCoverageTable.COUNTRY_CODE, CountryCoverageTable.COUNTRY_NAME,
            CountryCoverageTable.REGION, CountryCoverageTable.SUB_REGION)
        .join(modelled, new String[] {COUNTRY_CODE}, "left")
        .join(withPopulation, new String[] {COUNTRY_CODE}, "left")
        .join(withPpp, new String[] {COUNTRY_CODE}, "left")
        .select(col(CountryCoverageTable.COUNTRY_CODE), col(CountryCoverageTable.COUNTRY_NAME),
            col(CountryCoverageTable.REGION), col(CountryCoverageTable.SUB_REGION),
            col(CountryCoverageTable.EWASTE_BASIS).isNotNull().as(CountryCoverageTable.MODELLED),
            col(CountryCoverageTable.EWASTE_BASIS),
            when(col(CountryCoverageTable.EWASTE_BASIS).isNotNull(), lit(null).cast("string"))
                .when(col("has_population").isNull(), lit(NO_POPULATION))
                .when(col("has_ppp").isNull(), lit(NO_PURCHASING_POWER))
                .otherwise(lit(NO_FIT)).as(CountryCoverageTable.REASON));
  }

  /** The modelled countries' rows, firstYear to horizon. */
  private static Dataset<Row> salesLifespan(Dataset<Row> modelled, Dataset<Row> population, int firstYear,
      int horizon) {
    boolean knowsDataEnd = Arrays.asList(modelled.columns()).contains(FIRST_YEAR);
    Dataset<Row> lastPopulation = population.groupBy(COUNTRY_CODE).agg(max(YEAR).as(LAST_POPULATION_YEAR));
    Column dataEnd = knowsDataEnd ? col(FIRST_YEAR).minus(1) : col(LAST_POPULATION_YEAR);
    Column rule = knowsDataEnd
        ? format_string(SALES_LIFESPAN + ": ewaste_generated summed over the UNU keys; put on market known to %d",
            col(FIRST_YEAR).minus(1))
        : lit(SALES_LIFESPAN + ": ewaste_generated summed over the UNU keys");
    return modelled.filter(col(YEAR).between(firstYear, horizon))
        .join(lastPopulation, new String[] {COUNTRY_CODE}, "left")
        .select(col(COUNTRY_CODE), col(YEAR), col(EWASTE_T), lit(SALES_LIFESPAN).as(EWASTE_BASIS),
            lit(0.0).as(EWASTE_LOG_SD), coalesce(least(col(YEAR), dataEnd), col(YEAR)).as(LAST_DATA_YEAR),
            rule.as(EWASTE_RULE));
  }

  /** Published rows of the countries without modelled e-waste. */
  private static Dataset<Row> onlyPublished(Dataset<Row> published, Dataset<Row> modelled) {
    return published.join(modelled.select(COUNTRY_CODE).distinct(), new String[] {COUNTRY_CODE}, "left_anti");
  }

  /**
   * Per country with population data and year, from {@code firstYear} (or its first population,
   * PPP or published year, if earlier) to {@code horizon} (or its last published year, if later):
   * {@code population, population_year, purchasing_power, ppp_year}, each the value of the year
   * or, where the year has none, of the nearest earlier year that has one (else the first later
   * one), with the year it comes from; {@code last_population_year, last_ppp_year} (null without
   * PPP data).
   */
  private static Dataset<Row> statistics(Dataset<Row> population, Dataset<Row> purchasingPower,
      Dataset<Row> published, int firstYear, int horizon) {
    Dataset<Row> pop = population.select(COUNTRY_CODE, YEAR, POPULATION);
    Dataset<Row> ppp = purchasingPower.select(COUNTRY_CODE, YEAR, PPP);
    Dataset<Row> bounds = pop.groupBy(COUNTRY_CODE)
        .agg(min(YEAR).as("first_population_year"), max(YEAR).as(LAST_POPULATION_YEAR))
        .join(ppp.groupBy(COUNTRY_CODE).agg(min(YEAR).as("first_ppp_year"), max(YEAR).as(LAST_PPP_YEAR)),
            new String[] {COUNTRY_CODE}, "left")
        .join(published.groupBy(COUNTRY_CODE).agg(min(YEAR).as("first_published"), max(YEAR).as("last_published")),
            new String[] {COUNTRY_CODE}, "left");
    Column from = least(lit(firstYear), col("first_population_year"), col("first_ppp_year"), col("first_published"));
    Column to = greatest(lit(horizon), col("last_published"));
    WindowSpec byYear = Window.partitionBy(COUNTRY_CODE).orderBy(YEAR);
    WindowSpec upTo = byYear.rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    WindowSpec onFrom = byYear.rowsBetween(Window.currentRow(), Window.unboundedFollowing());
    Dataset<Row> grid = bounds.select(col(COUNTRY_CODE), col(LAST_POPULATION_YEAR), col(LAST_PPP_YEAR),
            explode(sequence(least(from, to), to)).as(YEAR))
        .join(pop, new String[] {COUNTRY_CODE, YEAR}, "left")
        .join(ppp, new String[] {COUNTRY_CODE, YEAR}, "left");
    Column knownPopulation = when(col(POPULATION).isNotNull(), struct(col(YEAR).as("y"), col(POPULATION).as("v")));
    Column knownPpp = when(col(PPP).isNotNull(), struct(col(YEAR).as("y"), col(PPP).as("v")));
    return grid
        .withColumn("population_known", coalesce(last(knownPopulation, true).over(upTo),
            first(knownPopulation, true).over(onFrom)))
        .withColumn("ppp_known", coalesce(last(knownPpp, true).over(upTo), first(knownPpp, true).over(onFrom)))
        .select(col(COUNTRY_CODE), col(YEAR), col("population_known.v").as(POPULATION),
            col("population_known.y").as(POPULATION_YEAR), col("ppp_known.v").as(PPP),
            col("ppp_known.y").as(PPP_YEAR), col(LAST_POPULATION_YEAR), col(LAST_PPP_YEAR));
  }

  /** "population of 2021 held" where the value is another year's; null otherwise (concat_ws skips it). */
  private static Column held(String what, Column usedYear) {
    return when(usedYear.notEqual(col(YEAR)), format_string(what + " of %d held", usedYear));
  }

  /** ", population and PPP of 2021" after a published year whose statistics are another year's; "" otherwise. */
  private static Column heldInputs(Column year, Column populationYear, Column pppYear) {
    return when(populationYear.equalTo(year).and(pppYear.equalTo(year)), lit(""))
        .when(populationYear.equalTo(pppYear), format_string(" (population and PPP of %d)", pppYear))
        .otherwise(format_string(" (population of %d, PPP of %d)", populationYear, pppYear));
  }

  /** "kg per person x 1.0200^3, growth after the data end in 2021" where it applies; null otherwise. */
  private static Column growthText(double growth, Column years, Column dataEnd) {
    if (growth == 0) {
      return lit(null).cast("string");
    }
    return when(years.notEqual(0), format_string("kg per person x %.4f^%d, growth after the data end in %d",
        lit(1 + growth), years, dataEnd));
  }
}
