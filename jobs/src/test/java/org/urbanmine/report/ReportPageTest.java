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

  /** The fixture's class comment works World gold out: 226.25, 117.65 .. 334.85 in 2020; x 1.2 for high-collection. */
  @Test
  void forecastTableGivesEachScenarioAtTheLastObservedYearEveryFifthYearAndTheHorizon() {
    List<Map<String, String>> world = table("World \u00b7 gold, kg");
    assertThat(world).extracting(r -> r.get("scenario") + " " + r.get("year")).containsExactly(
        "baseline 2014 (observed)", "baseline 2015", "baseline 2020",
        "high-collection 2014 (observed)", "high-collection 2015", "high-collection 2020");
    assertThat(row(world, "year", "2014 (observed)")).containsEntry("kg", "153").containsEntry("interval", "");
    assertThat(world.get(2)).containsEntry("kg", "226").containsEntry("interval", "118 \u2013 335");
    // 271.5, 141.18 .. 401.82
    assertThat(world.get(5)).containsEntry("kg", "272").containsEntry("interval", "141 \u2013 402");
    // Carried forward flat: no interval.
    assertThat(row(table("FRA \u00b7 silver, kg"), "year", "2020")).containsEntry("kg", "310")
        .containsEntry("interval", Figures.NONE);
  }

  /**
   * Paris 2024 needs 10 kg gold, 1,200 kg silver. FRA gold, baseline: 8.25, 9, 9.75 observed, then
   * 10.5, 11.25, 12, 12.75 (2015-2018): p50 coverage (mass / 10) first reaches 1 in 2015; p5
   * (0.8 x mass / 10) needs 12.5 kg, so 2018. High-collection: 2015 is 1.2 x 10.5 = 12.6 kg, and
   * 0.8 x 12.6 = 10.08, so both 2015. FRA silver stays at 310 kg (372 high): never, to 2020. JPN
   * silver 4,200 kg (p5 3,360) covers 1,200 from its first year, 2014.
   */
  @Test
  void firstCoveredYearTableGivesTheYearsWorkedOutFromTheCoverageRows() {
    List<Map<String, String>> first = table("Paris 2024: first year each country covers the medals' need");
    assertThat(first).extracting(r -> r.get("country") + " " + r.get("scenario")).containsExactly(
        "FRA (host) baseline", "FRA (host) high-collection", "JPN baseline", "JPN high-collection");
    assertThat(first.get(0)).containsEntry("gold p50", "2015").containsEntry("gold p5", "2018")
        .containsEntry("silver p50", "not by 2020").containsEntry("silver p5", "not by 2020");
    assertThat(first.get(1)).containsEntry("gold p50", "2015").containsEntry("gold p5", "2015");
    assertThat(first.get(2)).containsEntry("gold p50", "2012").containsEntry("silver p50", "2014")
        .containsEntry("silver p5", "2014");
    assertThat(html).contains("Summer Games of 2024, hosted by FRA. Medals need gold 10 kg, silver 1,200 kg.");
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
    // Recovered: gold, silver; forecasts: World, FRA, JPN x gold, silver; coverage: Paris gold, silver.
    assertThat(svgs).hasSize(10);
    List<String> titles = new ArrayList<>();
    for (String svg : svgs) {
      Document chart = parse(svg, true);
      Element root = chart.getDocumentElement();
      assertThat(root.getLocalName()).isEqualTo("svg");
      assertThat(root.getNamespaceURI()).isEqualTo(SvgChart.SVG_NS);
      String title = root.getAttribute("aria-label");
      titles.add(title);
      List<String> legend = legend(chart);
      if (title.endsWith(", kg") && title.contains("\u00b7")) {
        assertThat(legend).as(title).containsExactly("baseline", "high-collection", ReportPage.OBSERVED);
      }
      if (title.contains("coverage")) {
        assertThat(legend).as(title).containsExactly("FRA (host)", "JPN");
        assertThat(text(chart, "reference-label")).containsExactly("coverage = 1");
      }
    }
    assertThat(titles).contains("gold recovered by country, kg", "World \u00b7 gold, kg",
        "Paris 2024 \u00b7 silver: p50 coverage");
  }

  @Test
  void forecastsShowTheWorldAndCountriesButNoRegions() {
    assertThat(html).doesNotContain(ReportFixture.SUB_REGION);
    assertThat(page.getElementsByTagName("h3")).satisfies(h -> {
      List<String> headings = new ArrayList<>();
      for (int i = 0; i < h.getLength(); i++) {
        headings.add(h.item(i).getTextContent());
      }
      assertThat(headings).containsSubsequence("World", "FRA", "JPN");
    });
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
    assertThat(targets).containsExactly("Recovered metal by country", "Forecasts", "World", "FRA", "JPN",
        "Medal coverage", "Paris 2024");
  }

  /** Names from data and configuration reach the page as text, never as markup. */
  @Test
  void textFromDataIsEscaped() throws Exception {
    String odd = "A<&>\"B'";
    String scenario = "s<&>t";
    ReportData data = new ReportData(NOW, "/w<&>", List.of(scenario), null, Set.of(),
        List.of(new Recovered(odd, "gold", 2014, 1.0, odd)),
        List.of(new ForecastPoint(scenario, MetalForecastTable.COUNTRY_LEVEL, odd, "gold", 2014, 1.0, 1.0, 1.0, false),
            new ForecastPoint(scenario, MetalForecastTable.COUNTRY_LEVEL, odd, "gold", 2015, 2.0, 1.0, 3.0, true)),
        scenario, List.of(new Games("g", "G<&>H", 2024, odd, "summer", Map.of("gold", 1.0))),
        List.of(new CoveragePoint("g", odd, "gold", 2014, 1.0)),
        List.of(new FirstYear(scenario, "g", odd, "gold", 1.0, 2014, null)), Map.of(scenario, 2015));
    String escaped = ReportPage.html(data);
    assertThat(escaped).doesNotContain(odd).doesNotContain(scenario).doesNotContain("G<&>H")
        .contains("A&lt;&amp;&gt;&quot;B&#39;").contains("s&lt;&amp;&gt;t");
    Document parsed = parse(escaped, false);
    assertThat(parsed.getElementsByTagName("svg").getLength()).isEqualTo(3);
    assertThat(table(parsed, "G<&>H: first year each country covers the medals' need"))
        .containsExactly(Map.of("country", odd + " (host)", "scenario", scenario, "gold p50", "2014",
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
