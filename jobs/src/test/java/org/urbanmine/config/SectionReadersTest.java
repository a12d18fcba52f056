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
