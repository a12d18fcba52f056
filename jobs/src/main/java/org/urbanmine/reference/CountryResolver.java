package org.urbanmine.reference;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.replace;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.trim;

import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.config.Settings;

/**
 * Turns the country as written in a record (English name, ISO alpha-2 or alpha-3, IOC code or a
 * common alias; any case, with or without accents and punctuation) into its ISO 3166-1 alpha-3
 * code with the UN M49 region and sub-region.
 *
 * <p>Both the reference names and the incoming values go through the same {@link #lookupKey}
 * expression, so "Côte d'Ivoire", "COTE D IVOIRE" and "cote-d'ivoire" meet on one key.
 * When two countries claim one key, the stronger kind of name wins (alpha-3, then alpha-2,
 * then the ISO name, then an alias, then a short name derived from the ISO name); a key claimed
 * equally by two countries (such as "Korea") resolves to none, so the record is rejected rather
 * than guessed.
 */
public final class CountryResolver {
  public static final String COUNTRY_CODE = "country_code";
  public static final String COUNTRY_NAME = "country_name";
  public static final String REGION = "region";
  public static final String SUB_REGION = "sub_region";
  public static final String LOOKUP_KEY = "country_lookup_key";

  /** Columns of the ISO / M49 file as published (lukes/ISO-3166-Countries-with-Regional-Codes). */
  public static final StructType ISO_SCHEMA = new StructType()
      .add("name", DataTypes.StringType)
      .add("alpha-2", DataTypes.StringType)
      .add("alpha-3", DataTypes.StringType)
      .add("country-code", DataTypes.StringType)
      .add("iso_3166-2", DataTypes.StringType)
      .add("region", DataTypes.StringType)
      .add("sub-region", DataTypes.StringType)
      .add("intermediate-region", DataTypes.StringType)
      .add("region-code", DataTypes.StringType)
      .add("sub-region-code", DataTypes.StringType)
      .add("intermediate-region-code", DataTypes.StringType);

  public static final StructType ALIAS_SCHEMA = new StructType()
      .add("alias", DataTypes.StringType)
      .add("alpha-3", DataTypes.StringType)
      .add("kind", DataTypes.StringType);

  /** Accented letters and the plain ones {@link #lookupKey} folds them to, position by position. */
  public static final String ACCENTED = "àáâãäåāăąçćčďèéêëēėęěğìíîïīįıłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿźżž";
  public static final String PLAIN =    "aaaaaaaaacccdeeeeeeeegiiiiiiilnnnoooooooorrssstuuuuuuuuyyzzz";

  private final Dataset<Row> countries;
  private final Dataset<Row> lookup;

  private CountryResolver(Dataset<Row> countries, Dataset<Row> lookup) {
    this.countries = countries;
    this.lookup = lookup;
  }

  public static CountryResolver load(SparkSession spark, Settings.Reference reference) {
    Dataset<Row> iso = ReferenceText.csv(spark, reference.countries(), ISO_SCHEMA);
    Dataset<Row> aliases = ReferenceText.csv(spark, reference.countryAliases(), ALIAS_SCHEMA);
    return of(iso, aliases);
  }

  /**
   * Each country's M49 region by alpha-3 code, from the ISO table at {@code location} read without
   * Spark (a few hundred lines): for code that needs a handful of regions, not a join.
   */
  public static Map<String, String> regions(Configuration hadoop, String location) {
    int code = ISO_SCHEMA.fieldIndex("alpha-3");
    int region = ISO_SCHEMA.fieldIndex("region");
    Map<String, String> regions = new TreeMap<>();
    for (String[] row : ReferenceText.rows(hadoop, location)) {
      if (row.length > region && !row[region].isBlank()) {
        regions.put(row[code], row[region].trim());
      }
    }
    return regions;
  }

  /** Builds the resolver from the ISO table and the alias table (both as published). */
  public static CountryResolver of(Dataset<Row> iso, Dataset<Row> aliases) {
    Dataset<Row> countries = iso.select(
            col("alpha-3").as(COUNTRY_CODE),
            col("name").as(COUNTRY_NAME),
            nullif(trim(col("region")), lit("")).as(REGION),
            nullif(trim(col("sub-region")), lit("")).as(SUB_REGION))
        .cache();
    // Priority: lower wins. The short name is the ISO name before " (" or ",":
    // "Bolivia (Plurinational State of)" -> "Bolivia", "Korea, Republic of" -> "Korea".
    Dataset<Row> names = iso.select(col("alpha-3").as("code"), col("alpha-3").as("name"), lit(1).as("priority"))
        .union(iso.select(col("alpha-3"), col("alpha-2"), lit(2)))
        .union(iso.select(col("alpha-3"), col("name"), lit(3)))
        .union(aliases.select(col("alpha-3"), col("alias"), lit(4)))
        .union(iso.select(col("alpha-3"),
            regexp_extract(col("name"), "^([^(,]+)", 1), lit(5)));
    Dataset<Row> keyed = names
        .withColumn(LOOKUP_KEY, lookupKey(col("name")))
        .filter(col(LOOKUP_KEY).notEqual(""));
    Dataset<Row> best = keyed
        .withColumn("best", min("priority").over(Window.partitionBy(LOOKUP_KEY)))
        .filter(col("priority").equalTo(col("best")))
        .groupBy(LOOKUP_KEY)
        .agg(count_distinct(col("code")).as("claims"), min("code").as(COUNTRY_CODE))
        .filter(col("claims").equalTo(1))
        .select(LOOKUP_KEY, COUNTRY_CODE);
    Dataset<Row> lookup = best.join(countries, COUNTRY_CODE).cache();
    return new CountryResolver(countries, lookup);
  }

  /**
   * Case-, accent- and punctuation-insensitive key: lower case, accents folded, '&' read as
   * "and", a leading "the" dropped, then only letters and digits kept.
   */
  public static Column lookupKey(Column raw) {
    // Plain replaces and one regular expression: this runs on every input row, and each
    // regexp_replace costs a pass with Java's regex engine.
    Column folded = translate(lower(trim(raw)), ACCENTED, PLAIN);
    Column spelled = replace(replace(replace(replace(folded, lit("æ"), lit("ae")), lit("œ"), lit("oe")),
        lit("ß"), lit("ss")), lit("&"), lit(" and "));
    // "^the\\s+" matches only at the start, and the other characters are dropped one by one, so
    // one pass gives what dropping the article and then the punctuation gave.
    return regexp_replace(spelled, "^the\\s+|[^a-z0-9]", "");
  }

  /**
   * Adds {@code country_code, country_name, region, sub_region} to {@code records} from the
   * column {@code rawCountry}; all four are null where the country is unknown.
   */
  public Dataset<Row> resolve(Dataset<Row> records, String rawCountry) {
    Dataset<Row> keyed = records.withColumn(LOOKUP_KEY, lookupKey(col(rawCountry)));
    return keyed.join(broadcast(lookup), keyed.col(LOOKUP_KEY).equalTo(lookup.col(LOOKUP_KEY)), "left")
        .drop(lookup.col(LOOKUP_KEY))
        .drop(keyed.col(LOOKUP_KEY));
  }

  /** {@code country_code, country_name, region, sub_region}, one row per ISO country. */
  public Dataset<Row> countries() {
    return countries;
  }
}
