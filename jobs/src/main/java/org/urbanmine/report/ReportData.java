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
import java.util.stream.Collectors;
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
 * collects the result, but reads the few that are small whatever the input (the countries'
 * recorded totals, the Games' needs, the run history, the scenarios' partitions) with Parquet's
 * own reader, since each Spark query costs a job; {@link ReportPage} renders it without touching
 * Spark or the file system.
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

  /**
   * A Games, with its host (null if medal_demand is not published), the host's M49 region (null
   * where unknown) and the kilograms the host must obtain per metal (medal_demand.obtain_kg).
   */
  public record Games(String id, String name, int year, String host, String season, Map<String, Double> neededKg,
      String hostRegion) {
    public Games(String id, String name, int year, String host, String season, Map<String, Double> neededKg) {
      this(id, name, year, host, season, neededKg, null);
    }
  }

  /**
   * A scope's median coverage of a Games' need for a metal in a year, in {@link #coverageScenario}:
   * the world, a region, the Games' host or a country with recorded years.
   */
  public record CoveragePoint(String gamesId, String scopeLevel, String scope, String metal, int year,
      Double p50Coverage) {}

  /**
   * A first_covered_year row, of the same scopes as {@link CoveragePoint}: the first years, and
   * the years from which the need stays covered (null: throughout, or never; the flags say which).
   */
  public record FirstYear(String scenario, String gamesId, String scopeLevel, String scope, String metal,
      Double neededKg, Integer firstYearP50, Integer firstYearP5, Integer coveredFromP50, Integer coveredFromP5,
      boolean throughoutP50, boolean throughoutP5) {
    public FirstYear(String scenario, String gamesId, String scopeLevel, String scope, String metal, Double neededKg,
        Integer firstYearP50, Integer firstYearP5) {
      this(scenario, gamesId, scopeLevel, scope, metal, neededKg, firstYearP50, firstYearP5, null, null, false, false);
    }
  }

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
    return read(warehouse, generatedAt, Map.of());
  }

  /** @param regionOfCountry each country's M49 region, for the hosts' regions */
  public static ReportData read(Warehouse warehouse, Instant generatedAt, Map<String, String> regionOfCountry) {
    Set<String> unpublished = new LinkedHashSet<>();
    for (TableSpec table : TABLES) {
      if (!warehouse.isPublished(table)) {
        unpublished.add(table.name());
      }
    }
    Function<TableSpec, Dataset<Row>> published =
        table -> unpublished.contains(table.name()) ? null : warehouse.readPublished(table);

    // The scenarios from the partitions' directory names and footers: no Spark job.
    Set<String> scenarios = new TreeSet<>();
    for (TableSpec table : TABLES) {
      if (!unpublished.contains(table.name()) && table.partitionColumns().contains(TableSpec.SCENARIO)) {
        scenarios.addAll(warehouse.publishedPartitionValues(table, TableSpec.SCENARIO));
      }
    }

    // Each query below is a Spark job, a few hundred milliseconds on any size of table: what the
    // page needs of medal_outlook's Games and horizons comes in one.
    List<ForecastPoint> forecasts = forecasts(published.apply(MetalForecastTable.TABLE));
    List<String> recordedCountries = recordedCountries(forecasts);
    Dataset<Row> outlook = published.apply(MedalOutlookTable.TABLE);
    List<Row> gamesByScenario = gamesByScenario(outlook);
    Map<String, Integer> horizons = horizons(gamesByScenario);
    String coverageScenario = scenarioOrder(horizons.keySet()).stream().findFirst().orElse(null);
    List<Games> games = games(gamesByScenario, warehouse, !unpublished.contains(MedalDemandTable.TABLE.name()),
        coverageScenario, regionOfCountry);
    CoverageScopes shown = CoverageScopes.of(recordedCountries, games);
    return new ReportData(generatedAt, Warehouse.display(warehouse.root()), scenarioOrder(scenarios),
        latestRun(warehouse), unpublished, recovered(warehouse, unpublished),
        forecasts, coverageScenario, games,
        coverage(outlook, coverageScenario, shown.filter()),
        firstYears(warehouse, unpublished, shown), horizons);
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
   * regions, the countries with recorded years, and each Games' own host. One rule, as a Spark
   * filter and as a test of a row read without Spark.
   *
   * @param hostByGames each Games' host, by Games id
   */
  private record CoverageScopes(Set<String> recordedCountries, Map<String, String> hostByGames) {
    static CoverageScopes of(List<String> recordedCountries, List<Games> games) {
      Map<String, String> hosts = new TreeMap<>();
      games.stream().filter(g -> g.host() != null).forEach(g -> hosts.put(g.id(), g.host()));
      return new CoverageScopes(new TreeSet<>(recordedCountries), hosts);
    }

    Column filter() {
      Column host = lit(false);
      for (Map.Entry<String, String> g : hostByGames.entrySet()) {
        host = host.or(col(MedalOutlookTable.GAMES_ID).equalTo(g.getKey())
            .and(col(MedalOutlookTable.SCOPE).equalTo(g.getValue())));
      }
      return shownAggregate(MedalOutlookTable.SCOPE_LEVEL)
          .or(col(MedalOutlookTable.SCOPE_LEVEL).equalTo(MetalForecastTable.COUNTRY_LEVEL)
              .and(isAnyOf(MedalOutlookTable.SCOPE, List.copyOf(recordedCountries)).or(host)));
    }

    boolean shows(Object scopeLevel, Object scope, Object gamesId) {
      if (SHOWN_AGGREGATES.contains(scopeLevel)) {
        return true;
      }
      return MetalForecastTable.COUNTRY_LEVEL.equals(scopeLevel) && scope != null
          && (recordedCountries.contains(scope) || scope.equals(hostByGames.get(gamesId)));
    }
  }

  private static LatestRun latestRun(Warehouse warehouse) {
    return RunHistory.newest(warehouse)
        .map(r -> new LatestRun(r.runId(), r.command(), r.scenario(), r.status(), r.finishedAt()))
        .orElse(null);
  }

  /**
   * Every recorded point: the whole table, a few thousand rows at most (countries x years x
   * metals), read with Parquet's own reader rather than a Spark job.
   */
  private static List<Recovered> recovered(Warehouse warehouse, Set<String> unpublished) {
    if (unpublished.contains(RecoveryByCountryYearTable.TABLE.name())) {
      return List.of();
    }
    // The table's key is country, year and metal already: one row per point of the charts.
    return warehouse.readSmallPublished(RecoveryByCountryYearTable.TABLE, Map.of()).stream()
        .filter(r -> r.get(RecoveryByCountryYearTable.MASS_KG) != null)
        .map(r -> new Recovered((String) r.get(RecoveryByCountryYearTable.COUNTRY_CODE),
            (String) r.get(RecoveryByCountryYearTable.METAL), (Integer) r.get(RecoveryByCountryYearTable.YEAR),
            (Double) r.get(RecoveryByCountryYearTable.MASS_KG), (String) r.get(RecoveryByCountryYearTable.SOURCE)))
        .toList();
  }

  /**
   * The series of the world, the regions and the countries that have recorded years (in any
   * scenario: they are the same in every one), every scenario; not the sub-regions, nor the
   * countries the model alone gives. One query: the recorded countries are joined, not collected
   * first.
   */
  private static List<ForecastPoint> forecasts(Dataset<Row> table) {
    if (table == null) {
      return List.of();
    }
    Column country = col(MetalForecastTable.SCOPE_LEVEL).equalTo(MetalForecastTable.COUNTRY_LEVEL);
    Dataset<Row> recorded = table.filter(country.and(not(col(MetalForecastTable.IS_FORECAST))))
        .select(MetalForecastTable.SCOPE_LEVEL, MetalForecastTable.SCOPE).distinct()
        .withColumn(RECORDED, lit(true));
    return table.join(recorded, new String[] {MetalForecastTable.SCOPE_LEVEL, MetalForecastTable.SCOPE}, "left")
        .filter(shownAggregate(MetalForecastTable.SCOPE_LEVEL).or(country.and(col(RECORDED).isNotNull())))
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

  private static final String RECORDED = "recorded";

  /** The countries of {@code forecasts} with recorded years, by code. */
  private static List<String> recordedCountries(List<ForecastPoint> forecasts) {
    return List.copyOf(forecasts.stream().filter(p -> !p.aggregate() && !p.forecast()).map(ForecastPoint::scope)
        .collect(Collectors.toCollection(TreeSet::new)));
  }

  /**
   * Each scenario's Games in medal_outlook, with the scenario's last year: scenario, games_id,
   * games, games_year and the last year, one row per scenario and Games (a few dozen).
   */
  private static List<Row> gamesByScenario(Dataset<Row> outlook) {
    if (outlook == null) {
      return List.of();
    }
    return outlook
        .groupBy(MedalOutlookTable.SCENARIO, MedalOutlookTable.GAMES_ID, MedalOutlookTable.GAMES,
            MedalOutlookTable.GAMES_YEAR)
        .agg(max(MedalOutlookTable.YEAR))
        .collectAsList();
  }

  /** The Games of the coverage scenario's outlook, by year, with host and needs from medal_demand. */
  private static List<Games> games(List<Row> gamesByScenario, Warehouse warehouse, boolean demandPublished,
      String scenario, Map<String, String> regionOfCountry) {
    List<Row> shown = gamesByScenario.stream().filter(r -> scenario != null && scenario.equals(r.getString(0)))
        .toList();
    if (shown.isEmpty()) {
      return List.of();
    }
    // medal_demand: a row per Games and metal, read with Parquet's own reader rather than a Spark job.
    Map<String, List<Map<String, Object>>> demandByGames = new TreeMap<>();
    if (demandPublished) {
      warehouse.readSmallPublished(MedalDemandTable.TABLE, Map.of(MedalDemandTable.SCENARIO, scenario))
          .forEach(r -> demandByGames.computeIfAbsent((String) r.get(MedalDemandTable.GAMES_ID),
              k -> new ArrayList<>()).add(r));
    }
    return shown.stream()
        .map(r -> {
          List<Map<String, Object>> needs = demandByGames.getOrDefault(r.getString(1), List.of());
          Map<String, Double> neededKg = new TreeMap<>();
          needs.stream().filter(n -> n.get(MedalDemandTable.OBTAIN_KG) != null)
              .forEach(n -> neededKg.put((String) n.get(MedalDemandTable.METAL), (Double) n.get(MedalDemandTable.OBTAIN_KG)));
          Map<String, Object> first = needs.isEmpty() ? Map.of() : needs.get(0);
          String host = (String) first.get(MedalDemandTable.HOST_COUNTRY);
          return new Games(r.getString(1), r.getString(2), r.getInt(3), host,
              (String) first.get(MedalDemandTable.SEASON), neededKg, host == null ? null : regionOfCountry.get(host));
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

  /**
   * Every scenario's first years, of the scopes the coverage charts show: a few thousand rows in
   * all, read with Parquet's own reader rather than a Spark job.
   */
  private static List<FirstYear> firstYears(Warehouse warehouse, Set<String> unpublished, CoverageScopes shown) {
    TableSpec table = FirstCoveredYearTable.TABLE;
    if (unpublished.contains(table.name())) {
      return List.of();
    }
    List<FirstYear> out = new ArrayList<>();
    for (String scenario : warehouse.publishedPartitionValues(table, TableSpec.SCENARIO)) {
      for (Map<String, Object> r : warehouse.readSmallPublished(table, Map.of(TableSpec.SCENARIO, scenario))) {
        if (shown.shows(r.get(FirstCoveredYearTable.SCOPE_LEVEL), r.get(FirstCoveredYearTable.SCOPE),
            r.get(FirstCoveredYearTable.GAMES_ID))) {
          out.add(new FirstYear(scenario, (String) r.get(FirstCoveredYearTable.GAMES_ID),
              (String) r.get(FirstCoveredYearTable.SCOPE_LEVEL), (String) r.get(FirstCoveredYearTable.SCOPE),
              (String) r.get(FirstCoveredYearTable.METAL), (Double) r.get(FirstCoveredYearTable.NEEDED_KG),
              (Integer) r.get(FirstCoveredYearTable.FIRST_YEAR_P50),
              (Integer) r.get(FirstCoveredYearTable.FIRST_YEAR_P5),
              (Integer) r.get(FirstCoveredYearTable.COVERED_FROM_P50),
              (Integer) r.get(FirstCoveredYearTable.COVERED_FROM_P5),
              Boolean.TRUE.equals(r.get(FirstCoveredYearTable.COVERED_THROUGHOUT_P50)),
              Boolean.TRUE.equals(r.get(FirstCoveredYearTable.COVERED_THROUGHOUT_P5))));
        }
      }
    }
    return out;
  }

  /** The last year of each scenario's outlook. */
  private static Map<String, Integer> horizons(List<Row> gamesByScenario) {
    Map<String, Integer> horizons = new TreeMap<>();
    gamesByScenario.stream().filter(r -> !r.isNullAt(0) && !r.isNullAt(4))
        .forEach(r -> horizons.merge(r.getString(0), r.getInt(4), Math::max));
    return horizons;
  }

  private static Double nullableDouble(Row r, int i) {
    return r.isNullAt(i) ? null : r.getDouble(i);
  }
}
