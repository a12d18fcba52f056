package org.urbanmine.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.urbanmine.tables.RecoveryByRegionYearTable.COUNTRY_COUNT;
import static org.urbanmine.tables.RecoveryByRegionYearTable.MASS_KG;
import static org.urbanmine.tables.RecoveryByRegionYearTable.METAL;
import static org.urbanmine.tables.RecoveryByRegionYearTable.SCOPE;
import static org.urbanmine.tables.RecoveryByRegionYearTable.SCOPE_LEVEL;
import static org.urbanmine.tables.RecoveryByRegionYearTable.SUB_REGION;
import static org.urbanmine.tables.RecoveryByRegionYearTable.WORLD;
import static org.urbanmine.tables.RecoveryByRegionYearTable.WORLD_SCOPE;
import static org.urbanmine.tables.RecoveryByRegionYearTable.YEAR;

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
