package org.urbanmine.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.urbanmine.config.SettingsLoader;
import org.urbanmine.publish.RunHistory;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.tables.FirstCoveredYearTable;
import org.urbanmine.tables.MedalDemandTable;
import org.urbanmine.tables.MedalOutlookTable;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.tables.RecoveryByCountryYearTable;
import org.urbanmine.tables.RecoveryByRegionYearTable;
import org.urbanmine.tables.TableSpec;

/**
 * What the report shows, as plain records: the few thousand rows its charts and tables need,
 * never a whole table. {@link #read} filters and aggregates the published tables with Spark and
 * collects the result; {@link ReportPage} renders it without touching Spark or the file system.
 *
 * <p>The tables hold every country with population data (about 190), every M49 sub-region and
 * region, and the world. The page shows the {@linkplain #SHOWN_AGGREGATES world and the regions}
 * (sums of their countries), the countries with recorded years, and in a Games' coverage its
 * host: a page with every country would be megabytes no one reads. The filters run in Spark,
 * before anything is collected.
 *
 * @param unpublished names of the tables the page needs that the warehouse has not published;
 *     their sections say so instead of showing figures
 * @param coverageScenario the scenario the coverage charts show (baseline when there is one)
 * @param horizons the last year of medal_outlook per scenario, for "not by HORIZON"
 */
public record ReportData(Instant generatedAt, String warehouse, List<String> scenarios, LatestRun latestRun,
    Set<String> unpublished, List<Recovered> recovered, List<ForecastPoint> forecasts, String coverageScenario,
    List<Games> games, List<CoveragePoint> coverage, List<FirstYear> firstYears, Map<String, Integer> horizons) {

  /**
   * metal_forecast's scope_level of an M49 region ({@code MetalForecastTable} names the other
   * levels; its spec lists this one: country, sub_region, region or world).
   */
  static final String REGION_LEVEL = MetalForecastTable.REGION_LEVEL;
  /** The aggregate levels the page shows; sub-regions stay in the tables. */
  static final List<String> SHOWN_AGGREGATES = List.of(RecoveryByRegionYearTable.WORLD, REGION_LEVEL);

  /** The tables the page's sections are made from, in the order the sections come. */
  public static final List<TableSpec> TABLES = List.of(RecoveryByCountryYearTable.TABLE, MetalForecastTable.TABLE,
      MedalDemandTable.TABLE, MedalOutlookTable.TABLE, FirstCoveredYearTable.TABLE);

  /** The newest row of the runs table; {@code finishedAt} is null if the row has none. */
  public record LatestRun(String runId, String command, String scenario, String status, Instant finishedAt) {}

  /** A point of recovery_by_country_year, with the source it came from (estimates say so there). */
  public record Recovered(String country, String metal, int year, double kg, String source) {}

  /**
   * A metal_forecast row of the world, a region or a country; bounds are null where the method
   * gives none.
   *
   * @param basis what a country's value rests on (recorded, calibrated, pooled, estimated); null
   *     for an aggregate, or a country forecast by a trend
   * @param countries how many countries the row sums (1 for a country); null if not given
   * @param recordedShare the share of an aggregate's kg resting on recorded or calibrated
   *     countries; null where not given (a mass of 0, a trend)
   */
  public record ForecastPoint(String scenario, String scopeLevel, String scope, String metal, int year, double kg,
      Double lowerKg, Double upperKg, boolean forecast, String basis, Integer countries, Double recordedShare) {
    public boolean aggregate() {
      return !MetalForecastTable.COUNTRY_LEVEL.equals(scopeLevel);
    }
  }

  /** A Games, with its host (null if medal_demand is not published) and kilograms needed per metal. */
  public record Games(String id, String name, int year, String host, String season, Map<String, Double> neededKg) {}

  /**
   * A scope's median coverage of a Games' need for a metal in a year, in {@link #coverageScenario}:
   * the world, a region, the Games' host or a country with recorded years.
   */
  public record CoveragePoint(String gamesId, String scopeLevel, String scope, String metal, int year,
      Double p50Coverage) {}

  /** A first_covered_year row, of the same scopes as {@link CoveragePoint}. */
  public record FirstYear(String scenario, String gamesId, String scopeLevel, String scope, String metal,
      Double neededKg, Integer firstYearP50, Integer firstYearP5) {}

  public ReportData {
    scenarios = List.copyOf(scenarios);
    unpublished = Set.copyOf(unpublished);
    recovered = List.copyOf(recovered);
    forecasts = List.copyOf(forecasts);
    games = List.copyOf(games);
    coverage = List.copyOf(coverage);
    firstYears = List.copyOf(firstYears);
    horizons = Map.copyOf(horizons);
  }

  /**
   * The world and the regions of metal_forecast, with how many countries each sums (the most
   * any of its rows gives): the world first, then the regions by name.
   */
  public Map<String, Integer> aggregateCountries() {
    Map<String, Integer> counts = new TreeMap<>(PageOrder.AGGREGATES_FIRST);
    forecasts.stream().filter(ForecastPoint::aggregate)
        .forEach(p -> counts.merge(p.scope(), p.countries() == null ? 0 : p.countries(), Math::max));
    return counts;
  }

  public boolean isPublished(TableSpec table) {
    return !unpublished.contains(table.name());
  }

  /** Baseline first, then the others by name. */
  public static List<String> scenarioOrder(Set<String> scenarios) {
    List<String> out = new ArrayList<>(new TreeSet<>(scenarios));
    if (out.remove(SettingsLoader.DEFAULT_SCENARIO)) {
      out.add(0, SettingsLoader.DEFAULT_SCENARIO);
    }
    return out;
  }

  /** Reads what the page needs from the warehouse's published tables. */
  public static ReportData read(Warehouse warehouse, Instant generatedAt) {
    Set<String> unpublished = new LinkedHashSet<>();
    for (TableSpec table : TABLES) {
      if (!warehouse.isPublished(table)) {
        unpublished.add(table.name());
      }
    }
    Function<TableSpec, Dataset<Row>> published =
        table -> unpublished.contains(table.name()) ? null : warehouse.readPublished(table);

    // One job for the scenarios of every partitioned table, not one per table.
    Dataset<Row> scenarioColumns = null;
    for (TableSpec table : TABLES) {
      Dataset<Row> rows = published.apply(table);
      if (rows != null && table.partitionColumns().contains(TableSpec.SCENARIO)) {
        Dataset<Row> column = rows.select(TableSpec.SCENARIO);
        scenarioColumns = scenarioColumns == null ? column : scenarioColumns.union(column);
      }
    }
    Set<String> scenarios = scenarioColumns == null ? Set.of() : distinct(scenarioColumns, TableSpec.SCENARIO);

    Dataset<Row> forecast = published.apply(MetalForecastTable.TABLE);
    List<String> recordedCountries = recordedCountries(forecast);
    Dataset<Row> outlook = published.apply(MedalOutlookTable.TABLE);
    Map<String, Integer> horizons = horizons(outlook);
    String coverageScenario = scenarioOrder(horizons.keySet()).stream().findFirst().orElse(null);
    List<Games> games = games(outlook, published.apply(MedalDemandTable.TABLE), coverageScenario);
    Column shownInCoverage = shownInCoverage(recordedCountries, games);
    return new ReportData(generatedAt, Warehouse.display(warehouse.root()), scenarioOrder(scenarios),
        latestRun(warehouse), unpublished, recovered(published.apply(RecoveryByCountryYearTable.TABLE)),
        forecasts(forecast, recordedCountries), coverageScenario, games,
        coverage(outlook, coverageScenario, shownInCoverage),
        firstYears(published.apply(FirstCoveredYearTable.TABLE), shownInCoverage), horizons);
  }

  /**
   * The countries with recorded years in metal_forecast (the same in every scenario), by code:
   * a few dozen codes at most, collected once for the filters of the forecast and coverage rows.
   */
  private static List<String> recordedCountries(Dataset<Row> forecast) {
    if (forecast == null) {
      return List.of();
    }
    return distinct(forecast.filter(col(MetalForecastTable.SCOPE_LEVEL).equalTo(MetalForecastTable.COUNTRY_LEVEL)
        .and(not(col(MetalForecastTable.IS_FORECAST)))), MetalForecastTable.SCOPE).stream().toList();
  }

  private static Column shownAggregate(String scopeLevelColumn) {
    return col(scopeLevelColumn).isin(SHOWN_AGGREGATES.toArray());
  }

  private static Column isAnyOf(String column, List<String> values) {
    // isin() of nothing is no filter Spark documents: say "none" outright.
    return values.isEmpty() ? lit(false) : col(column).isin(values.toArray());
  }

  /**
   * The medal_outlook and first_covered_year rows the coverage section shows: the world, the
   * regions, the countries with recorded years, and each Games' own host.
   */
  private static Column shownInCoverage(List<String> recordedCountries, List<Games> games) {
    Column host = lit(false);
    for (Games g : games) {
      if (g.host() != null) {
        host = host.or(col(MedalOutlookTable.GAMES_ID).equalTo(g.id())
            .and(col(MedalOutlookTable.SCOPE).equalTo(g.host())));
      }
    }
    return shownAggregate(MedalOutlookTable.SCOPE_LEVEL)
        .or(col(MedalOutlookTable.SCOPE_LEVEL).equalTo(MetalForecastTable.COUNTRY_LEVEL)
            .and(isAnyOf(MedalOutlookTable.SCOPE, recordedCountries).or(host)));
  }

  private static Set<String> distinct(Dataset<Row> rows, String column) {
    Set<String> values = new TreeSet<>();
    // A table written before it was partitioned reads with a null scenario: no scenario to name.
    rows.select(column).distinct().filter(col(column).isNotNull()).collectAsList()
        .forEach(r -> values.add(r.getString(0)));
    return values;
  }

  private static LatestRun latestRun(Warehouse warehouse) {
    if (!warehouse.isPublished(RunHistory.TABLE)) {
      return null;
    }
    List<Row> newest = warehouse.readPublished(RunHistory.TABLE)
        .orderBy(col(RunHistory.STARTED_AT).desc())
        .select(RunHistory.RUN_ID, RunHistory.COMMAND, RunHistory.SCENARIO, RunHistory.STATUS, RunHistory.FINISHED_AT)
        .limit(1).collectAsList();
    if (newest.isEmpty()) {
      return null;
    }
    Row r = newest.get(0);
    java.sql.Timestamp finished = r.getTimestamp(4);
    return new LatestRun(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
        finished == null ? null : finished.toInstant());
  }

  private static List<Recovered> recovered(Dataset<Row> table) {
    if (table == null) {
      return List.of();
    }
    // The table's key is country, year and metal already: one row per point of the charts.
    return table.filter(col(RecoveryByCountryYearTable.MASS_KG).isNotNull())
        .select(RecoveryByCountryYearTable.COUNTRY_CODE, RecoveryByCountryYearTable.METAL, RecoveryByCountryYearTable.YEAR,
            RecoveryByCountryYearTable.MASS_KG, RecoveryByCountryYearTable.SOURCE)
        .collectAsList().stream()
        .map(r -> new Recovered(r.getString(0), r.getString(1), r.getInt(2), r.getDouble(3), r.getString(4)))
        .toList();
  }

  /**
   * The series of the world, the regions and the countries that have recorded years, every
   * scenario; not the sub-regions, nor the countries the model alone gives.
   */
  private static List<ForecastPoint> forecasts(Dataset<Row> table, List<String> recordedCountries) {
    if (table == null) {
      return List.of();
    }
    return table.filter(shownAggregate(MetalForecastTable.SCOPE_LEVEL)
            .or(col(MetalForecastTable.SCOPE_LEVEL).equalTo(MetalForecastTable.COUNTRY_LEVEL)
                .and(isAnyOf(MetalForecastTable.SCOPE, recordedCountries))))
        .select(MetalForecastTable.SCENARIO, MetalForecastTable.SCOPE_LEVEL, MetalForecastTable.SCOPE,
            MetalForecastTable.METAL, MetalForecastTable.YEAR, MetalForecastTable.MASS_KG, MetalForecastTable.LOWER_KG,
            MetalForecastTable.UPPER_KG, MetalForecastTable.IS_FORECAST, MetalForecastTable.BASIS,
            MetalForecastTable.COUNTRIES, MetalForecastTable.RECORDED_SHARE)
        .collectAsList().stream()
        .map(r -> new ForecastPoint(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getInt(4),
            r.getDouble(5), nullableDouble(r, 6), nullableDouble(r, 7), r.getBoolean(8), r.getString(9),
            r.isNullAt(10) ? null : r.getInt(10), nullableDouble(r, 11)))
        .toList();
  }

  /** The Games of the coverage scenario's outlook, by year, with host and needs from medal_demand. */
  private static List<Games> games(Dataset<Row> outlook, Dataset<Row> demand, String scenario) {
    if (outlook == null) {
      return List.of();
    }
    Map<String, List<Row>> demandByGames = new TreeMap<>();
    if (demand != null) {
      demand.filter(col(MedalDemandTable.SCENARIO).equalTo(scenario))
          .select(MedalDemandTable.GAMES_ID, MedalDemandTable.HOST_COUNTRY, MedalDemandTable.SEASON, MedalDemandTable.METAL,
              MedalDemandTable.MASS_KG)
          .collectAsList()
          .forEach(r -> demandByGames.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r));
    }
    return outlook.filter(col(MedalOutlookTable.SCENARIO).equalTo(scenario))
        .select(MedalOutlookTable.GAMES_ID, MedalOutlookTable.GAMES, MedalOutlookTable.GAMES_YEAR).distinct()
        .collectAsList().stream()
        .map(r -> {
          List<Row> needs = demandByGames.getOrDefault(r.getString(0), List.of());
          Map<String, Double> neededKg = new TreeMap<>();
          needs.stream().filter(n -> !n.isNullAt(4)).forEach(n -> neededKg.put(n.getString(3), n.getDouble(4)));
          return new Games(r.getString(0), r.getString(1), r.getInt(2),
              needs.isEmpty() ? null : needs.get(0).getString(1), needs.isEmpty() ? null : needs.get(0).getString(2),
              neededKg);
        })
        .sorted(Comparator.comparingInt(Games::year).thenComparing(Games::name))
        .toList();
  }

  private static List<CoveragePoint> coverage(Dataset<Row> outlook, String scenario, Column shown) {
    if (outlook == null) {
      return List.of();
    }
    return outlook.filter(col(MedalOutlookTable.SCENARIO).equalTo(scenario).and(shown))
        .select(MedalOutlookTable.GAMES_ID, MedalOutlookTable.SCOPE_LEVEL, MedalOutlookTable.SCOPE,
            MedalOutlookTable.METAL, MedalOutlookTable.YEAR, MedalOutlookTable.P50_COVERAGE)
        .collectAsList().stream()
        .map(r -> new CoveragePoint(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getInt(4),
            nullableDouble(r, 5)))
        .toList();
  }

  /** Every scenario's first years, of the scopes the coverage charts show. */
  private static List<FirstYear> firstYears(Dataset<Row> table, Column shown) {
    if (table == null) {
      return List.of();
    }
    return table.filter(shown)
        .select(FirstCoveredYearTable.SCENARIO, FirstCoveredYearTable.GAMES_ID, FirstCoveredYearTable.SCOPE_LEVEL,
            FirstCoveredYearTable.SCOPE, FirstCoveredYearTable.METAL, FirstCoveredYearTable.NEEDED_KG,
            FirstCoveredYearTable.FIRST_YEAR_P50, FirstCoveredYearTable.FIRST_YEAR_P5)
        .collectAsList().stream()
        .map(r -> new FirstYear(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
            nullableDouble(r, 5), r.isNullAt(6) ? null : r.getInt(6), r.isNullAt(7) ? null : r.getInt(7)))
        .toList();
  }

  private static Map<String, Integer> horizons(Dataset<Row> outlook) {
    Map<String, Integer> horizons = new TreeMap<>();
    if (outlook != null) {
      outlook.filter(col(MedalOutlookTable.SCENARIO).isNotNull())
          .groupBy(MedalOutlookTable.SCENARIO).agg(max(MedalOutlookTable.YEAR)).collectAsList()
          .forEach(r -> horizons.put(r.getString(0), r.getInt(1)));
    }
    return horizons;
  }

  private static Double nullableDouble(Row r, int i) {
    return r.isNullAt(i) ? null : r.getDouble(i);
  }
}
