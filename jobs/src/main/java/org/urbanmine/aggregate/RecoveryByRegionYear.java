package org.urbanmine.aggregate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.urbanmine.tables.RecoveryByRegionYearTable.COUNTRY_COUNT;
import static org.urbanmine.tables.RecoveryByRegionYearTable.MASS_KG;
import static org.urbanmine.tables.RecoveryByRegionYearTable.METAL;
import static org.urbanmine.tables.RecoveryByRegionYearTable.SCOPE;
import static org.urbanmine.tables.RecoveryByRegionYearTable.SCOPE_LEVEL;
import static org.urbanmine.tables.RecoveryByRegionYearTable.SUB_REGION;
import static org.urbanmine.tables.RecoveryByRegionYearTable.WORLD;
import static org.urbanmine.tables.RecoveryByRegionYearTable.WORLD_SCOPE;
import static org.urbanmine.tables.RecoveryByRegionYearTable.YEAR;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.urbanmine.model.OrderedSum;
import org.urbanmine.reference.CountryResolver;

/**
 * {@code recovery_by_region_year}: country totals added up to UN M49 sub-regions, regions and
 * the world. A total covers only the countries with data that year: {@code country_count} says
 * how many, so a jump from a newly reporting country can be told from growth.
 */
public final class RecoveryByRegionYear {

  public static final String REGION = "region";
  private static final String IN_SCOPE = "in_scope";

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
    // Each country's row once per scope it counts in (the world, its region, its sub-region, where
    // known), then one aggregate of all three levels: one join and one pass, not one per level.
    Column scopes = array(scope(WORLD, lit(WORLD_SCOPE)), scope(REGION, col(CountryResolver.REGION)),
        scope(SUB_REGION, col(CountryResolver.SUB_REGION)));
    return located
        .withColumn(IN_SCOPE, explode(scopes))
        .filter(col(IN_SCOPE).getField(SCOPE).isNotNull())
        .groupBy(col(IN_SCOPE).getField(SCOPE_LEVEL).as(SCOPE_LEVEL), col(IN_SCOPE).getField(SCOPE).as(SCOPE),
            col(YEAR), col(METAL))
        .agg(OrderedSum.of(col(CountryResolver.COUNTRY_CODE), col(MASS_KG)).as(MASS_KG),
            count_distinct(col(CountryResolver.COUNTRY_CODE)).as(COUNTRY_COUNT));
  }

  private static Column scope(String level, Column scope) {
    return struct(lit(level).as(SCOPE_LEVEL), scope.as(SCOPE));
  }
}
