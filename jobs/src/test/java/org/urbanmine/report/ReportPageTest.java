package org.urbanmine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.report.ReportData.CoveragePoint;
import org.urbanmine.report.ReportData.FirstYear;
import org.urbanmine.report.ReportData.ForecastPoint;
import org.urbanmine.report.ReportData.Games;
import org.urbanmine.report.ReportData.Recovered;
import org.urbanmine.tables.MetalForecastTable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The page made from {@link ReportFixture}'s warehouse: its figures, charts and markup. */
class ReportPageTest extends SparkTestBase {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static String html;
  private static Document page;

  @BeforeAll
  static void render() throws Exception {
    Path root = ReportFixture.warehouse(spark);
    html = ReportPage.html(ReportData.read(new Warehouse(spark, root.toString(), "report"), NOW));
    page = parse(html, false);
  }

  @Test
  void recoveredTableGivesEachCountryAndYearInKilograms() {
    Map<String, String> y2014 = row(table("gold recovered by country, kg"), "year", "2014");
    assertThat(y2014).containsEntry("JPN", "143").containsEntry("FRA", "9.75");
    assertThat(row(table("gold recovered by country, kg"), "year", "2012")).containsEntry("FRA", "8.25");
    // Thousands are grouped; silver has only 2014.
    assertThat(table("silver recovered by country, kg"))
        .containsExactly(Map.of("year", "2014", "FRA", "310", "JPN", "4,200"));
    // Where the figures come from: the fixture's one source, for both countries, 2012 to 2014.
    assertThat(html).contains("Sources: <b>fixture</b> (FRA, JPN; 2012\u20132014).");
  }

  /**
   * A country with records: its last recorded year, every fifth year after it and the horizon, with
   * what each value rests on. JPN gold, baseline: 143 recorded in 2014, 143 + 11.5 = 154.5 in 2015,
   * 143 + 6 x 11.5 = 212 in 2020 with 212 x (1 -+ 0.48) = 110.24 .. 313.76; high-collection 1.2
   * times that: 254.4, 132.29 .. 376.51.
   */
  @Test
  void forecastTableGivesEachScenarioAtTheLastObservedYearEveryFifthYearAndTheHorizon() {
    List<Map<String, String>> jpn = table("JPN \u00b7 gold, kg");
    assertThat(jpn).extracting(r -> r.get("scenario") + " " + r.get("year")).containsExactly(
        "baseline 2014 (observed)", "baseline 2015", "baseline 2020",
        "high-collection 2014 (observed)", "high-collection 2015", "high-collection 2020");
    assertThat(jpn.get(0)).containsEntry("kg", "143").containsEntry("interval", "").containsEntry("basis", "recorded");
    assertThat(jpn.get(1)).containsEntry("kg", "155").containsEntry("basis", "calibrated");
    assertThat(jpn.get(2)).containsEntry("kg", "212").containsEntry("interval", "110 \u2013 314");
    assertThat(jpn.get(5)).containsEntry("kg", "254").containsEntry("interval", "132 \u2013 377");
    // Carried forward flat: no interval.
    assertThat(row(table("FRA \u00b7 silver, kg"), "year", "2020")).containsEntry("kg", "310")
        .containsEntry("interval", Figures.NONE);
  }

  /**
   * An aggregate has no recorded year (DEU and BRA have none): its table gives every fifth year
   * and the horizon with recorded_share. World gold, baseline 2015: JPN 154.5 (142.14 .. 166.86),
   * FRA 10.5 (9.66 .. 11.34), DEU 46 (34.5 .. 57.5), BRA 23 (17.25 .. 28.75): 234 (203.55 ..
   * 264.45), share 165 / 234 = 70.5 %; 2020 as the fixture's comment works out: 310.25 (180.65 ..
   * 439.85), 72.9 %; high-collection 2020: 1.2 x 310.25 = 372.3 (216.78 .. 527.82), share
   * 1.2 x 226.25 / 372.3, the same 72.9 %.
   */
  @Test
  void anAggregatesTableGivesItsIntervalAndRecordedShare() {
    List<Map<String, String>> world = table("World \u00b7 gold, kg");
    assertThat(world).extracting(r -> r.get("scenario") + " " + r.get("year")).containsExactly(
        "baseline 2015", "baseline 2020", "high-collection 2015", "high-collection 2020");
    assertThat(world.get(0)).containsEntry("kg", "234").containsEntry("interval", "204 \u2013 264")
        .containsEntry("recorded share", "70.5 %");
    assertThat(world.get(1)).containsEntry("kg", "310").containsEntry("interval", "181 \u2013 440")
        .containsEntry("recorded share", "72.9 %");
    assertThat(world.get(3)).containsEntry("kg", "372").containsEntry("interval", "217 \u2013 528")
        .containsEntry("recorded share", "72.9 %");
  }

  /**
   * Europe sums FRA and DEU. Gold, baseline, 2020: 14.25 + 56 = 70.25 (49.41 .. 91.09), share
   * 14.25 / 70.25 = 20.3 %; 2015: 10.5 + 46 = 56.5 (9.66 + 34.5 = 44.16 .. 11.34 + 57.5 = 68.84),
   * share 10.5 / 56.5 = 18.6 %. Silver, 2020: 310 + 1,000 = 1,310, share 310 / 1,310 = 23.7 %.
   */
  @Test
  void aRegionIsShownWithHowManyCountriesItSumsAndItsRecordedShare() throws Exception {
    assertThat(headings()).contains("Europe (2 countries)", "Asia (1 country)", "World (4 countries)");
    assertThat(html).contains("Sum of 2 countries, draw by draw. Share of its 2020 mass (baseline) from recorded "
        + "or calibrated countries: gold 20.3 %, silver 23.7 %");
    List<Map<String, String>> europe = table("Europe \u00b7 gold, kg");
    assertThat(europe.get(0)).containsEntry("year", "2015").containsEntry("kg", "56.5")
        .containsEntry("interval", "44.2 \u2013 68.8").containsEntry("recorded share", "18.6 %");
    assertThat(europe.get(1)).containsEntry("year", "2020").containsEntry("kg", "70.3")
        .containsEntry("interval", "49.4 \u2013 91.1").containsEntry("recorded share", "20.3 %");
    // In the coverage charts and tables too, with its count.
    assertThat(legends("Paris 2024 \u00b7 gold: p50 coverage")).contains("Europe (2 countries)");
    assertThat(table("Paris 2024: first year each scope covers the medals' need"))
        .extracting(r -> r.get("scope")).contains("Europe (2 countries)");
  }

  /**
   * DEU has no records and hosts no Games: in the tables, but on no chart or table of the page.
   * BRA has no records either but hosts Rio 2016: it is in Rio's charts and table only.
   */
  @Test
  void aCountryWithoutRecordsIsShownOnlyWhereItHostsTheGames() throws Exception {
    assertThat(html).doesNotContain(ReportFixture.UNSHOWN);
    assertThat(legends("Rio 2016 \u00b7 gold: p50 coverage")).containsExactly("BRA (host)", "World (4 countries)",
        "Americas (1 country)", "Asia (1 country)", "Europe (2 countries)", "FRA", "JPN");
    assertThat(legends("Paris 2024 \u00b7 gold: p50 coverage")).containsExactly("FRA (host)", "World (4 countries)",
        "Americas (1 country)", "Asia (1 country)", "Europe (2 countries)", "JPN");
    assertThat(table("Paris 2024: first year each scope covers the medals' need"))
        .extracting(r -> r.get("scope")).doesNotContain("BRA", "BRA (host)");
    assertThat(headings()).doesNotContain("BRA");
  }

  /** What ReportData collects: the filters ran in Spark, so the rows of DEU and the sub-region never came back. */
  @Test
  void theDataHoldsOnlyTheShownScopes() {
    ReportData data = ReportData.read(new Warehouse(spark, ReportFixture.warehouse(spark).toString(), "report"), NOW);
    assertThat(data.forecasts()).extracting(ForecastPoint::scope).containsOnly("World", "Americas", "Asia",
        "Europe", "FRA", "JPN");
    assertThat(data.coverage()).extracting(c -> c.gamesId() + " " + c.scope()).containsOnly(
        "paris-2024 World", "paris-2024 Americas", "paris-2024 Asia", "paris-2024 Europe", "paris-2024 FRA",
        "paris-2024 JPN", "rio-2016 World", "rio-2016 Americas", "rio-2016 Asia", "rio-2016 Europe",
        "rio-2016 FRA", "rio-2016 JPN", "rio-2016 BRA");
    assertThat(data.firstYears()).extracting(FirstYear::scope).doesNotContain(ReportFixture.UNSHOWN,
        ReportFixture.SUB_REGION);
    assertThat(data.aggregateCountries()).containsExactly(Map.entry("World", 4), Map.entry("Americas", 1),
        Map.entry("Asia", 1), Map.entry("Europe", 2));
  }

  /**
   * Paris 2024 needs 10 kg gold, 1,200 kg silver. FRA gold, baseline: 8.25, 9, 9.75 observed, then
   * 10.5, 11.25, 12, 12.75 (2015-2018): p50 coverage (kg / 10) first reaches 1 in 2015; p5
   * (0.8 x kg / 10) needs 12.5 kg, so 2018. High-collection: 2015 is 1.2 x 10.5 = 12.6 kg, and
   * 0.8 x 12.6 = 10.08, so both 2015. FRA silver stays at 310 kg (372 high): never, to 2020. JPN
   * silver 4,200 kg (p5 3,360) covers 1,200 from its first year, 2014. Europe silver from 2014:
   * 310 + 1,000 = 1,310 covers it at p50 but not at p5 (1,048); high-collection 310 + 1,200 =
   * 1,510, p5 1,208, from 2014.
   */
  @Test
  void firstCoveredYearTableGivesTheYearsWorkedOutFromTheCoverageRows() {
    List<Map<String, String>> first = table("Paris 2024: first year each scope covers the medals' need");
    assertThat(first).extracting(r -> r.get("scope") + " " + r.get("scenario")).containsExactly(
        "FRA (host) baseline", "FRA (host) high-collection", "World (4 countries) baseline",
        "World (4 countries) high-collection", "Americas (1 country) baseline", "Americas (1 country) high-collection",
        "Asia (1 country) baseline", "Asia (1 country) high-collection", "Europe (2 countries) baseline",
        "Europe (2 countries) high-collection", "JPN baseline", "JPN high-collection");
    assertThat(first.get(0)).containsEntry("gold p50", "2015").containsEntry("gold p5", "2018")
        .containsEntry("silver p50", "not by 2020").containsEntry("silver p5", "not by 2020");
    assertThat(first.get(1)).containsEntry("gold p50", "2015").containsEntry("gold p5", "2015");
    assertThat(first.get(8)).containsEntry("silver p50", "2014").containsEntry("silver p5", "not by 2020");
    assertThat(first.get(9)).containsEntry("silver p50", "2014").containsEntry("silver p5", "2014");
    assertThat(first.get(10)).containsEntry("gold p50", "2012").containsEntry("silver p50", "2014")
        .containsEntry("silver p5", "2014");
    assertThat(html).contains("Summer Games of 2024, hosted by FRA. For its medals the host must obtain gold 10 kg, silver 1,200 kg.");
  }

  /**
   * Rio 2016 needs 18 kg gold. BRA gold is 20 + (year - 2012): p50 covers it from 2012; p5 needs
   * 0.8 x kg >= 18, kg >= 22.5, so 2015 (23). High-collection: 0.8 x 1.2 x 20 = 19.2, from 2012.
   */
  @Test
  void theHostWithoutRecordsHasItsFirstYears() {
    List<Map<String, String>> first = table("Rio 2016: first year each scope covers the medals' need");
    assertThat(first.get(0)).containsEntry("scope", "BRA (host)").containsEntry("scenario", "baseline")
        .containsEntry("gold p50", "2012").containsEntry("gold p5", "2015");
    assertThat(first.get(1)).containsEntry("scope", "BRA (host)").containsEntry("scenario", "high-collection")
        .containsEntry("gold p5", "2012");
  }

  /** The fixture's Games (2016, 2024) are all before the page's year, 2026: the answer says so. */
  @Test
  void theAnswerComesFirstAndSaysWhenNoGamesAreToCome() {
    assertThat(html.indexOf("id=\"answer\"")).isPositive().isLessThan(html.indexOf("id=\"recovered\""));
    assertThat(html).contains("No Games from 2026 on in first_covered_year");
  }

  @Test
  void headerNamesTheScenariosTheNewestRunAndTheUnits() {
    assertThat(html).contains("baseline, high-collection").contains(ReportFixture.RUN_ID)
        .doesNotContain("20261122T000000Z-older").contains("All figures are kilograms")
        .contains("Forecasts are estimates").contains("2026-11-23 12:00:00 UTC");
    assertThat(html).contains("The charts show scenario <strong>baseline</strong>.");
  }

  @Test
  void everyChartIsWellFormedSvgAndEachForecastLegendNamesEveryScenario() throws Exception {
    List<String> svgs = svgElements(html);
    // Recovered: gold, silver; forecasts: World, Americas, Asia, Europe, FRA, JPN x gold, silver;
    // coverage: Rio and Paris x gold, silver.
    assertThat(svgs).hasSize(18);
    List<String> titles = new ArrayList<>();
    for (String svg : svgs) {
      Document chart = parse(svg, true);
      Element root = chart.getDocumentElement();
      assertThat(root.getLocalName()).isEqualTo("svg");
      assertThat(root.getNamespaceURI()).isEqualTo(SvgChart.SVG_NS);
      String title = root.getAttribute("aria-label");
      titles.add(title);
      List<String> legend = legend(chart);
      // Recorded years show as dots: a country's, and an aggregate's only where all its countries
      // have a record (Asia: JPN alone).
      if (title.endsWith(", kg") && title.contains("\u00b7")) {
        assertThat(legend).as(title).containsExactly(title.startsWith("FRA") || title.startsWith("JPN")
            || title.startsWith("Asia")
            ? new String[] {"baseline", "high-collection", ReportPage.OBSERVED}
            : new String[] {"baseline", "high-collection"});
      }
      if (title.contains("coverage")) {
        assertThat(legend.get(0)).as(title).endsWith(" (host)");
        assertThat(text(chart, "reference-label")).containsExactly("coverage = 1");
      }
    }
    assertThat(titles).contains("gold recovered by country, kg", "World \u00b7 gold, kg",
        "Paris 2024 \u00b7 silver: p50 coverage");
  }

  @Test
  void forecastsShowTheWorldRegionsAndRecordedCountriesButNoSubRegions() {
    assertThat(html).doesNotContain(ReportFixture.SUB_REGION);
    assertThat(headings()).containsSubsequence("World (4 countries)", "Americas (1 country)", "Asia (1 country)",
        "Europe (2 countries)", "FRA", "JPN");
  }

  private static List<String> headings() {
    NodeList h = page.getElementsByTagName("h3");
    List<String> headings = new ArrayList<>();
    for (int i = 0; i < h.getLength(); i++) {
      headings.add(h.item(i).getTextContent());
    }
    return headings;
  }

  /** The legend of the chart with this title. */
  private static List<String> legends(String title) throws Exception {
    for (String svg : svgElements(html)) {
      Document chart = parse(svg, true);
      if (chart.getDocumentElement().getAttribute("aria-label").equals(title)) {
        return legend(chart);
      }
    }
    throw new AssertionError("no chart titled \"" + title + "\"");
  }

  @Test
  void thePageIsWellFormedAndLoadsNothingFromTheNetwork() {
    assertThat(page.getDocumentElement().getTagName()).isEqualTo("html");
    assertOffline(html);
  }

  @Test
  void everyContentsLinkLeadsToAHeadingOnThePage() throws Exception {
    NodeList links = (NodeList) XPathFactory.newInstance().newXPath()
        .evaluate("//nav//a/@href", page, XPathConstants.NODESET);
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < links.getLength(); i++) {
      String id = links.item(i).getNodeValue().substring(1);
      Node target = (Node) XPathFactory.newInstance().newXPath().evaluate("//*[@id='" + id + "']", page, XPathConstants.NODE);
      // A section's first child is its heading.
      targets.add(target == null ? "(nothing with id " + id + ")"
          : target.getNodeName().equals("section") ? target.getFirstChild().getTextContent() : target.getTextContent());
    }
    assertThat(targets).containsExactly("From when: the coming Games' hosts, their regions and the world",
        "Recovered metal by country", "Forecasts", "World (4 countries)",
        "Americas (1 country)", "Asia (1 country)", "Europe (2 countries)", "FRA", "JPN", "Medal coverage",
        "Rio 2016", "Paris 2024");
  }

  /** Names from data and configuration reach the page as text, never as markup. */
  @Test
  void textFromDataIsEscaped() throws Exception {
    String odd = "A<&>\"B'";
    String scenario = "s<&>t";
    ReportData data = new ReportData(NOW, "/w<&>", List.of(scenario), null, Set.of(),
        List.of(new Recovered(odd, "gold", 2014, 1.0, odd)),
        List.of(new ForecastPoint(scenario, MetalForecastTable.COUNTRY_LEVEL, odd, "gold", 2014, 1.0, 1.0, 1.0, false,
                odd, 1, 1.0),
            new ForecastPoint(scenario, MetalForecastTable.COUNTRY_LEVEL, odd, "gold", 2015, 2.0, 1.0, 3.0, true,
                odd, 1, 1.0)),
        scenario, List.of(new Games("g", "G<&>H", 2024, odd, "summer", Map.of("gold", 1.0))),
        List.of(new CoveragePoint("g", MetalForecastTable.COUNTRY_LEVEL, odd, "gold", 2014, 1.0)),
        List.of(new FirstYear(scenario, "g", MetalForecastTable.COUNTRY_LEVEL, odd, "gold", 1.0, 2014, null)),
        Map.of(scenario, 2015));
    String escaped = ReportPage.html(data);
    assertThat(escaped).doesNotContain(odd).doesNotContain(scenario).doesNotContain("G<&>H")
        .contains("A&lt;&amp;&gt;&quot;B&#39;").contains("s&lt;&amp;&gt;t");
    Document parsed = parse(escaped, false);
    assertThat(parsed.getElementsByTagName("svg").getLength()).isEqualTo(3);
    assertThat(table(parsed, "G<&>H: first year each scope covers the medals' need"))
        .containsExactly(Map.of("scope", odd + " (host)", "scenario", scenario, "gold p50", "2014",
            "gold p5", "not by 2015"));
    List<String> legends = new ArrayList<>();
    for (String svg : svgElements(escaped)) {
      legends.addAll(legend(parse(svg, true)));
    }
    assertThat(legends).contains(odd, scenario, odd + " (host)");
  }

  @Test
  void anEmptyWarehouseGivesAPageSayingWhatToRun(@TempDir Path empty) throws Exception {
    String missing = ReportPage.html(ReportData.read(new Warehouse(spark, empty.toString(), "report"), NOW));
    parse(missing, false);
    assertThat(missing).contains("No table the report needs is published in this warehouse yet: run jobs/run nightly.")
        .contains("recovery_by_country_year is not published yet: run jobs/run nightly")
        .contains("metal_forecast is not published yet: run jobs/run nightly")
        .contains("medal_outlook is not published yet: run jobs/run nightly")
        .contains("no runs recorded").doesNotContain("<svg");
    assertOffline(missing);
  }

  static void assertOffline(String html) {
    String withoutNamespaces = html.replace("xmlns=\"" + SvgChart.SVG_NS + "\"", "");
    assertThat(withoutNamespaces).doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://")
        .doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
        .doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("url(")
        .doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("src=");
  }

  static List<String> svgElements(String html) {
    List<String> svgs = new ArrayList<>();
    Matcher m = Pattern.compile("<svg\\b.*?</svg>", Pattern.DOTALL).matcher(html);
    while (m.find()) {
      svgs.add(m.group());
    }
    return svgs;
  }

  static Document parse(String xml, boolean namespaces) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(namespaces);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    DocumentBuilder builder = factory.newDocumentBuilder();
    // A parse error throws, failing the test with its line and column.
    return builder.parse(new InputSource(new StringReader(xml)));
  }

  private static List<String> legend(Document chart) throws Exception {
    return text(chart, "legend-label");
  }

  private static List<String> text(Document chart, String cssClass) throws Exception {
    NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath()
        .evaluate("//*[local-name()='text'][@class='" + cssClass + "']", chart, XPathConstants.NODESET);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent());
    }
    return out;
  }

  private static List<Map<String, String>> table(String caption) {
    return table(page, caption);
  }

  /** The table with this caption, as one map per body row from column heading to cell text. */
  static List<Map<String, String>> table(Document page, String caption) {
    NodeList captions = page.getElementsByTagName("caption");
    for (int i = 0; i < captions.getLength(); i++) {
      if (captions.item(i).getTextContent().equals(caption)) {
        Element table = (Element) captions.item(i).getParentNode();
        List<String> head = cells(table.getElementsByTagName("thead").item(0).getFirstChild());
        NodeList rows = ((Element) table.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr");
        List<Map<String, String>> out = new ArrayList<>();
        for (int r = 0; r < rows.getLength(); r++) {
          List<String> cells = cells(rows.item(r));
          Map<String, String> row = new LinkedHashMap<>();
          for (int c = 0; c < head.size(); c++) {
            row.put(head.get(c), cells.get(c));
          }
          out.add(row);
        }
        return out;
      }
    }
    throw new AssertionError("no table captioned \"" + caption + "\"");
  }

  private static List<String> cells(Node row) {
    List<String> out = new ArrayList<>();
    for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNextSibling()) {
      out.add(cell.getTextContent());
    }
    return out;
  }

  private static Map<String, String> row(List<Map<String, String>> table, String column, String value) {
    return table.stream().filter(r -> value.equals(r.get(column))).findFirst()
        .orElseThrow(() -> new AssertionError("no row with " + column + " = " + value + " in " + table));
  }
}
