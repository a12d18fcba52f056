package org.urbanmine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@code urbanmine.medals.games}: the bundled Games, per-Games compositions and {@code derived-from}. */
class MedalsSectionTest {
  private static final SettingsLoader BUNDLED = new SettingsLoader(Map.of(), 2026, null);
  private static final String GAMES = "urbanmine.medals.games.";

  private static Settings load(String... sets) {
    return BUNDLED.load(null, null, List.of(sets));
  }

  private static Settings.Games games(Settings s, String id) {
    return s.medals().games().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void theDefaultsHoldEveryGamesFromLondon2012ToSaltLakeCity2034() {
    Map<String, Integer> years = new TreeMap<>();
    load().medals().games().forEach(g -> years.put(g.id(), g.year()));
    assertThat(years).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("london-2012", 2012), Map.entry("rio-2016", 2016), Map.entry("pyeongchang-2018", 2018),
        Map.entry("tokyo-2020", 2021), Map.entry("beijing-2022", 2022), Map.entry("paris-2024", 2024),
        Map.entry("milano-cortina-2026", 2026), Map.entry("los-angeles-2028", 2028),
        Map.entry("french-alps-2030", 2030), Map.entry("brisbane-2032", 2032),
        Map.entry("salt-lake-city-utah-2034", 2034)));
  }

  /** Milano Cortina: 245 Olympic + 137 Paralympic = 382 of each colour, its own bronze and silver. */
  @Test
  void milanoCortinaHasItsOwnFiguresAndComposition() {
    Settings s = load();
    Settings.Games milano = games(s, "milano-cortina-2026");
    assertThat(milano.hostCountry()).isEqualTo("ITA");
    assertThat(milano.medalCounts()).containsExactlyInAnyOrderEntriesOf(
        Map.of("gold", 382, "silver", 382, "bronze", 382));
    assertThat(milano.medalMassGrams()).containsExactlyInAnyOrderEntriesOf(
        Map.of("gold", 506.0, "silver", 500.0, "bronze", 420.0));
    assertThat(s.medals().compositionOf(milano, "bronze").alloyShares()).isEqualTo(Map.of("copper", 1.0));
    assertThat(s.medals().compositionOf(milano, "silver").alloyShares()).isEqualTo(Map.of("silver", 0.999));
    assertThat(s.medals().compositionOf(milano, "gold").platingGrams()).isEqualTo(Map.of("gold", 6.0));
    // Paris has none of its own: the default's 95 % copper bronze.
    Settings.Games paris = games(s, "paris-2024");
    assertThat(paris.composition()).isEmpty();
    assertThat(s.medals().compositionOf(paris, "bronze").alloyShares()).isEqualTo(Map.of("copper", 0.95));
  }

  @Test
  void aPerGamesCompositionReplacesOnlyTheTypesItGives() {
    Settings s = load(GAMES + "paris-2024.composition.bronze.alloy.copper=0.9");
    Settings.Games paris = games(s, "paris-2024");
    assertThat(s.medals().compositionOf(paris, "bronze").alloyShares()).isEqualTo(Map.of("copper", 0.9));
    assertThat(s.medals().compositionOf(paris, "silver")).isEqualTo(s.medals().composition().get("silver"));
    assertThat(s.medals().compositionOf(games(s, "rio-2016"), "bronze").alloyShares())
        .isEqualTo(Map.of("copper", 0.95));
  }

  @Test
  void aPerGamesCompositionIsValidatedLikeTheDefault() {
    String milano = GAMES + "milano-cortina-2026.composition.";
    assertThatThrownBy(() -> load(milano + "bronze.alloy.copper=1.2"))
        .hasMessage(milano + "bronze.alloy.copper must be between 0 and 1, got \"1.2\"");
    // 0.6 copper + 0.999 silver = 1.599.
    assertThatThrownBy(() -> load(milano + "silver.alloy.copper=0.6"))
        .hasMessageStartingWith(milano + "silver.alloy must be shares adding up to at most 1,"
            + " got {copper=0.6, silver=0.999} (sum 1.5");
    assertThatThrownBy(() -> load(milano + "tin.alloy.copper=1"))
        .hasMessage(GAMES + "milano-cortina-2026.composition must be keyed by medal type"
            + " [bronze, gold, silver], got \"tin\"");
    assertThatThrownBy(() -> load(milano + "bronze.alloy.zinc=0.1"))
        .hasMessageContaining(milano + "bronze.alloy must be keyed by a metal");
  }

  /** French Alps 2030 copies Milano Cortina's counts, masses and composition, and is an estimate. */
  @Test
  void aDerivedGamesTakesItsSourcesFigures() {
    Settings s = load();
    Settings.Games milano = games(s, "milano-cortina-2026");
    Settings.Games alps = games(s, "french-alps-2030");
    assertThat(alps.derivedFrom()).isEqualTo("milano-cortina-2026");
    assertThat(alps.hostCountry()).isEqualTo("FRA");
    assertThat(alps.season()).isEqualTo("winter");
    assertThat(alps.medalCounts()).isEqualTo(milano.medalCounts());
    assertThat(alps.medalMassGrams()).isEqualTo(milano.medalMassGrams());
    assertThat(alps.composition()).isEqualTo(milano.composition());
    assertThat(alps.publishedKg()).isEmpty();
    assertThat(alps.isEstimate()).isTrue();
    assertThat(alps.note()).isEqualTo("Derived from Milano Cortina 2026: its medal counts, medal masses and"
        + " composition taken for these Games, an estimate. No medal figures published yet; Milano Cortina 2026"
        + " is the latest Winter Games held.");
    assertThat(games(s, "brisbane-2032").medalCounts()).isEqualTo(games(s, "paris-2024").medalCounts());
    assertThat(milano.derivedFrom()).isEmpty();
  }

  @Test
  void whatADerivedGamesGivesIsItsOwnAndAnEstimateItStays() {
    Settings s = load(GAMES + "brisbane-2032.medal-count={gold = 10, silver = 10, bronze = 12}",
        GAMES + "brisbane-2032.is-estimate=false");
    Settings.Games brisbane = games(s, "brisbane-2032");
    assertThat(brisbane.medalCounts()).isEqualTo(Map.of("gold", 10, "silver", 10, "bronze", 12));
    assertThat(brisbane.medalMassGrams()).isEqualTo(games(s, "paris-2024").medalMassGrams());
    assertThat(brisbane.isEstimate()).isTrue();
    assertThat(brisbane.note()).startsWith("Derived from Paris 2024: its medal masses taken for these Games,"
        + " an estimate.");
  }

  /** Salt Lake City from French Alps from Milano Cortina: resolved through the chain. */
  @Test
  void aGamesMayBeDerivedFromADerivedOne() {
    Settings s = load(GAMES + "salt-lake-city-utah-2034.derived-from=french-alps-2030");
    Settings.Games slc = games(s, "salt-lake-city-utah-2034");
    assertThat(slc.medalCounts()).isEqualTo(games(s, "milano-cortina-2026").medalCounts());
    assertThat(slc.composition()).isEqualTo(games(s, "milano-cortina-2026").composition());
    assertThat(slc.note()).startsWith("Derived from French Alps 2030: ");
  }

  @Test
  void aDerivedFromThatNamesNoOtherGamesOrLoopsStopsTheRun() {
    String key = GAMES + "french-alps-2030.derived-from";
    assertThatThrownBy(() -> load(key + "=nagano-1998"))
        .hasMessage(key + " must be the id of another Games in urbanmine.medals.games [beijing-2022,"
            + " brisbane-2032, french-alps-2030, london-2012, los-angeles-2028, milano-cortina-2026,"
            + " paris-2024, pyeongchang-2018, rio-2016, salt-lake-city-utah-2034, tokyo-2020],"
            + " got \"nagano-1998\"");
    assertThatThrownBy(() -> load(key + "=french-alps-2030"))
        .hasMessage(key + " must be the id of a Games other than itself, got \"french-alps-2030\"");
    // Ids are resolved in order: French Alps -> Milano Cortina -> Salt Lake City -> Milano Cortina.
    assertThatThrownBy(() -> load(GAMES + "milano-cortina-2026.derived-from=salt-lake-city-utah-2034"))
        .hasMessage(GAMES + "salt-lake-city-utah-2034.derived-from must be the id of a Games not derived from"
            + " salt-lake-city-utah-2034, directly or through others (milano-cortina-2026 ->"
            + " salt-lake-city-utah-2034 -> milano-cortina-2026), got \"milano-cortina-2026\"");
  }

  @Test
  void aGamesOfItsOwnStillNeedsItsCounts() {
    assertThatThrownBy(() -> load(GAMES + "x={name = X, year = 2030, host-country = FRA, season = summer}"))
        .hasMessage(GAMES + "x.medal-count is required but not set");
  }
}
