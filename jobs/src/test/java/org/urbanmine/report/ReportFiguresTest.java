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
import org.urbanmine.report.ReportData.Games;
import org.urbanmine.report.ReportData.Recovered;
import org.urbanmine.report.SvgChart.Series;

/**
 * What the page's charts and tables show, from hand-made {@link ReportData}, without Spark or
 * markup: the cases {@link ReportFixture}'s two countries and one Games do not reach.
 */
class ReportFiguresTest {
  private static ReportData data(List<String> scenarios, List<Recovered> recovered, List<Games> games,
      List<CoveragePoint> coverage, List<FirstYear> firstYears, Map<String, Integer> horizons) {
    return new ReportData(Instant.EPOCH, "w", scenarios, null, Set.of(), recovered, List.of(),
        scenarios.isEmpty() ? null : scenarios.get(0), games, coverage, firstYears, horizons);
  }

  private static CoverageFigures coverage(ReportData data) {
    return new CoverageFigures(data, new SeriesColours(data));
  }

  /**
   * The palette has 12 colours. Countries are numbered by code over recovered and coverage
   * together: ARG (coverage only) 0, then C00..C24 are 1..25. C10 (11) is the last solid line;
   * C11 (12) takes colour 0 again with the first dash; C23 (24) starts the second round of dashes.
   */
  @Test
  void countriesPastThePaletteAreDashedAndKeepOneLookInEverySection() {
    List<Recovered> recovered = IntStream.range(0, 25)
        .mapToObj(i -> new Recovered(String.format("C%02d", i), "gold", 2020, 1.0, "s")).toList();
    SeriesColours colours = new SeriesColours(data(List.of(), recovered, List.of(),
        List.of(new CoveragePoint("g", "ARG", "gold", 2020, 1.0)), List.of(), Map.of()));
    Series arg = colours.countryLine("ARG", "ARG", List.of());
    Series c10 = colours.countryLine("C10", "C10", List.of());
    Series c11 = colours.countryLine("C11 (host)", "C11", List.of());
    Series c23 = colours.countryLine("C23", "C23", List.of());
    assertThat(arg.colour()).isEqualTo(SvgChart.PALETTE.get(0));
    assertThat(arg.dash()).isNull();
    assertThat(c10.colour()).isEqualTo(SvgChart.PALETTE.get(11));
    assertThat(c10.dash()).isNull();
    assertThat(c11.colour()).isEqualTo(SvgChart.PALETTE.get(0));
    assertThat(c11.dash()).isEqualTo(SeriesColours.COUNTRY_DASHES.get(0));
    assertThat(c23.dash()).isEqualTo(SeriesColours.COUNTRY_DASHES.get(1));
  }

  @Test
  void aGamesSummarySaysWhenTheHostIsNotChartedOrNotKnown() {
    Games milano = new Games("mc", "Milano Cortina 2026", 2026, "ITA", "winter",
        Map.of("tin", 0.5, "silver", 2.0, "gold", 1.5));
    Games unknown = new Games("x", "X 2030", 2030, null, null, Map.of());
    CoverageFigures figures = coverage(data(List.of("baseline"), List.of(), List.of(milano, unknown),
        List.of(new CoveragePoint("mc", "FRA", "gold", 2026, 0.5)), List.of(), Map.of()));
    assertThat(figures.summary(milano)).isEqualTo("Winter Games of 2026, hosted by ITA. Medals need gold 1.5 kg, "
        + "silver 2 kg, tin 0.5 kg. The host has no recovery data in medal_outlook, so it is not charted.");
    assertThat(figures.summary(unknown)).isEqualTo("Games of 2030 (host unknown: medal_demand is not published).");
  }

  /**
   * The host (JPN) first; a country's row per scenario only where it has a year for some metal
   * (FRA has none under high, so no row); a year not reached reads "not by" the scenario's
   * horizon, or "not by the horizon" where medal_outlook gives none (high).
   */
  @Test
  void theFirstYearTableHasARowPerCountryAndScenarioWithFigures() {
    Games games = new Games("g", "G", 2032, "JPN", "summer", Map.of());
    CoverageFigures figures = coverage(data(List.of("baseline", "high"), List.of(), List.of(games),
        List.of(), List.of(new FirstYear("baseline", "g", "FRA", "gold", 1.0, 2030, null),
            new FirstYear("high", "g", "JPN", "gold", 1.0, null, null),
            new FirstYear("baseline", "g", "JPN", "silver", 1.0, 2031, 2035)), Map.of("baseline", 2040)));
    FigureTable table = figures.firstYears(games);
    assertThat(table.head()).containsExactly("country", "scenario", "gold p50", "gold p5", "silver p50", "silver p5");
    assertThat(table.rowHeads()).isEqualTo(2);
    assertThat(table.body()).containsExactly(
        List.of("JPN (host)", "baseline", Figures.NONE, Figures.NONE, "2031", "2035"),
        List.of("JPN (host)", "high", "not by the horizon", "not by the horizon", Figures.NONE, Figures.NONE),
        List.of("FRA", "baseline", "2030", "not by 2040", Figures.NONE, Figures.NONE));
  }
}
