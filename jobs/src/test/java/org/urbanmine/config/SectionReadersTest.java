package org.urbanmine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.urbanmine.uncertainty.Lifespan;

/** The checks of the section readers that SettingsLoaderTest does not reach. */
class SectionReadersTest {
  private static final SettingsLoader BUNDLED = new SettingsLoader(Map.of(), 2026, null);

  private static Settings load(String... sets) {
    return BUNDLED.load(null, null, List.of(sets));
  }

  private static ConfigReader reader(String hocon) {
    return new ConfigReader(ConfigFactory.parseString(hocon).resolve());
  }

  @Test
  void aDialectIsDeclaredInPartsEachAutoOrAnAllowedValue() {
    String input = "urbanmine.input { recovery-records = r, min-year = 2000, max-year = 2030, ";
    Settings.Input read = InputSection.read(reader(input + "dialect { encoding = auto, delimiter = \";\","
        + " decimal-mark = \",\" }, file-dialects { \"eu.csv\" { encoding = windows-1252, delimiter = tab } } }"),
        2031);
    assertThat(read.dialect()).isEqualTo(new Settings.Dialect(null, ";", ","));
    // A file's own entry over the default: its encoding and delimiter, the default's decimal mark.
    assertThat(read.dialectOf("eu.csv")).isEqualTo(new Settings.Dialect("windows-1252", "tab", ","));
    assertThat(read.dialectOf("other.csv")).isEqualTo(read.dialect());
    assertThatThrownBy(() -> InputSection.read(reader(input + "dialect { delimiter = \"|\" } }"), 2031))
        .hasMessageContaining("urbanmine.input.dialect.delimiter must be one of [,, ;, auto, tab], got \"|\"");
    assertThatThrownBy(() -> InputSection.read(reader(input + "dialect { encoding = latin1 } }"), 2031))
        .hasMessageContaining("urbanmine.input.dialect.encoding must be one of").hasMessageContaining("latin1");
  }

  @Test
  void inputMaxYearIsTheCurrentYearOrNotBeforeMinYear() {
    String input = "urbanmine.input { recovery-records = r, min-year = 2000, max-year = ";
    assertThat(InputSection.read(reader(input + "current }"), 2031))
        .isEqualTo(new Settings.Input("r", 2000, 2031));
    assertThatThrownBy(() -> InputSection.read(reader(input + "1999 }"), 2031))
        .hasMessage("urbanmine.input.max-year must be at least urbanmine.input.min-year (2000), got 1999");
  }

  @Test
  void metalNamesSymbolsAndAliasesServeOneMetalEach() {
    assertThatThrownBy(() -> load("urbanmine.metals.tin={symbol = Au}"))
        .hasMessage("urbanmine.metals.tin must be named by a name, symbol or alias no other metal uses,"
            + " got \"Au\" twice");
    assertThatThrownBy(() -> load("urbanmine.metals.tin={symbol = SN}"))
        .hasMessage("urbanmine.metals.tin.symbol must be a chemical symbol such as Au, got \"SN\"");
  }

  @Test
  void lifespansAreKeyedByCountryCodeAndUnuKey() {
    Settings s = load("urbanmine.ewaste.country-lifespans={NLD {\"0306\" {distribution = fixed, years = 4}}}");
    assertThat(s.ewaste().countryLifespans().get("NLD")).containsEntry("0306", new Lifespan.Fixed(4));
    assertThatThrownBy(() -> load("urbanmine.ewaste.country-lifespans={NL {}}"))
        .hasMessage("urbanmine.ewaste.country-lifespans.NL must be keyed by ISO 3166-1 alpha-3 codes"
            + " such as NLD, got \"NL\"");
    assertThatThrownBy(() -> load("urbanmine.ewaste.lifespans={\"306\" {distribution = fixed, years = 4}}"))
        .hasMessage("urbanmine.ewaste.lifespans.306 must be keyed by four-digit UNU keys such as \"0306\","
            + " got \"306\"");
  }

  /**
   * The default spread of the lifespans, derived: the two lifespan columns bundled from UNITAR 2023
   * (Netherlands-France-Belgium in unu-keys.csv, Italy in unu-key-country-lifespans.csv) give each
   * key a mean lifespan scale x Gamma(1 + 1 / shape); the root mean square of log(Italy's / the
   * other's) over the 54 keys is 0.1730 (26 keys equal, the others from -0.56 to 0.39; Python's
   * math.gamma gives 0.17299303), which the default rounds to 0.17. Above 1 is refused.
   */
  @Test
  void theLifespansSpreadIsTheRootMeanSquareLogRatioOfTheTwoPublishedColumns() throws Exception {
    Map<String, double[]> netherlands = weibulls("reference/unu-keys.csv", 0, 4);
    Map<String, double[]> italy = weibulls("reference/unu-key-country-lifespans.csv", 1, 3);
    assertThat(italy.keySet()).isEqualTo(netherlands.keySet()).hasSize(54);
    double squares = 0;
    for (String key : netherlands.keySet()) {
      double log = Math.log(mean(italy.get(key)) / mean(netherlands.get(key)));
      squares += log * log;
    }
    double rms = Math.sqrt(squares / netherlands.size());
    assertThat(rms).isCloseTo(0.17299303, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(load().ewaste().lifespanLogSd()).isEqualTo(Math.round(rms * 100) / 100.0);
    assertThat(load("urbanmine.ewaste.lifespan-log-sd=0").ewaste().lifespanLogSd()).isEqualTo(0.0);
    assertThatThrownBy(() -> load("urbanmine.ewaste.lifespan-log-sd=1.4"))
        .hasMessage("urbanmine.ewaste.lifespan-log-sd must be between 0 and 1, got \"1.4\"");
  }

  /** Per UNU key, {shape, scale} of a bundled Weibull table whose key is column {@code keyAt}, the shape at {@code shapeAt}. */
  private static Map<String, double[]> weibulls(String resource, int keyAt, int shapeAt) throws Exception {
    Map<String, double[]> out = new java.util.TreeMap<>();
    try (var in = SectionReadersTest.class.getClassLoader().getResourceAsStream(resource)) {
      List<String> lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().skip(1).toList();
      for (String line : lines) {
        // Quoted fields (descriptions, sources) may hold commas: drop them, then split.
        String[] f = line.replaceAll("\"[^\"]*\"", "q").split(",", -1);
        out.put(f[keyAt], new double[] {Double.parseDouble(f[shapeAt]), Double.parseDouble(f[shapeAt + 1])});
      }
    }
    return out;
  }

  /** A Weibull's mean, scale x Gamma(1 + 1 / shape), Gamma by Lanczos (g = 7, 9 terms: 15 digits). */
  private static double mean(double[] weibull) {
    return weibull[1] * gamma(1 + 1 / weibull[0]);
  }

  private static double gamma(double x) {
    double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
    double z = x - 1;
    double a = c[0];
    double t = z + 7.5;
    for (int i = 1; i < 9; i++) {
      a += c[i] / (z + i);
    }
    return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * a;
  }

  /** A channel says how many tonnes it collected per year of its records; another scope may not. */
  @Test
  void aChannelsCollectedTonnesAreKeyedByYear() {
    Settings s = load();
    assertThat(s.aggregate().sources().get("jp-small-home-appliance-recycling-act").collectedT())
        .containsExactly(Map.entry(2017, 65750.0));
    assertThat(s.aggregate().sources().get("nikkei").collectedT()).isEmpty();
    assertThatThrownBy(() -> load("urbanmine.sources.nikkei.collected-t={\"2014\" = 50000}"))
        .hasMessage("urbanmine.sources.nikkei.collected-t must be set only on a source of scope channel (the"
            + " tonnes its channel collected), got scope whole-stream");
    assertThatThrownBy(() -> load("urbanmine.sources.jp-small-home-appliance-recycling-act.collected-t={FY17 = 1}"))
        .hasMessage("urbanmine.sources.jp-small-home-appliance-recycling-act.collected-t must be keyed by years such"
            + " as \"2017\", got \"FY17\"");
    assertThatThrownBy(() -> load("urbanmine.sources.jp-small-home-appliance-recycling-act.collected-t={\"2017\" = 0}"))
        .hasMessage("urbanmine.sources.jp-small-home-appliance-recycling-act.collected-t.2017 must be between 1 and"
            + " 1000000000, got 0");
  }

  /** A campaign may end the year its target is reached: until-year equal to by-year is allowed. */
  @Test
  void ratePathMayEndTheYearItsTargetIsReached() {
    Settings s = load("urbanmine.drivers.collection-rate={value = 0.2, target = 0.6, from-year = 2025,"
        + " by-year = 2030, until-year = 2030}");
    assertThat(s.drivers().collectionRate().untilYear()).isEqualTo(2030);
  }

  /**
   * A scenario's change to every country's own collection rate: a path toward a target, a
   * multiplier, an addition and a cap, each checked with the key, the value and what is allowed.
   */
  @Test
  void collectionChangeReadsItsPathsAndNamesWhatIsWrong() {
    Settings s = load("urbanmine.drivers.collection-change={toward {target = 0.6, from-year = 2025, by-year = 2030},"
        + " multiplier {value = 1, target = 1.2, from-year = 2026, by-year = 2027, until-year = 2028}, add = 0.01,"
        + " cap = 0.85}");
    Settings.CollectionChange change = s.drivers().collectionChange();
    assertThat(change.toward().target().median()).isEqualTo(0.6);
    assertThat(change.toward().byYear()).isEqualTo(2030);
    assertThat(change.multiplier().target().median()).isEqualTo(1.2);
    assertThat(change.multiplier().untilYear()).isEqualTo(2028);
    assertThat(change.add().value().median()).isEqualTo(0.01);
    assertThat(change.cap()).isEqualTo(0.85);
    assertThatThrownBy(() -> load("urbanmine.drivers.collection-change.cap=1.4"))
        .hasMessage("urbanmine.drivers.collection-change.cap must be between 0 and 1, got \"1.4\"");
    assertThatThrownBy(() -> load("urbanmine.drivers.collection-change.toward={target = 0.6, from-year = 2030,"
        + " by-year = 2025}"))
        .hasMessage("urbanmine.drivers.collection-change.toward.by-year must be after"
            + " urbanmine.drivers.collection-change.toward.from-year (2030), got 2025");
    assertThatThrownBy(() -> load("urbanmine.drivers.collection-spread.guessed=0.2"))
        .hasMessageStartingWith("urbanmine.drivers.collection-spread must be keyed by a basis of a collection rate");
  }

  @Test
  void gamesNeedACountryCodeMedalTypesAndAMassWithoutPublishedTotals() {
    String games = "urbanmine.medals.games.x={name = X, year = 2030, host-country = FRA, season = summer,"
        + " medal-count {gold = 3, silver = 0}";
    assertThat(load(games + ", medal-mass-g {gold = 500}}").medals().games())
        .extracting(Settings.Games::id).contains("x");
    assertThatThrownBy(() -> load(games + "}"))
        .hasMessage("urbanmine.medals.games.x.medal-mass-g.gold must be set (grams per medal) when"
            + " urbanmine.medals.games.x.published-kg is absent, got nothing");
    assertThatThrownBy(() -> load("urbanmine.medals.games.paris-2024.medal-count.tin=3"))
        .hasMessage("urbanmine.medals.games.paris-2024.medal-count must be keyed by medal type"
            + " [bronze, gold, silver], got \"tin\"");
    assertThatThrownBy(() -> load("urbanmine.medals.games.paris-2024.host-country=France"))
        .hasMessage("urbanmine.medals.games.paris-2024.host-country must be an ISO 3166-1 alpha-3 code"
            + " such as GBR, got \"France\"");
  }
}
