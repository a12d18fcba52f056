package org.urbanmine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  private static final SettingsLoader BUNDLED = new SettingsLoader(Map.of(), 2026, null);

  private static Settings load(String... sets) {
    return BUNDLED.load(null, null, List.of(sets));
  }

  @Test
  void defaultsMatchTheDocumentedValues() {
    Settings s = load();
    assertThat(s.scenario()).isEqualTo("baseline");
    assertThat(s.warehouse()).isEqualTo("warehouse");
    assertThat(s.input().recoveryRecords()).isEqualTo("sample-data/recovery-records");
    assertThat(s.input().minYear()).isEqualTo(1990);
    // max-year = "current" means the year the loader was given.
    assertThat(s.input().maxYear()).isEqualTo(2026);
    assertThat(s.forecast().horizon()).isEqualTo(2040);
    assertThat(s.forecast().intervalLevel()).isEqualTo(0.9);
    assertThat(s.forecast().method()).isEqualTo("drivers");
    // No one rate for all: each country's own, from the bundled reference, unchanged by the baseline.
    assertThat(s.drivers().collectionRate()).isNull();
    assertThat(s.drivers().collectionRates()).isEqualTo("classpath:reference/collection-rates.csv");
    assertThat(s.drivers().collectionChange()).isEqualTo(Settings.CollectionChange.none());
    assertThat(s.drivers().collectionSpread()).containsEntry("published", 0.1).containsEntry("world-default", 0.5);
    assertThat(s.forecast().firstYear()).isEqualTo(2010);
    // Content per UNU key from the bundled table, no one content for every tonne; the metals
    // followed are those with yields (palladium has too few figures to be one of them).
    assertThat(s.drivers().contentGramsPerTonne()).isEmpty();
    assertThat(s.drivers().metalContent()).isEqualTo("classpath:reference/unu-key-metal-content.csv");
    assertThat(s.drivers().contentPriorSigma()).isEqualTo(0.3466);
    assertThat(s.drivers().metals()).containsExactlyInAnyOrder("gold", "silver", "copper");
    // A scenario written for the old defaults may still set palladium's yields and content: unused.
    assertThat(load("urbanmine.drivers.smelter-yield.palladium=0.95", "urbanmine.drivers.content-g-per-t.palladium=140")
        .drivers().metals()).containsExactlyInAnyOrder("gold", "silver", "copper");
    assertThat(s.uncertainty().draws()).isEqualTo(1000);
    assertThat(s.forecast().holdoutYears()).isEqualTo(3);
    assertThat(s.forecast().selectionMetric()).isEqualTo("mase");
    assertThat(s.quality().maxRejectedShare()).isEqualTo(0.05);
    // The Tokyo 2020 Medal Project's 78,985 t over two years against Japan's 668,200 t collected a
    // year (2.57 Mt generated in 2019 x 26 %): 39,492.5 / 668,200 = 0.0591028...
    assertThat(s.medals().availableShare().median()).isCloseTo(0.0591028, within(1e-7));
    assertThat(s.medals().availableShareRule()).isEqualTo("campaign: 78985 t over 2 years (39492.5 t a year) / 668200 t"
        + " collected a year nationally = 0.0591");
    assertThat(s.metals()).extracting(Settings.Metal::name, Settings.Metal::symbol)
        .contains(org.assertj.core.groups.Tuple.tuple("gold", "Au"),
            org.assertj.core.groups.Tuple.tuple("silver", "Ag"),
            org.assertj.core.groups.Tuple.tuple("copper", "Cu"),
            org.assertj.core.groups.Tuple.tuple("palladium", "Pd"));
    assertThat(s.medals().games()).extracting(Settings.Games::id).containsExactlyInAnyOrder(
        "london-2012", "rio-2016", "pyeongchang-2018", "tokyo-2020", "beijing-2022", "paris-2024",
        "milano-cortina-2026", "los-angeles-2028", "french-alps-2030", "brisbane-2032", "salt-lake-city-utah-2034");
    Settings.Games london = s.medals().games().stream().filter(g -> g.id().equals("london-2012")).findFirst().orElseThrow();
    assertThat(london.publishedKg()).containsEntry("gold", 9.6).containsEntry("silver", 1210.0)
        .containsEntry("copper", 700.0);
    assertThat(london.hostCountry()).isEqualTo("GBR");
    assertThat(s.resolvedJson()).contains("\"horizon\":2040");
  }

  @Test
  void setOverridesAnyKeyWithTypeConversion() {
    Settings s = load("urbanmine.forecast.horizon=2050", "urbanmine.medals.available-share=0.25",
        "urbanmine.warehouse=s3a://bucket/warehouse",
        "urbanmine.aggregate.source-priority=[\"b\", \"a\"]",
        "urbanmine.spark.conf.spark.sql.shuffle.partitions=3");
    assertThat(s.forecast().horizon()).isEqualTo(2050);
    assertThat(s.medals().availableShare().median()).isEqualTo(0.25);
    // Taken literally: "//" would start a HOCON comment if the value were parsed as HOCON.
    assertThat(s.warehouse()).isEqualTo("s3a://bucket/warehouse");
    assertThat(s.aggregate().sourcePriority()).containsExactly("b", "a");
    assertThat(s.sparkConf()).containsEntry("spark.sql.shuffle.partitions", "3");
  }

  @Test
  void environmentReplacesTheWarehouseButSetWinsOverIt() {
    SettingsLoader withEnv = new SettingsLoader(Map.of("URBANMINE_WAREHOUSE", "/data/wh"), 2026, null);
    assertThat(withEnv.load(null, null, List.of()).warehouse()).isEqualTo("/data/wh");
    assertThat(withEnv.load(null, null, List.of("urbanmine.warehouse=/x")).warehouse()).isEqualTo("/x");
  }

  @Test
  void unknownKeyIsNamed() {
    assertThatThrownBy(() -> load("urbanmine.quality.max-rejected-shar=0.1"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("unknown configuration key urbanmine.quality.max-rejected-shar");
  }

  @Test
  void shareAboveOneNamesKeyValueAndRange() {
    assertThatThrownBy(() -> load("urbanmine.medals.available-share=1.4"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("urbanmine.medals.available-share must be between 0 and 1, got \"1.4\"");
    assertThatThrownBy(() -> load("urbanmine.quality.max-rejected-share=-0.1"))
        .hasMessage("urbanmine.quality.max-rejected-share must be between 0 and 1, got \"-0.1\"");
  }

  @Test
  void horizonBeforeTheDataIsRefused() {
    assertThatThrownBy(() -> load("urbanmine.forecast.horizon=2010"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("urbanmine.forecast.horizon must be at least urbanmine.input.max-year (2026),"
            + " the last year the data may hold, got 2010");
  }

  @Test
  void wrongTypeIsNamed() {
    assertThatThrownBy(() -> load("urbanmine.forecast.horizon=soon"))
        .hasMessage("urbanmine.forecast.horizon must be an integer, got \"soon\"");
    assertThatThrownBy(() -> load("urbanmine.aggregate.source-priority=first"))
        .hasMessageStartingWith("urbanmine.aggregate.source-priority must be a list of strings");
  }

  /** Shown by trying it: NoClassDefFoundError for the bundle's shaded URIBuilder at the first S3 call. */
  @Test
  void s3aAssumedRoleProviderIsRefusedBeforeAnyWork() {
    assertThatThrownBy(() -> load("urbanmine.spark.conf.\"spark.hadoop.fs.s3a.aws.credentials.provider\"="
        + "org.apache.hadoop.fs.s3a.auth.AssumedRoleCredentialProvider"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("urbanmine.spark.conf.\"spark.hadoop.fs.s3a.aws.credentials.provider\" must be"
            + " a credentials provider that works without the AWS SDK bundle")
        .hasMessageEndingWith("got \"org.apache.hadoop.fs.s3a.auth.AssumedRoleCredentialProvider\"");
  }

  /** A key set where it should not be still never reaches the recorded configuration. */
  @Test
  void secretLookingSparkSettingsAreRedactedInTheRecordedConfiguration() {
    Settings s = load("urbanmine.spark.conf.\"spark.hadoop.fs.s3a.secret.key\"=do-not-keep-me",
        "urbanmine.spark.conf.\"spark.sql.shuffle.partitions\"=8");
    assertThat(s.sparkConf()).containsEntry("spark.hadoop.fs.s3a.secret.key", "do-not-keep-me");
    assertThat(s.resolvedJson()).doesNotContain("do-not-keep-me").contains(SettingsLoader.REDACTED)
        .contains("\"spark.sql.shuffle.partitions\":\"8\"");
  }

  @Test
  void driversRatesAndPathsAreValidated() {
    Settings path = load("urbanmine.drivers.collection-rate={value = 0.2, target = {distribution = uniform,"
        + " min = 0.4, max = 0.6}, from-year = 2025, by-year = 2030, until-year = 2031}");
    assertThat(path.drivers().collectionRate().target().median()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(path.drivers().collectionRate().untilYear()).isEqualTo(2031);
    assertThatThrownBy(() -> load("urbanmine.drivers.collection-rate={value = 0.2, target = 0.6, from-year = 2030, by-year = 2030}"))
        .hasMessage("urbanmine.drivers.collection-rate.by-year must be after urbanmine.drivers.collection-rate.from-year (2030), got 2030");
    assertThatThrownBy(() -> load("urbanmine.drivers.smelter-yield.gold={value = 0.9, target = 0.5, from-year = 2025,"
        + " by-year = 2030, until-year = 2029}"))
        .hasMessage("urbanmine.drivers.smelter-yield.gold.until-year must be at least urbanmine.drivers.smelter-yield.gold.by-year (2030), got 2029");
    assertThatThrownBy(() -> load("urbanmine.drivers.preprocessing-yield.gold=1.3"))
        .hasMessage("urbanmine.drivers.preprocessing-yield.gold must be between 0 and 1, got \"1.3\"");
    // Palladium followed again (both yields), without a yield by hand.
    assertThatThrownBy(() -> load("urbanmine.drivers.preprocessing-yield.palladium=0.256",
        "urbanmine.drivers.smelter-yield.palladium=0.95"))
        .hasMessage("urbanmine.drivers.manual-dismantling-yield must be a yield for every metal the model follows"
            + " [copper, gold, palladium, silver], got [copper, gold, silver]");
    assertThatThrownBy(() -> load("urbanmine.drivers.manual-dismantling-share=1.5"))
        .hasMessage("urbanmine.drivers.manual-dismantling-share must be between 0 and 1, got \"1.5\"");
    assertThatThrownBy(() -> load("urbanmine.medals.campaign.route=by-magnet"))
        .hasMessage("urbanmine.medals.campaign.route must be one of [shredding, manual-dismantling], got by-magnet");
    assertThatThrownBy(() -> load("urbanmine.medals.campaign.stream=[\"Small stuff\"]"))
        .hasMessageStartingWith("urbanmine.medals.campaign.stream must be collection categories of [Temperature")
        .hasMessageEndingWith("got Small stuff");
    assertThatThrownBy(() -> load("urbanmine.drivers.content-g-per-t.tin=5"))
        .hasMessageStartingWith("urbanmine.drivers.content-g-per-t must be keyed by a metal from urbanmine.metals");
    assertThatThrownBy(() -> load("urbanmine.medals.available-share={distribution = triangular, min = 0.2, mode = 0.9, max = 0.5}"))
        .hasMessage("urbanmine.medals.available-share must be a distribution with min <= mode <= max, got min 0.2, mode 0.9, max 0.5");
  }

  @Test
  void forecastMethodIsOneOfTheKnown() {
    assertThat(load("urbanmine.forecast.method=log-linear").forecast().method()).isEqualTo("log-linear");
    assertThat(load("urbanmine.forecast.method=damped-trend").forecast().method()).isEqualTo("damped-trend");
    assertThatThrownBy(() -> load("urbanmine.forecast.method=quadratic"))
        .hasMessage("urbanmine.forecast.method must be one of [auto, damped-trend, drivers, linear, log-linear], got \"quadratic\"");
    assertThatThrownBy(() -> load("urbanmine.forecast.selection-metric=rmse"))
        .hasMessage("urbanmine.forecast.selection-metric must be one of [mase, smape], got \"rmse\"");
  }

  @Test
  void medalSpecificationsAreChecked() {
    assertThatThrownBy(() -> load("urbanmine.medals.composition.bronze.alloy.copper=1.5"))
        .hasMessage("urbanmine.medals.composition.bronze.alloy.copper must be between 0 and 1, got \"1.5\"");
    assertThatThrownBy(() -> load("urbanmine.medals.composition.bronze.alloy.tin=0.1"))
        .hasMessageContaining("urbanmine.medals.composition.bronze.alloy must be keyed by a metal")
        .hasMessageContaining("got \"tin\"");
    assertThatThrownBy(() -> load("urbanmine.medals.games.paris-2024.season=autumn"))
        .hasMessage("urbanmine.medals.games.paris-2024.season must be one of [summer, winter], got \"autumn\"");
    assertThatThrownBy(() -> load("urbanmine.medals.composition.silver.alloy.copper=0.2"))
        .hasMessageStartingWith("urbanmine.medals.composition.silver.alloy must be shares adding up to at most 1");
  }

  @Test
  void setNeedsKeyValueUnderTheRoot() {
    assertThatThrownBy(() -> load("horizon=2050"))
        .hasMessage("--set key must start with \"urbanmine.\", got \"horizon\"");
    assertThatThrownBy(() -> load("urbanmine.forecast.horizon"))
        .hasMessage("--set must be key=value, got \"urbanmine.forecast.horizon\"");
  }

  @Test
  void confFileAndScenarioLayerInOrder(@TempDir Path home) throws IOException {
    Files.createDirectories(home.resolve("conf/scenarios"));
    Files.copy(Path.of("../conf/application.conf"), home.resolve("conf/application.conf"));
    Files.writeString(home.resolve("conf/scenarios/half.conf"),
        "urbanmine.medals.available-share = 0.5\nurbanmine.forecast.horizon = 2035\n");
    Path user = home.resolve("mine.conf");
    Files.writeString(user, "urbanmine { forecast.horizon = 2045, medals.available-share = 0.9 }\n");
    SettingsLoader loader = new SettingsLoader(Map.of(), 2026, home.toString());

    Settings confOnly = loader.load(user.toString(), null, List.of());
    assertThat(confOnly.forecast().horizon()).isEqualTo(2045);
    Settings both = loader.load(user.toString(), "half", List.of("urbanmine.forecast.horizon=2031"));
    assertThat(both.scenario()).isEqualTo("half");
    assertThat(both.medals().availableShare().median()).isEqualTo(0.5);
    assertThat(both.forecast().horizon()).isEqualTo(2031);

    assertThatThrownBy(() -> loader.load(null, "nope", List.of()))
        .hasMessageContaining("--scenario nope: no file").hasMessageContaining("[half]");
    assertThatThrownBy(() -> loader.load(home.resolve("missing.conf").toString(), null, List.of()))
        .hasMessageEndingWith("missing.conf: no such file");
  }

  @Test
  void configHashFollowsTheResolvedValues() {
    assertThat(load().configHash()).hasSize(12).isEqualTo(load().configHash())
        .isNotEqualTo(load("urbanmine.forecast.horizon=2041").configHash());
  }

  @Test
  void bundledBaselineScenarioLoads() {
    assertThat(BUNDLED.load(null, "baseline", List.of()).scenario()).isEqualTo("baseline");
  }

  /** A campaign larger than the stream it draws on cannot be: the key, the value and the bound. */
  @Test
  void aCampaignLargerThanItsNationalStreamStopsTheRun() {
    assertThatThrownBy(() -> load("urbanmine.medals.campaign.national-collected-t = 30000"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("urbanmine.medals.campaign.national-collected-t must be at least urbanmine.medals.campaign.collected-t"
            + " / urbanmine.medals.campaign.years (39492.5 t), got 30000");
    assertThatThrownBy(() -> load("urbanmine.medals.production.reference-games = tokyo-2021"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("urbanmine.medals.production.reference-games must be the id of a Games in");
    // A number still sets the share, and says so.
    assertThat(load("urbanmine.medals.available-share = 0.5").medals().availableShareRule())
        .isEqualTo("set in urbanmine.medals.available-share: fixed(0.5)");
  }
}
