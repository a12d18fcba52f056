package org.urbanmine.medals;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;
import static org.urbanmine.tables.FirstCoveredYearTable.FIRST_YEAR_P50;
import static org.urbanmine.tables.FirstCoveredYearTable.FIRST_YEAR_P5;
import static org.urbanmine.tables.FirstCoveredYearTable.GAMES;
import static org.urbanmine.tables.FirstCoveredYearTable.GAMES_ID;
import static org.urbanmine.tables.FirstCoveredYearTable.GAMES_YEAR;
import static org.urbanmine.tables.FirstCoveredYearTable.METAL;
import static org.urbanmine.tables.FirstCoveredYearTable.NEEDED_KG;
import static org.urbanmine.tables.FirstCoveredYearTable.SCOPE;
import static org.urbanmine.tables.FirstCoveredYearTable.SCOPE_LEVEL;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.urbanmine.tables.MedalOutlookTable;

/**
 * {@code first_covered_year}: "could this country (or region) make these Games' medals from its
 * urban mine, and from when?" For each Games, scope and metal, the first year, observed or
 * forecast, in which the metal available covers the need at P50 and at P5 of the Monte Carlo;
 * null if in no year up to the horizon. P5 is the cautious answer: covered in 95 % of the draws.
 */
public final class FirstCoveredYear {

  private FirstCoveredYear() {}

  public static Dataset<Row> from(Dataset<Row> outlook) {
    return outlook.groupBy(col(GAMES_ID), col(SCOPE_LEVEL), col(SCOPE), col(METAL))
        .agg(first(GAMES).as(GAMES), first(GAMES_YEAR).as(GAMES_YEAR), first(NEEDED_KG).as(NEEDED_KG),
            min(when(col(MedalOutlookTable.P50_COVERAGE).geq(1), col(MedalOutlookTable.YEAR))).as(FIRST_YEAR_P50),
            min(when(col(MedalOutlookTable.P5_COVERAGE).geq(1), col(MedalOutlookTable.YEAR))).as(FIRST_YEAR_P5));
  }
}
