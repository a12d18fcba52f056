package org.urbanmine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.urbanmine.report.ReportData.CoveragePoint;
import org.urbanmine.report.ReportData.FirstYear;
import org.urbanmine.report.ReportData.ForecastPoint;
import org.urbanmine.report.ReportData.Games;
import org.urbanmine.report.ReportData.Recovered;
import org.urbanmine.report.SvgChart.Series;
import org.urbanmine.tables.MetalForecastTable;
import org.urbanmine.tables.RecoveryByRegionYearTable;

/**
 * What the page's charts and tables show, from hand-made {@link ReportData}, without Spark or
 * markup: the cases {@link ReportFixture}'s two countries and one Games do not reach.
 */
class ReportFiguresTest {
  private static final String COUNTRY = MetalForecastTable.COUNTRY_LEVEL;
  private static final String REGION = ReportData.REGION_LEVEL;

  private static ReportData data(List<String> scenarios, List<Recovered> recovered, List<Games> games,
      List<CoveragePoint> coverage, List<FirstYear> firstYears, Map<String, Integer> horizons) {
    return data(scenarios, recovered, List.of(), games, coverage, firstYears, horizons);
  }

  private static ReportData data(List<String> scenarios, List<Recovered> recovered, List<ForecastPoint> forecasts,
      List<Games> games, List<CoveragePoint> coverage, List<FirstYear> firstYears, Map<String, Integer> horizons) {
    return new ReportData(Instant.EPOCH, "w", scenarios, null, Set.of(), recovered, forecasts,
        scenarios.isEmpty() ? null : scenarios.get(0), games, coverage, firstYears, horizons);
  }

  private static CoverageFigures coverage(ReportData data) {
    return new CoverageFigures(data, new SeriesColours(data));
  }

  /**
   * The palette has 12 colours. Countries are numbered by code over recovered and coverage
   * together: ARG (coverage only) 0, then C00..C24 are 1..25. C10 (11) is the last solid line;
   * C11 (12) takes colour 0 again with the first dash; C23 (24) starts the second round of dashes.
   * The aggregates come after the countries, the world first: World 26, Asia 27 (colours 2 and 3,
   * with the second round's dash).
   */
  @Test
  void scopesPastThePaletteAreDashedAndKeepOneLookInEverySection() {
    List<Recovered> recovered = IntStream.range(0, 25)
        .mapToObj(i -> new Recovered(String.format("C%02d", i), "gold", 2020, 1.0, "s")).toList();
    SeriesColours colours = new SeriesColours(data(List.of(), recovered, List.of(),
        List.of(new CoveragePoint("g", REGION, "Asia", "gold", 2020, 1.0),
            new CoveragePoint("g", COUNTRY, "ARG", "gold", 2020, 1.0),
            new CoveragePoint("g", RecoveryByRegionYearTable.WORLD, "World", "gold", 2020, 1.0)),
        List.of(), Map.of()));
    Series arg = colours.scopeLine("ARG", "ARG", List.of());
    Series c10 = colours.scopeLine("C10", "C10", List.of());
    Series c11 = colours.scopeLine("C11 (host)", "C11", List.of());
    Series c23 = colours.scopeLine("C23", "C23", List.of());
    Series world = colours.scopeLine("World", "World", List.of());
    Series asia = colours.scopeLine("Asia", "Asia", List.of());
    assertThat(arg.colour()).isEqualTo(SvgChart.PALETTE.get(0));
    assertThat(arg.dash()).isNull();
    assertThat(c10.colour()).isEqualTo(SvgChart.PALETTE.get(11));
    assertThat(c10.dash()).isNull();
    assertThat(c11.colour()).isEqualTo(SvgChart.PALETTE.get(0));
    assertThat(c11.dash()).isEqualTo(SeriesColours.SCOPE_DASHES.get(0));
    assertThat(c23.dash()).isEqualTo(SeriesColours.SCOPE_DASHES.get(1));
    assertThat(world.colour()).isEqualTo(SvgChart.PALETTE.get(2));
    assertThat(asia.colour()).isEqualTo(SvgChart.PALETTE.get(3));
    assertThat(asia.dash()).isEqualTo(SeriesColours.SCOPE_DASHES.get(1));
  }

  /**
   * An aggregate's summary reads its count and its recorded shares at the horizon of the first
   * scenario (base, 2030): gold 0.25 -> 25 %, silver 0.0123 -> 1.23 %; not the 2020 row's 0.9,
   * nor the other scenario's 0.5. A country has none.
   */
  @Test
  void anAggregatesSummaryGivesItsCountAndRecordedSharesAtTheHorizon() {
    List<ForecastPoint> points = List.of(
        new ForecastPoint("base", REGION, "Europe", "gold", 2020, 10, 8.0, 12.0, true, null, 40, 0.9),
        new ForecastPoint("base", REGION, "Europe", "gold", 2030, 10, 8.0, 12.0, true, null, 40, 0.25),
        new ForecastPoint("base", REGION, "Europe", "silver", 2030, 10, 8.0, 12.0, true, null, 40, 0.0123),
        new ForecastPoint("other", REGION, "Europe", "gold", 2030, 10, 8.0, 12.0, true, null, 40, 0.5),
        new ForecastPoint("base", COUNTRY, "FRA", "gold", 2030, 10, 8.0, 12.0, true, "calibrated", 1, 1.0));
    ReportData data = data(List.of("base", "other"), List.of(), points, List.of(), List.of(), List.of(), Map.of());
    ForecastFigures figures = new ForecastFigures(data, new SeriesColours(data));
    assertThat(ForecastFigures.scopes(data)).containsExactly("Europe", "FRA");
    assertThat(ForecastFigures.heading(data, "Europe")).isEqualTo("Europe (40 countries)");
    assertThat(ForecastFigures.heading(data, "FRA")).isEqualTo("FRA");
    assertThat(figures.summary("Europe")).isEqualTo("Sum of 40 countries, draw by draw. Share of its 2030 mass "
        + "(base) from recorded or calibrated countries: gold 25 %, silver 1.23 % (the rest from pooled or "
        + "estimated countries: the model alone).");
    assertThat(figures.summary("FRA")).isNull();
  }

  @Test
  void aGamesSummarySaysWhenTheHostIsNotChartedOrNotKnown() {
    Games milano = new Games("mc", "Milano Cortina 2026", 2026, "ITA", "winter",
        Map.of("tin", 0.5, "silver", 2.0, "gold", 1.5));
    Games unknown = new Games("x", "X 2030", 2030, null, null, Map.of());
    CoverageFigures figures = coverage(data(List.of("baseline"), List.of(), List.of(milano, unknown),
        List.of(new CoveragePoint("mc", COUNTRY, "FRA", "gold", 2026, 0.5)), List.of(), Map.of()));
    assertThat(figures.summary(milano)).isEqualTo("Winter Games of 2026, hosted by ITA. For its medals the host must obtain gold 1.5 kg, "
        + "silver 2 kg, tin 0.5 kg. The host has no recovery data in medal_outlook, so it is not charted.");
    assertThat(figures.summary(unknown)).isEqualTo("Games of 2030 (host unknown: medal_demand is not published).");
  }

  /**
   * The opening answer: only Games from the given year (2026) on, in the charts' scenario
   * (baseline); per metal the host's, its region's and the world's year from which the need is
   * covered for good. Brisbane 2032 (AUS, Oceania) gold: the host from 2034 at P50 and never by
   * 2040 at P5, Oceania throughout at P50 and from 2031 at P5, the world throughout; silver has no
   * rows at all (dashes). The "high" scenario's row and Paris 2024 (before 2026) are not shown.
   */
  @Test
  void theAnswerGivesEachComingHostItsRegionAndTheWorldFromWhenTheNeedIsCoveredForGood() {
    Games paris = new Games("p", "Paris 2024", 2024, "FRA", "summer", Map.of("gold", 31.0), "Europe");
    Games brisbane = new Games("b", "Brisbane 2032", 2032, "AUS", "summer", Map.of("gold", 32.5, "silver", 3500.0),
        "Oceania");
    String world = org.urbanmine.tables.RecoveryByRegionYearTable.WORLD_SCOPE;
    String worldLevel = org.urbanmine.tables.RecoveryByRegionYearTable.WORLD;
    CoverageFigures figures = coverage(data(List.of("baseline", "high"), List.of(), List.of(paris, brisbane),
        List.of(), List.of(
            new FirstYear("baseline", "b", COUNTRY, "AUS", "gold", 32.5, 2030, 2033, 2034, null, false, false),
            new FirstYear("high", "b", COUNTRY, "AUS", "gold", 32.5, 2026, 2027, 2026, 2027, false, false),
            new FirstYear("baseline", "b", REGION, "Oceania", "gold", 32.5, 2010, 2010, null, 2031, true, false),
            new FirstYear("baseline", "b", worldLevel, world, "gold", 32.5, 2010, 2010, null, null, true, true),
            new FirstYear("baseline", "p", COUNTRY, "FRA", "gold", 31.0, 2030, 2033, 2030, 2033, false, false)),
        Map.of("baseline", 2040)));
    FigureTable answer = figures.answer(2026);
    assertThat(answer.head()).containsExactly("Games", "metal", "to obtain (kg)", "host p50", "host p5", "region p50",
        "region p5", "world p50", "world p5");
    assertThat(answer.body()).containsExactly(
        List.of("Brisbane 2032 (AUS, Oceania)", "gold", "32.5", "from 2034", "not by 2040", "throughout", "from 2031",
            "throughout", "throughout"),
        List.of("Brisbane 2032 (AUS, Oceania)", "silver", "3,500", Figures.NONE, Figures.NONE, Figures.NONE,
            Figures.NONE, Figures.NONE, Figures.NONE));
    assertThat(answer.caption()).isEqualTo("From which year the need is covered for good (scenario baseline)");
  }

  /**
   * The host (JPN) first, then the aggregates (Asia), then the other countries; a scope's row per
   * scenario only where it has a year for some metal (FRA has none under high, so no row); a year
   * not reached reads "not by" the scenario's horizon, or "not by the horizon" where medal_outlook
   * gives none (high).
   */
  @Test
  void theFirstYearTableHasARowPerScopeAndScenarioWithFigures() {
    Games games = new Games("g", "G", 2032, "JPN", "summer", Map.of());
    CoverageFigures figures = coverage(data(List.of("baseline", "high"), List.of(), List.of(games),
        List.of(), List.of(new FirstYear("baseline", "g", COUNTRY, "FRA", "gold", 1.0, 2030, null),
            new FirstYear("high", "g", COUNTRY, "JPN", "gold", 1.0, null, null),
            new FirstYear("baseline", "g", REGION, "Asia", "gold", 1.0, 2020, 2021),
            new FirstYear("baseline", "g", COUNTRY, "JPN", "silver", 1.0, 2031, 2035)), Map.of("baseline", 2040)));
    FigureTable table = figures.firstYears(games);
    assertThat(table.head()).containsExactly("scope", "scenario", "gold p50", "gold p5", "silver p50", "silver p5");
    assertThat(table.rowHeads()).isEqualTo(2);
    assertThat(table.body()).containsExactly(
        List.of("JPN (host)", "baseline", Figures.NONE, Figures.NONE, "2031", "2035"),
        List.of("JPN (host)", "high", "not by the horizon", "not by the horizon", Figures.NONE, Figures.NONE),
        List.of("Asia", "baseline", "2020", "2021", Figures.NONE, Figures.NONE),
        List.of("FRA", "baseline", "2030", "not by 2040", Figures.NONE, Figures.NONE));
  }
}
