package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.urbanmine.tables.EwasteGeneratedTable;
import org.urbanmine.tables.MassBalanceTable;

/**
 * Limits no country's e-waste may break, checked by the audit on every run (issue 21): e-waste
 * generated between {@link #MIN_KG_PER_PERSON} and {@link #MAX_KG_PER_PERSON} kg per inhabitant
 * in every country and year from {@link #FROM_YEAR} (the Global E-waste Monitor 2024 puts every
 * country's figure for 2022 between 0.3 kg and about 26 kg, Europe's at 17.6 kg, and no EU country
 * below 5 kg), and the stock never below {@link #MIN_STOCK_SHARE} of cumulative put-on-market (the
 * model's yearly lifespan shares may add up to slightly more than 1, which leaves a small negative
 * stock; more than 1 % would be an error). The limits are fixed, not settings: they say what a
 * plausible result is, whatever the assumptions.
 */
public final class Plausibility {
  public static final double MIN_KG_PER_PERSON = 1.0;
  public static final double MAX_KG_PER_PERSON = 35.0;
  public static final int FROM_YEAR = 2005;
  public static final double MIN_STOCK_SHARE = -0.01;
  /** At most this many findings are listed one by one; the rest are counted. */
  static final int LISTED = 200;

  private Plausibility() {}

  /**
   * {@code country_code, year, kg_per_person} of every country and year from {@link #FROM_YEAR}
   * whose e-waste per person is outside the limits.
   *
   * @param generated {@code ewaste_generated} of one scenario
   */
  public static Dataset<Row> outsidePerPerson(Dataset<Row> generated) {
    return generated.filter(col(EwasteGeneratedTable.YEAR).geq(FROM_YEAR))
        .groupBy(EwasteGeneratedTable.COUNTRY_CODE, EwasteGeneratedTable.YEAR)
        .agg(sum(EwasteGeneratedTable.EWASTE_KG_PER_PERSON).as("kg_per_person"))
        .filter(col("kg_per_person").lt(MIN_KG_PER_PERSON).or(col("kg_per_person").gt(MAX_KG_PER_PERSON)));
  }

  /** Whether a row of {@code mass_balance} has a stock below {@link #MIN_STOCK_SHARE} of its cumulative POM. */
  public static Column lowStock() {
    return col(MassBalanceTable.STOCK_KG).lt(col(MassBalanceTable.CUMULATIVE_POM_KG).multiply(lit(MIN_STOCK_SHARE)));
  }

  /**
   * One finding per country and year outside the per-person limits, and per country, key and year
   * whose stock is below the limit; none when everything is plausible.
   *
   * @param generated {@code ewaste_generated} of one scenario
   * @param balance {@code mass_balance} of it
   */
  public static List<String> problems(Dataset<Row> generated, Dataset<Row> balance) {
    Dataset<Row> perPerson = outsidePerPerson(generated)
        .orderBy(EwasteGeneratedTable.COUNTRY_CODE, EwasteGeneratedTable.YEAR);
    Dataset<Row> stock = balance.filter(lowStock())
        .orderBy(MassBalanceTable.COUNTRY_CODE, MassBalanceTable.UNU_KEY, MassBalanceTable.YEAR);
    List<String> out = new ArrayList<>();
    List<Row> people = perPerson.limit(LISTED).collectAsList();
    List<Row> stocks = stock.limit(LISTED).collectAsList();
    for (Row r : people) {
      out.add(EwasteGeneratedTable.TABLE.name() + ": " + r.getString(0) + " " + r.getInt(1) + " generates "
          + String.format(java.util.Locale.ROOT, "%.2f", r.getDouble(2)) + " kg of e-waste per person, outside "
          + MIN_KG_PER_PERSON + "-" + MAX_KG_PER_PERSON);
    }
    for (Row r : stocks) {
      double share = r.<Double>getAs(MassBalanceTable.STOCK_KG) / r.<Double>getAs(MassBalanceTable.CUMULATIVE_POM_KG);
      out.add(MassBalanceTable.TABLE.name() + ": " + r.getAs(MassBalanceTable.COUNTRY_CODE) + " key "
          + r.getAs(MassBalanceTable.UNU_KEY) + " " + r.getAs(MassBalanceTable.YEAR) + " has a stock of "
          + String.format(java.util.Locale.ROOT, "%.4f", share) + " of its cumulative put-on-market, below "
          + MIN_STOCK_SHARE);
    }
    // Counted again only where a list was cut: on a plausible run, the two queries above are all.
    long total = (people.size() < LISTED ? people.size() : perPerson.count())
        + (stocks.size() < LISTED ? stocks.size() : stock.count());
    if (total > out.size()) {
      out.add("... " + (total - out.size()) + " more implausible rows");
    }
    return out;
  }
}
