package org.urbanmine.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;

class CountryResolverTest extends SparkTestBase {
  private static CountryResolver resolver;

  @BeforeAll
  static void load() {
    resolver = CountryResolver.load(spark, settings().reference());
  }

  private static Map<String, Row> resolve(List<String> names) {
    Dataset<Row> in = spark.createDataset(names, Encoders.STRING()).toDF("raw");
    Map<String, Row> out = new LinkedHashMap<>();
    for (Row r : resolver.resolve(in, "raw").collectAsList()) {
      out.put(r.getString(r.fieldIndex("raw")), r);
    }
    return out;
  }

  private static String code(Map<String, Row> resolved, String raw) {
    Row r = resolved.get(raw);
    return r.isNullAt(r.fieldIndex(CountryResolver.COUNTRY_CODE)) ? null
        : r.getString(r.fieldIndex(CountryResolver.COUNTRY_CODE));
  }

  @Test
  void namesCodesAndAliasesMeetOnTheAlpha3Code() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("Japan", "JPN");
    expected.put(" japan ", "JPN");
    expected.put("JPN", "JPN");
    expected.put("jp", "JPN");
    expected.put("United States", "USA");
    expected.put("USA", "USA");
    expected.put("US", "USA");
    expected.put("U.S.A.", "USA");
    expected.put("United States of America", "USA");
    expected.put("Germany", "DEU");
    expected.put("DE", "DEU");
    expected.put("DEU", "DEU");
    expected.put("GER", "DEU");              // IOC
    expected.put("NED", "NLD");              // IOC
    expected.put("The Netherlands", "NLD");  // leading article dropped
    expected.put("Côte d'Ivoire", "CIV");
    expected.put("COTE D'IVOIRE", "CIV");    // accent-insensitive
    expected.put("Türkiye", "TUR");
    expected.put("Turkey", "TUR");
    expected.put("Bolivia", "BOL");          // short form of "Bolivia (Plurinational State of)"
    expected.put("Bosnia & Herzegovina", "BIH");
    expected.put("United Kingdom", "GBR");
    expected.put("Korea", null);             // two ISO names shorten to "Korea": refused, not guessed
    expected.put("Atlantis", null);
    Map<String, Row> resolved = resolve(List.copyOf(expected.keySet()));
    expected.forEach((raw, code) -> assertThat(code(resolved, raw)).as(raw).isEqualTo(code));
  }

  @Test
  void carriesTheM49RegionAndSubRegion() {
    Map<String, Row> resolved = resolve(List.of("Japan", "UK", "Brazil"));
    Row japan = resolved.get("Japan");
    assertThat(japan.getString(japan.fieldIndex(CountryResolver.REGION))).isEqualTo("Asia");
    assertThat(japan.getString(japan.fieldIndex(CountryResolver.SUB_REGION))).isEqualTo("Eastern Asia");
    Row uk = resolved.get("UK");
    assertThat(uk.getString(uk.fieldIndex(CountryResolver.COUNTRY_NAME)))
        .isEqualTo("United Kingdom of Great Britain and Northern Ireland");
    assertThat(uk.getString(uk.fieldIndex(CountryResolver.SUB_REGION))).isEqualTo("Northern Europe");
    Row brazil = resolved.get("Brazil");
    assertThat(brazil.getString(brazil.fieldIndex(CountryResolver.SUB_REGION)))
        .isEqualTo("Latin America and the Caribbean");
  }

  @Test
  void eachLookupKeyResolvesToOneCountryAndEveryIsoCountryIsReachable() {
    assertThat(resolver.countries().count()).isEqualTo(249);
    Dataset<Row> codes = resolver.countries().select(CountryResolver.COUNTRY_CODE);
    Map<String, Row> resolved = resolve(codes.as(Encoders.STRING()).collectAsList());
    resolved.forEach((raw, row) -> assertThat(code(resolved, raw)).isEqualTo(raw));
  }

  /**
   * The hosts' regions, read without Spark from the bundled ISO table: 249 entries, of which
   * Antarctica and Taiwan have an empty region field in the source table, so 247 codes.
   */
  @Test
  void regionsByCodeFromTheIsoTable() {
    Map<String, String> regions = CountryResolver.regions(new org.apache.hadoop.conf.Configuration(false),
        "classpath:reference/iso3166-countries-m49.csv");
    assertThat(regions).hasSize(247).containsEntry("JPN", "Asia").containsEntry("FRA", "Europe")
        .containsEntry("AUS", "Oceania").containsEntry("USA", "Americas").doesNotContainKey("ATA").doesNotContainKey("TWN");
  }
}
