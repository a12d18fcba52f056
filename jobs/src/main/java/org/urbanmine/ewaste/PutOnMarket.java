package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regr_intercept;
import static org.apache.spark.sql.functions.regr_slope;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.urbanmine.tables.EwasteGeneratedTable;

/**
 * Put-on-market (POM) series, per country and product type, cleaned and extended as the
 * published Statistics Netherlands / UNU "Waste over Time" model does it (docs/waste-over-time.md,
 * method version 1.1 or 1.2): in kilograms and pieces per inhabitant, so that countries of any
 * size compare; each step is its own transformation ({@link ManualCorrections},
 * {@link MarketKnowledge}, the outlier rules here, {@link GapFill}, {@link StratumEstimate},
 * {@link Smoothing}, {@link CrtMonitors}, {@link SolarPanels}, {@link GrowthExtension} or
 * {@link PurchasingPowerExtension}, {@link NegligibleChanges}, {@link LedLamps}), and every value
 * keeps a {@link #FLAG} saying how it was made.
 */
public final class PutOnMarket {
  public static final String COUNTRY_CODE = WasteOverTime.COUNTRY_CODE;
  public static final String UNU_KEY = WasteOverTime.UNU_KEY;
  public static final String YEAR = WasteOverTime.YEAR;
  public static final String POM_KG = WasteOverTime.POM_KG;
  public static final String POPULATION = "population";
  public static final String FLAG = "pom_flag";

  /** As reported. */
  public static final String REPORTED = "reported";
  /** Reported, but an outlier: replaced by the interpolation of its neighbours. */
  public static final String OUTLIER = "outlier_replaced";
  /**
   * Reported, but an outlier among the same year's values of the countries of its purchasing-power
   * stratum: replaced as {@link #OUTLIER} is.
   */
  public static final String STRATUM_OUTLIER = "stratum_outlier_replaced";
  public static final String STRATUM = "stratum";
  /** Set by a rule from knowledge of the market, not the data ({@link MarketKnowledge}): kept as it is. */
  public static final String MARKET_KNOWLEDGE = "market_knowledge";
  /** Reported above the key's cap ({@link MarketKnowledge}): replaced as {@link #OUTLIER} is. */
  public static final String ABOVE_CAP = "above_cap_replaced";
  /** Not reported: interpolated between the nearest reported years. */
  public static final String INTERPOLATED = "interpolated";
  /** Not reported, before the first or after the last reported year: the nearest reported value. */
  public static final String NEAREST = "nearest_reported";
  /** After the last year of data, to the horizon ({@link #extend}). */
  public static final String EXTRAPOLATED = EwasteGeneratedTable.EXTRAPOLATED;
  /** Replaced by the model's manual corrections (docs/waste-over-time.md 3.3): kept as it is. */
  public static final String MANUAL = "manual_correction";
  /** Missing, estimated from the stratum means on purchasing power (3.10, 3.11). */
  public static final String STRATUM_ESTIMATE = "stratum_estimate";
  /** A jump from its neighbours, removed and re-filled from them (3.12). */
  public static final String SMOOTHED = "smoothed";
  /** CRT monitors (0308) rebuilt from desktop PCs and flat-panel monitors (3.13). */
  public static final String CRT_MONITORS = "crt_monitors_rebuilt";
  /** PV panels (0002) from the model's installed-capacity data (3.14): kept as it is. */
  public static final String PV_CAPACITY = "pv_capacity_data";
  /** Before the first year of data, extended backwards as the model does (3.15, 3.16). */
  public static final String EXTENDED_BACK = "extended_backwards";
  /** No value: removed or never reported, and no rule of the model estimates it; adds nothing. */
  public static final String MISSING = "missing";

  /**
   * Flags of values that no outlier or smoothing rule removes: the model's flags 50 and above
   * (set by knowledge of the market, a manual correction or the PV data).
   */
  public static boolean isProtected(String flag) {
    return java.util.Arrays.asList(PROTECTED).contains(flag);
  }

  private static final String[] PROTECTED = {MARKET_KNOWLEDGE, MANUAL, PV_CAPACITY};

  /** Flags of values a rule removed: an estimate that fills one keeps the flag, which says why. */
  private static final String[] REMOVED = {OUTLIER, STRATUM_OUTLIER, ABOVE_CAP, SMOOTHED};

  /**
   * The flag of a missing value that a step has just filled, by the step whose flag is
   * {@code fill}: a removed value keeps its flag; any other takes {@code fill}.
   */
  static String flagOfFill(String previous, String fill) {
    return java.util.Arrays.asList(REMOVED).contains(previous) ? previous : fill;
  }

  /** {@link #flagOfFill(String, String)} as a Spark expression. */
  static Column flagOfFill(Column previous, String fill) {
    return when(previous.isin((Object[]) REMOVED), previous).otherwise(lit(fill));
  }

  /** How series are extended: a linear trend of kg per person, or its mean, times population. */
  public enum Extension {
    TREND, PER_PERSON
  }

  /** Put on market per inhabitant, kilograms: the unit every cleaning step works in. */
  public static final String KPI = "kg_per_person";
  /** Put on market per inhabitant, pieces. */
  public static final String PPI = "pieces_per_person";
  /** kg per inhabitant as reported, before any step (kept for the model's step 3.17). */
  public static final String REPORTED_KPI = "reported_kg_per_person";
  /** pieces per inhabitant as reported, before any step. */
  public static final String REPORTED_PPI = "reported_pieces_per_person";
  /** Purchasing power per head (the model's {@code ppp ph17}). */
  public static final String PURCHASING_POWER = "purchasing_power";
  private static final String IS_OUTLIER = "is_outlier";
  private static final String[] SERIES = {COUNTRY_CODE, UNU_KEY};

  private PutOnMarket() {}

  /** Put on market, pieces (optional in the input). */
  public static final String POM_PIECES = "pom_pieces";
  /** How many years after the data method 1.1's series go (its 03i: to the last year + 9). */
  static final int MODEL_YEARS_AHEAD_1_1 = 9;
  /** The first year the published model's series are extended back to. */
  public static final int FIRST_MODEL_YEAR = 1980;

  /** What the cleaning reads: put on market, population, purchasing power per head and strata. */
  public record Inputs(Dataset<Row> pom, Dataset<Row> population, Dataset<Row> purchasingPower, Dataset<Row> strata) {}

  /** The first and last year of put-on-market data {@code pom} (the model's Y0 and YL). */
  public static PomSeries.DataSpan dataSpan(Dataset<Row> pom) {
    Row span = pom.agg(min(YEAR), max(YEAR)).first();
    return new PomSeries.DataSpan(span.getInt(0), span.getInt(1));
  }

  /**
   * The published model's cleaning of every series (docs/waste-over-time.md 3.2-3.13, at method
   * {@code version}), in the model's order: manual corrections; the market-knowledge rules; the
   * outlier rules over a series' years, then within a stratum; short gaps filled from
   * neighbouring years; what is still missing estimated from the stratum means on purchasing
   * power; jumps smoothed; CRT monitors rebuilt from desktops and flat panels. A value may still
   * be missing after that, as in the model: before a series' first value (the extension then
   * fills it), in a gap of three years or more, or where the stratum estimate lacks an anchor.
   *
   * @param in {@code pom}: {@code country_code, unu_key, year, pom_kg, pom_pieces};
   *     {@code population}: {@code country_code, year, population}; {@code purchasingPower}:
   *     {@code country_code, year, purchasing_power}; {@code strata}: {@code country_code, stratum}
   * @return {@link PomSeries#SCHEMA} rows: every country with a stratum gets every key of the
   *     data (the model's full grid: a key a country never reported is estimated from its
   *     stratum), a country without one its own keys, each over the years of the data
   */
  public static Dataset<Row> clean(SparkSession spark, Inputs in, PomSeries.DataSpan years, String version,
      double madThreshold, int minValues) {
    Dataset<Row> rows = settled(grid(in, years));
    rows = settled(MarketKnowledge.apply(ManualCorrections.apply(rows, ManualCorrections.read(spark, version))));
    rows = settled(PomSeries.apply(removeOutliers(rows, madThreshold, minValues), GapFill.step(years)));
    rows = settled(StratumEstimate.apply(rows, years));
    rows = settled(PomSeries.apply(rows, Smoothing.step(years)));
    return settled(CrtMonitors.apply(rows, CrtMonitors.keyWeights(spark, version),
        !MethodVersion.isVersion11(version)));
  }

  /**
   * {@code rows} computed once and cut from the plan that made them. Each step's plan holds every
   * step before it; without the cut, a dozen steps make a plan Spark spends longer analysing
   * than running (and, at the extension, runs out of a 3 GB heap on the sample data). A local
   * checkpoint is Spark's own cut for iterative work: a lost executor fails the run, which is
   * then rerun whole.
   */
  static Dataset<Row> settled(Dataset<Row> rows) {
    return rows.localCheckpoint();
  }

  /**
   * The published model's extension of {@link #clean}ed series (3.14-3.18 at method
   * {@code version}) from {@link #FIRST_MODEL_YEAR} to {@code horizon}, with its PV-panel data and
   * its undoing of negligible changes. 1.1: PV panels, then 2 % a year from the last three years,
   * and back to 1980, then LED lamps' rule; 1.2: on purchasing power with the model's exceptions
   * and back to each key's introduction year, then PV panels. The model's series end nine years
   * after the data (1.1: 2024) or with purchasing power (1.2: 2021). Beyond, kg per person is held
   * at the model's last year (1.1; growing 2 % a year on would put the United Kingdom above 35 kg
   * of e-waste per person by 2033), and at the last year each approach of 1.2 can compute (its
   * trend and constants go on; see {@link PurchasingPowerExtension}).
   */
  public static Dataset<Row> extendAsPublished(SparkSession spark, Dataset<Row> cleaned, Inputs in,
      PomSeries.DataSpan years, String version, int horizon) {
    if (MethodVersion.isVersion11(version)) {
      Dataset<Row> panels = SolarPanels.apply(cleaned, SolarPanels.sales(spark, version));
      return settled(PomSeries.apply(settled(widen(panels, in, Math.max(horizon, years.last()))),
          withoutStratum(fillRemaining(years)), GrowthExtension.step(years, GrowthExtension.GROWTH, GrowthExtension.KEYS_WITHOUT_HISTORY),
          holdAfter(null, years.last() + MODEL_YEARS_AHEAD_1_1), NegligibleChanges.step(), LedLamps.step(),
          PutOnMarket::clipNegative));
    }
    Dataset<Row> wide = settled(widen(cleaned, in, Math.max(horizon, years.last())));
    ExtrapolationRules rules = ExtrapolationRules.bundled(spark.sparkContext().hadoopConfiguration());
    Dataset<Row> extended = settled(PomSeries.apply(wide, withoutStratum(fillRemaining(years)),
        PurchasingPowerExtension.step(years, PurchasingPowerExtension.globalFits(wide, years), rules)));
    Dataset<Row> salesData = SolarPanels.sales(spark, version);
    int lastPanelYear = salesData.agg(max(YEAR)).first().getInt(0);
    return settled(PomSeries.apply(SolarPanels.apply(extended, salesData), holdAfter(SolarPanels.PV_PANELS, lastPanelYear),
        NegligibleChanges.step(), PutOnMarket::clipNegative));
  }

  /**
   * {@link PomSeries#SCHEMA} rows as {@code country_code, unu_key, year, pom_kg, population,
   * pom_flag}; a value still missing is null, flagged {@link #MISSING} (it adds nothing to
   * e-waste, as in the model).
   */
  public static Dataset<Row> toPom(Dataset<Row> rows) {
    return rows.select(col(COUNTRY_CODE), col(UNU_KEY), col(YEAR), col(KPI).multiply(col(POPULATION)).as(POM_KG),
        col(POPULATION), when(col(KPI).isNull(), lit(MISSING)).otherwise(col(FLAG)).as(FLAG));
  }

  /**
   * The cleaned series extended forwards only, the way urbanmine did before it followed the
   * published extension ({@code extension.method} trend or per-person): every value still
   * missing in the data's years is first interpolated, or takes the nearest.
   */
  public static Dataset<Row> extendForwards(Dataset<Row> cleaned, PomSeries.DataSpan span, Dataset<Row> population,
      Extension method, int years, int horizon) {
    return extend(toPom(PomSeries.apply(cleaned, fillRemaining(span))), population, method, years, horizon);
  }

  /** The model's full grid over the data's years, per inhabitant, flagged {@link #REPORTED} where reported. */
  static Dataset<Row> grid(Inputs in, PomSeries.DataSpan span) {
    Dataset<Row> pom = in.pom();
    Dataset<Row> withStratum = pom.select(COUNTRY_CODE).distinct().join(in.strata(), COUNTRY_CODE);
    Dataset<Row> series = withStratum.select(COUNTRY_CODE).crossJoin(pom.select(UNU_KEY).distinct())
        .union(pom.select(COUNTRY_CODE, UNU_KEY).distinct().join(withStratum, new String[] {COUNTRY_CODE}, "left_anti"))
        .withColumn(YEAR, explode(sequence(lit(span.first()), lit(span.last()))));
    Column kpi = col(POM_KG).divide(col(POPULATION));
    Column ppi = col(POM_PIECES).divide(col(POPULATION));
    return series
        .join(pom.select(COUNTRY_CODE, UNU_KEY, YEAR, POM_KG, POM_PIECES), new String[] {COUNTRY_CODE, UNU_KEY, YEAR},
            "left")
        .join(in.population(), new String[] {COUNTRY_CODE, YEAR}, "left")
        .join(in.purchasingPower(), new String[] {COUNTRY_CODE, YEAR}, "left")
        .join(in.strata(), new String[] {COUNTRY_CODE}, "left")
        .select(col(COUNTRY_CODE), col(UNU_KEY), col(YEAR), col(STRATUM), col(POPULATION), col(PURCHASING_POWER),
            kpi.as(KPI), ppi.as(PPI), when(col(POM_KG).isNotNull(), lit(REPORTED)).as(FLAG), kpi.as(REPORTED_KPI),
            ppi.as(REPORTED_PPI));
  }

  /**
   * Every series over {@code FIRST_MODEL_YEAR..lastYear}: the new years without values, their
   * purchasing power, and population (the last known where the table ends earlier).
   */
  static Dataset<Row> widen(Dataset<Row> rows, Inputs in, int lastYear) {
    Dataset<Row> lastPopulation = in.population().groupBy(COUNTRY_CODE)
        .agg(max(struct(col(YEAR), col(POPULATION))).getField(POPULATION).as("last_population"));
    Dataset<Row> added = rows.select(COUNTRY_CODE, UNU_KEY, STRATUM).distinct()
        .withColumn(YEAR, explode(sequence(lit(FIRST_MODEL_YEAR), lit(lastYear))))
        .join(rows.select(COUNTRY_CODE, UNU_KEY, YEAR), new String[] {COUNTRY_CODE, UNU_KEY, YEAR}, "left_anti")
        .join(in.population(), new String[] {COUNTRY_CODE, YEAR}, "left")
        .join(lastPopulation, new String[] {COUNTRY_CODE}, "left")
        .join(in.purchasingPower(), new String[] {COUNTRY_CODE, YEAR}, "left")
        .withColumn(POPULATION, coalesce(col(POPULATION), col("last_population")))
        .withColumn(KPI, lit(null).cast("double")).withColumn(PPI, lit(null).cast("double"))
        .withColumn(FLAG, lit(null).cast("string"))
        .withColumn(REPORTED_KPI, lit(null).cast("double")).withColumn(REPORTED_PPI, lit(null).cast("double"));
    return rows.unionByName(added.select(PomSeries.columns()));
  }

  /**
   * The model's two outlier rules (3.7, 3.8): over a series' years ({@link #OUTLIER}), then, on
   * what is left, across the countries of a stratum per key and year ({@link #STRATUM_OUTLIER}).
   * A removed value leaves kg and pieces per person missing.
   */
  static Dataset<Row> removeOutliers(Dataset<Row> rows, double madThreshold, int minValues) {
    Dataset<Row> byYears = markOutliers(rows, SERIES, madThreshold, minValues)
        .withColumn(FLAG, when(col(IS_OUTLIER), lit(OUTLIER)).otherwise(col(FLAG)));
    Dataset<Row> marked = markOutliers(removed(byYears), new String[] {UNU_KEY, YEAR, STRATUM}, madThreshold,
        minValues)
        .withColumn(FLAG, when(col(IS_OUTLIER), lit(STRATUM_OUTLIER)).otherwise(col(FLAG)));
    return removed(marked).drop(IS_OUTLIER);
  }

  private static Dataset<Row> removed(Dataset<Row> rows) {
    return rows.withColumn(PPI, when(not(col(IS_OUTLIER)), col(PPI)))
        .withColumn(KPI, when(not(col(IS_OUTLIER)), col(KPI)))
        .drop(IS_OUTLIER);
  }

  /**
   * Values still missing in the data's years: interpolated between the nearest known years, or the
   * nearest known at the ends; a removed value keeps its flag. A series with no value stays empty.
   */
  static PomSeries.Step fillRemaining(PomSeries.DataSpan span) {
    return s -> {
      int from = Math.max(span.first(), s.firstYear) - s.firstYear;
      int to = Math.min(span.last(), s.lastYear()) - s.firstYear;
      int lastKnown = -1;
      for (int i = from; i <= to; i++) {
        if (!PomSeries.na(s.kpi[i])) {
          lastKnown = i;
          continue;
        }
        int next = i + 1;
        while (next <= to && PomSeries.na(s.kpi[next])) {
          next++;
        }
        if (lastKnown < 0 && next > to) {
          return;
        }
        boolean between = lastKnown >= 0 && next <= to;
        s.kpi[i] = between ? s.kpi[lastKnown] + (s.kpi[next] - s.kpi[lastKnown]) * (i - lastKnown) / (next - lastKnown)
            : s.kpi[lastKnown >= 0 ? lastKnown : next];
        s.flag[i] = flagOfFill(s.flag[i], between ? INTERPOLATED : NEAREST);
      }
    };
  }

  /**
   * {@code step} for the series of countries without a stratum only: the model has none, and
   * leaves a value it cannot estimate missing (adding nothing to e-waste); a country outside it
   * has no stratum estimate to fill its gaps, so they are interpolated instead.
   */
  private static PomSeries.Step withoutStratum(PomSeries.Step step) {
    return s -> {
      if (s.stratum == null) {
        step.apply(s);
      }
    };
  }

  /** Negative kg per person (an estimate's or a trend's) as 0, as the model's extension ends. */
  static void clipNegative(PomSeries s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.kpi[i] < 0) {
        s.kpi[i] = 0;
        s.ppi[i] = 0;
      }
    }
  }

  /**
   * kg per person of {@code key} (every key where null) after {@code year} held at that year's,
   * flagged {@link #EXTRAPOLATED}.
   */
  private static PomSeries.Step holdAfter(String key, int year) {
    return s -> {
      if ((key != null && !s.key.equals(key)) || year < s.firstYear || year >= s.lastYear()) {
        return;
      }
      for (int t = year + 1; t <= s.lastYear(); t++) {
        s.set(t, s.kpiOf(year), s.ppiOf(year), EXTRAPOLATED);
      }
    };
  }

  /**
   * Extends each cleaned series from the year after its last to {@code horizon}: kg per person
   * over the last {@code years} years, as a linear trend (never below 0) or as their mean, times
   * the population of the year (the last known population where the table ends earlier).
   *
   * @return {@link #clean}'s rows and the new ones, flagged {@link #EXTRAPOLATED}
   */
  public static Dataset<Row> extend(Dataset<Row> cleaned, Dataset<Row> population, Extension method, int years,
      int horizon) {
    int last = cleaned.agg(max(YEAR)).first().getInt(0);
    if (horizon <= last) {
      return cleaned;
    }
    Column perPerson = col(POM_KG).divide(col(POPULATION));
    Dataset<Row> fit = cleaned.filter(col(YEAR).gt(last - years)).groupBy(SERIES[0], SERIES[1])
        .agg(regr_slope(perPerson, col(YEAR)).as("slope"), regr_intercept(perPerson, col(YEAR)).as("intercept"),
            avg(perPerson).as("mean"));
    Dataset<Row> lastPopulation = population.groupBy(COUNTRY_CODE)
        .agg(max(struct(col(YEAR), col(POPULATION))).getField(POPULATION).as("last_population"));
    Column kpi = method == Extension.TREND
        ? greatest(lit(0.0), coalesce(col("intercept").plus(col("slope").multiply(col(YEAR))), col("mean")))
        : col("mean");
    Dataset<Row> ahead = fit.withColumn(YEAR, explode(sequence(lit(last + 1), lit(horizon))))
        .join(population, new String[] {COUNTRY_CODE, YEAR}, "left")
        .join(lastPopulation, new String[] {COUNTRY_CODE}, "left")
        .withColumn(POPULATION, coalesce(col(POPULATION), col("last_population")))
        .select(col(COUNTRY_CODE), col(UNU_KEY), col(YEAR), kpi.multiply(col(POPULATION)).as(POM_KG),
            col(POPULATION), lit(EXTRAPOLATED).as(FLAG));
    return cleaned.unionByName(ahead);
  }

  /** Set by knowledge of the market, by hand or from PV data: counted in the outlier rules' medians, never removed. */
  private static Column isProtected() {
    return coalesce(col(FLAG).isin((Object[]) PROTECTED), lit(false));
  }

  /**
   * Adds {@link #IS_OUTLIER}: whether a row's kg per person lies more than {@code madThreshold}
   * median absolute deviations (constant 1) from the median of the reported values of its
   * {@code group}, in groups of at least {@code minValues} values. A row with no value, outside
   * any group (a null in a group column), or set by knowledge of the market, is not an outlier.
   */
  private static Dataset<Row> markOutliers(Dataset<Row> rows, String[] group, double madThreshold, int minValues) {
    Column inGroup = lit(true);
    for (String c : group) {
      inGroup = inGroup.and(col(c).isNotNull());
    }
    // Exact median and MAD (Spark's percentile ignores nulls) over a window, not a join back:
    // both windows share one partitioning, so the rule costs one shuffle.
    WindowSpec all = Window.partitionBy(java.util.Arrays.stream(group).map(c -> col(c)).toArray(Column[]::new));
    Column deviation = abs(col(KPI).minus(col("median")));
    // A value set by knowledge of the market counts in its group's median, as in the model, but is
    // never replaced.
    Column outlier = inGroup.and(col("values").geq(minValues)).and(not(isProtected()))
        .and(deviation.gt(col("mad").multiply(madThreshold)));
    return rows.withColumn("median", percentile(col(KPI)).over(all))
        .withColumn("values", count(KPI).over(all))
        .withColumn("mad", percentile(deviation).over(all))
        .withColumn(IS_OUTLIER, coalesce(outlier, lit(false)))
        .drop("median", "values", "mad");
  }

  /** The exact median (Spark's percentile, not its approximation). */
  private static Column percentile(Column values) {
    return org.apache.spark.sql.functions.percentile(values, lit(0.5));
  }
}
