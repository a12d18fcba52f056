package org.urbanmine.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;

import org.urbanmine.model.OrderedSum;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.urbanmine.tables.TableSpec;
import org.urbanmine.reference.CountryResolver;

/**
 * {@code recovery_by_region_year}: country totals added up to UN M49 sub-regions, regions and
 * the world. A total covers only the countries with data that year: {@code country_count} says
 * how many, so a jump from a newly reporting country can be told from growth.
 */
public final class RecoveryByRegionYear {
  public static final String SCOPE_LEVEL = "scope_level";
  public static final String SCOPE = "scope";
  public static final String YEAR = RecoveryByCountryYear.YEAR;
  public static final String METAL = RecoveryByCountryYear.METAL;
  public static final String MASS_KG = RecoveryByCountryYear.MASS_KG;
  public static final String COUNTRY_COUNT = "country_count";

  public static final String WORLD = "world";
  public static final String REGION = "region";
  public static final String SUB_REGION = "sub_region";
  public static final String COUNTRY = "country";
  public static final String WORLD_SCOPE = "World";

  public static final TableSpec TABLE = TableSpec.builder("recovery_by_region_year",
          "Metal recovered per UN M49 region, sub-region and the world, per year and metal.")
      .column(SCOPE_LEVEL, DataTypes.StringType, "world, region or sub_region")
      .column(SCOPE, DataTypes.StringType, "World, or the M49 region or sub-region name")
      .column(YEAR, DataTypes.IntegerType, "year")
      .column(METAL, DataTypes.StringType, "canonical metal name")
      .column(MASS_KG, DataTypes.DoubleType, "sum of the countries' mass_kg, kilograms")
      .column(COUNTRY_COUNT, DataTypes.LongType, "countries with data in this scope and year")
      .key(SCOPE_LEVEL, SCOPE, YEAR, METAL)
      .build();

  private RecoveryByRegionYear() {}

  /**
   * @param byCountry {@code recovery_by_country_year}
   * @param countries {@code country_code, region, sub_region} per country
   */
  public static Dataset<Row> from(Dataset<Row> byCountry, Dataset<Row> countries) {
    Dataset<Row> located = byCountry.join(
        countries.select(CountryResolver.COUNTRY_CODE, CountryResolver.REGION, CountryResolver.SUB_REGION)
            .dropDuplicates(CountryResolver.COUNTRY_CODE),
        CountryResolver.COUNTRY_CODE);
    return total(located, WORLD, lit(WORLD_SCOPE))
        .unionByName(total(located.filter(col(CountryResolver.REGION).isNotNull()), REGION,
            col(CountryResolver.REGION)))
        .unionByName(total(located.filter(col(CountryResolver.SUB_REGION).isNotNull()), SUB_REGION,
            col(CountryResolver.SUB_REGION)));
  }

  private static Dataset<Row> total(Dataset<Row> located, String level, org.apache.spark.sql.Column scope) {
    return located
        .groupBy(lit(level).as(SCOPE_LEVEL), scope.as(SCOPE), col(YEAR), col(METAL))
        .agg(OrderedSum.of(col(CountryResolver.COUNTRY_CODE), col(MASS_KG)).as(MASS_KG), count_distinct(col(CountryResolver.COUNTRY_CODE)).as(COUNTRY_COUNT));
  }
}
