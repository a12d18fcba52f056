package org.urbanmine.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.urbanmine.reference.CollectionRates.COLLECTION_BASIS;
import static org.urbanmine.reference.CollectionRates.COLLECTION_MEASURE;
import static org.urbanmine.reference.CollectionRates.COLLECTION_RATE;
import static org.urbanmine.reference.CollectionRates.COLLECTION_SOURCE;
import static org.urbanmine.reference.CollectionRates.COLLECTION_YEAR;
import static org.urbanmine.reference.CollectionRates.COUNTRY_CODE;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;

class CollectionRatesTest extends SparkTestBase {
  private static final String BUNDLED = "classpath:reference/collection-rates.csv";
  private static final String ISO = "classpath:reference/iso3166-countries-m49.csv";

  private static final StructType COUNTRIES = new StructType()
      .add(CountryResolver.COUNTRY_CODE, DataTypes.StringType)
      .add(CountryResolver.COUNTRY_NAME, DataTypes.StringType)
      .add(CountryResolver.REGION, DataTypes.StringType)
      .add(CountryResolver.SUB_REGION, DataTypes.StringType);

  private static Map<String, Row> byCountry(Dataset<Row> perCountry) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : perCountry.collectAsList()) {
      assertThat(out.put(r.getString(r.fieldIndex(COUNTRY_CODE)), r)).as("one row per country").isNull();
    }
    return out;
  }

  private static double rate(Row r) {
    return r.getDouble(r.fieldIndex(COLLECTION_RATE));
  }

  private static String text(Row r, String column) {
    return r.getString(r.fieldIndex(column));
  }

  private static int year(Row r) {
    return r.getInt(r.fieldIndex(COLLECTION_YEAR));
  }

  private static Dataset<Row> noPutOnMarket() {
    return spark.createDataFrame(List.of(), CollectionRates.PUT_ON_MARKET_SCHEMA);
  }

  /**
   * Test rows, not data: five made-up countries, each taking its rate from a different place.
   */
  @Test
  void eachCountryTakesTheFirstRateThatExistsLabelledWithWhereItCameFrom() {
    Dataset<Row> countries = rows(COUNTRIES,
        new Object[] {"JJJ", "own published", "Asia", "Eastern Asia"},
        new Object[] {"III", "own EU rate, convertible", "Europe", "Southern Europe"},
        new Object[] {"PPP", "own EU rate, two years of sales only", "Europe", "Southern Europe"},
        new Object[] {"UUU", "own rate of another measure", "Europe", "Northern Europe"},
        new Object[] {"TTT", "no region", null, null});
    Dataset<Row> rates = rows(CollectionRates.SCHEMA,
        new Object[] {"world", "World", 0.20, "generated", 2016, "world 2016"},
        new Object[] {"world", "World", 0.223, "generated", 2022, "world 2022"},
        new Object[] {"region", "Europe", 0.428, "generated", 2022, "Europe 2022"},
        new Object[] {"region", "Asia", 0.12, "generated", 2022, "Asia 2022"},
        new Object[] {"sub_region", "Southern Europe", 0.35, "generated", 2021, "Southern Europe 2021"},
        new Object[] {"country", "JJJ", 0.26, "generated", 2016, "JJJ 2016"},
        new Object[] {"country", "III", 0.346, "put-on-market-3y", 2021, "III 2021"},
        new Object[] {"country", "III", 0.302, "put-on-market-3y", 2023, "III 2023"},
        new Object[] {"country", "PPP", 0.40, "put-on-market-3y", 2021, "PPP 2021"},
        new Object[] {"country", "UUU", 0.319, "household-put-on-market-same-year", 2020, "UUU 2020"},
        new Object[] {"group", "EU", 0.401, "put-on-market-3y", 2022, "EU 2022"});
    Dataset<Row> putOnMarket = rows(CollectionRates.PUT_ON_MARKET_SCHEMA,
        new Object[] {"III", 2017, 1000.0, 80.0},
        new Object[] {"III", 2018, 100.0, 85.0},
        new Object[] {"III", 2019, 110.0, 90.0},
        new Object[] {"III", 2020, 120.0, 95.0},
        new Object[] {"III", 2021, 500.0, 100.0},
        new Object[] {"PPP", 2019, 50.0, 40.0},
        new Object[] {"PPP", 2020, 50.0, 40.0},
        new Object[] {"PPP", 2021, 50.0, 40.0});

    Map<String, Row> out = byCountry(CollectionRates.perCountry(countries, rates, putOnMarket));

    assertThat(out).hasSize(5);
    // JJJ: its own share of e-waste generated, as published.
    Row jjj = out.get("JJJ");
    assertThat(rate(jjj)).isEqualTo(0.26);
    assertThat(text(jjj, COLLECTION_BASIS)).isEqualTo("published");
    assertThat(year(jjj)).isEqualTo(2016);
    assertThat(text(jjj, COLLECTION_SOURCE)).isEqualTo("JJJ 2016");
    // III 2021: 34.6 % of the mean put on the market 2018-2020 = (100 + 110 + 120) / 3 = 110 t
    // (2017's 1,000 t and 2021's 500 t lie outside the three years), so 0.346 x 110 = 38.06 t
    // collected, over the 100 t generated in 2021: 0.3806. Its 2023 rate would need 2020-2022
    // and 2023, which are not there, so it is not used.
    Row iii = out.get("III");
    assertThat(rate(iii)).isCloseTo(0.3806, within(1e-12));
    assertThat(text(iii, COLLECTION_BASIS)).isEqualTo("converted");
    assertThat(text(iii, COLLECTION_MEASURE)).isEqualTo("put-on-market-3y");
    assertThat(year(iii)).isEqualTo(2021);
    assertThat(text(iii, COLLECTION_SOURCE)).startsWith("III 2021; converted")
        .contains("34.6 % x mean put on the market 2018-2020 (110 t) / generated in 2021 (100 t)");
    // PPP: sales of 2019 and 2020 only (2018 is missing), so its rate cannot be converted; its
    // sub-region's 35 % applies, before Europe's 42.8 %.
    Row ppp = out.get("PPP");
    assertThat(rate(ppp)).isEqualTo(0.35);
    assertThat(text(ppp, COLLECTION_BASIS)).isEqualTo("regional-default");
    assertThat(text(ppp, COLLECTION_SOURCE))
        .isEqualTo("the rate of its sub-region Southern Europe: Southern Europe 2021");
    // UUU: a same-year household rate is never used; Northern Europe has none, so Europe's.
    Row uuu = out.get("UUU");
    assertThat(rate(uuu)).isEqualTo(0.428);
    assertThat(text(uuu, COLLECTION_BASIS)).isEqualTo("regional-default");
    assertThat(text(uuu, COLLECTION_MEASURE)).isEqualTo("generated");
    assertThat(text(uuu, COLLECTION_SOURCE)).isEqualTo("the rate of its region Europe: Europe 2022");
    // TTT: no region, so the world's latest (2022's 22.3 %, not 2016's 20 %).
    Row ttt = out.get("TTT");
    assertThat(rate(ttt)).isEqualTo(0.223);
    assertThat(text(ttt, COLLECTION_BASIS)).isEqualTo("world-default");
    assertThat(year(ttt)).isEqualTo(2022);
  }

  @Test
  void aConvertedRateAboveOneIsNotUsed() {
    // 0.5 x mean(100, 100, 100) / 40 = 1.25: more collected than generated, so the data disagree
    // and the region's rate applies.
    Dataset<Row> countries = rows(COUNTRIES, new Object[] {"III", "test", "Europe", "Southern Europe"});
    Dataset<Row> rates = rows(CollectionRates.SCHEMA,
        new Object[] {"region", "Europe", 0.428, "generated", 2022, "Europe 2022"},
        new Object[] {"country", "III", 0.5, "put-on-market-3y", 2021, "III 2021"});
    Dataset<Row> putOnMarket = rows(CollectionRates.PUT_ON_MARKET_SCHEMA,
        new Object[] {"III", 2018, 100.0, 30.0},
        new Object[] {"III", 2019, 100.0, 30.0},
        new Object[] {"III", 2020, 100.0, 30.0},
        new Object[] {"III", 2021, 100.0, 40.0});
    Row iii = byCountry(CollectionRates.perCountry(countries, rates, putOnMarket)).get("III");
    assertThat(text(iii, COLLECTION_BASIS)).isEqualTo("regional-default");
    assertThat(rate(iii)).isEqualTo(0.428);
  }

  @Test
  void everyIsoCountryGetsOneLabelledRateFromTheBundledReference() {
    Dataset<Row> iso = ReferenceText.csv(spark, ISO, CountryResolver.ISO_SCHEMA);
    Dataset<Row> rates = CollectionRates.read(spark, BUNDLED);
    // Italy's sales as a test input (not data): 2020-2022 mean (1.0 + 1.1 + 1.2) / 3 = 1.1 Mt,
    // generated 2023 1.0 Mt: 0.302 x 1.1 / 1.0 = 0.3322, from its latest rate (2023), not 2021's.
    Dataset<Row> italy = rows(CollectionRates.PUT_ON_MARKET_SCHEMA,
        new Object[] {"ITA", 2017, 0.9e6, 0.8e6},
        new Object[] {"ITA", 2018, 0.9e6, 0.8e6},
        new Object[] {"ITA", 2019, 0.9e6, 0.8e6},
        new Object[] {"ITA", 2020, 1.0e6, 0.9e6},
        new Object[] {"ITA", 2021, 1.1e6, 0.9e6},
        new Object[] {"ITA", 2022, 1.2e6, 0.95e6},
        new Object[] {"ITA", 2023, 1.2e6, 1.0e6});

    Map<String, Row> out = byCountry(CollectionRates.perCountry(iso, rates, italy));

    assertThat(out).hasSize((int) iso.count()).hasSize(249);
    assertThat(out.values()).allSatisfy(r -> assertThat(rate(r)).isBetween(0.0, 1.0));
    Row japan = out.get("JPN");
    assertThat(rate(japan)).isEqualTo(0.26);
    assertThat(text(japan, COLLECTION_BASIS)).isEqualTo("published");
    assertThat(year(japan)).isEqualTo(2016);
    assertThat(text(japan, COLLECTION_SOURCE)).contains("550 kt documented of 2.1 Mt generated");
    Row it = out.get("ITA");
    assertThat(rate(it)).isCloseTo(0.3322, within(1e-12));
    assertThat(text(it, COLLECTION_BASIS)).isEqualTo("converted");
    assertThat(year(it)).isEqualTo(2023);
    // France's 2020 rate without France's sales: Europe's 42.8 % (Western Europe has no rate).
    assertThat(rate(out.get("FRA"))).isEqualTo(0.428);
    assertThat(text(out.get("FRA"), COLLECTION_BASIS)).isEqualTo("regional-default");
    // The US EPA's selected-electronics figures are listed, not used: the Americas' 30 % (2022).
    assertThat(rate(out.get("USA"))).isEqualTo(0.30);
    assertThat(year(out.get("USA"))).isEqualTo(2022);
    // Oceania has only 2019's 8.8 %.
    assertThat(rate(out.get("AUS"))).isEqualTo(0.088);
    assertThat(year(out.get("AUS"))).isEqualTo(2019);
    // Antarctica and Taiwan have no M49 region in the ISO list: the world's 22.3 %.
    assertThat(rate(out.get("TWN"))).isEqualTo(0.223);
    assertThat(text(out.get("ATA"), COLLECTION_BASIS)).isEqualTo("world-default");
    // 249 countries: Japan, Brazil and Korea published, Italy converted, Antarctica and Taiwan
    // the world's, 249 - 3 - 1 - 2 = 243 their region's (no sub-region has a rate).
    Map<String, Long> perBasis = new HashMap<>();
    out.values().forEach(r -> perBasis.merge(text(r, COLLECTION_BASIS), 1L, Long::sum));
    assertThat(perBasis).isEqualTo(Map.of("published", 3L, "converted", 1L, "world-default", 2L,
        "regional-default", 243L));
  }

  @Test
  void theBundledRatesAreSharesWithAKnownScopeAndASource() {
    Dataset<Row> rates = CollectionRates.read(spark, BUNDLED);
    Dataset<Row> iso = ReferenceText.csv(spark, ISO, CountryResolver.ISO_SCHEMA);
    // Every region, sub-region or country named must be spelled as the ISO list spells it, or
    // its rate would silently reach no country.
    long unmatched = rates.filter("scope_level IN ('region', 'sub_region', 'country')")
        .join(iso, rates.col("scope").equalTo(iso.col("region"))
            .or(rates.col("scope").equalTo(iso.col("sub-region")))
            .or(rates.col("scope").equalTo(iso.col("alpha-3"))), "left_anti")
        .count();
    assertThat(unmatched).isZero();
    assertThat(rates.filter("measure = 'generated' AND scope_level = 'world' AND year = 2022").count()).isOne();
  }

  @Test
  void aRateAboveOneFailsNamingItsRow(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("rates.csv");
    Files.writeString(csv, "scope_level,scope,rate,measure,year,source\n"
        + "country,ITA,1.4,generated,2021,typo\n", StandardCharsets.UTF_8);
    Dataset<Row> rates = CollectionRates.read(spark, csv.toString());
    assertThatThrownBy(rates::count)
        .hasStackTraceContaining("country ITA 2021: collection rate must be between 0 and 1, got 1.4");
  }
}
