package org.urbanmine.ewaste;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.product;
import static org.apache.spark.sql.functions.sequence;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.reference.ReferenceText;

/**
 * Population before a country's first known year, back-extrapolated with the world's population
 * growth, as the Waste over Time model does it at method version 1.2 (docs/waste-over-time.md,
 * 3.1; version 1.1 has no such step): several countries' population is known from 1992-1995
 * only, and the series extended back to 1980 need inhabitants to turn kg per inhabitant into kg.
 * Going back a year divides by that year's successor's growth: Inh(t) = Inh(t+1) / (1 + g(t+1)/100),
 * chained, which is Inh(t) = Inh(t0) / prod_{s = t+1..t0} (1 + g(s)/100) from the first known year
 * t0; a year is filled only where every growth rate it needs is known, as the model's chain stops
 * at the first missing one.
 *
 * <p>Departure from the model: the model's loop fills any missing year whose following year is
 * known, so a gap inside a country's series would be filled backwards from its end; here only the
 * years before the first known one are (the model's population data have no inner gaps).
 */
final class PopulationBackcast {
  /** The world population's growth from the year before, percent. */
  static final String GROWTH_RATE_PERCENT = "growth_rate_percent";
  static final StructType GROWTH = new StructType()
      .add(PutOnMarket.YEAR, DataTypes.IntegerType).add(GROWTH_RATE_PERCENT, DataTypes.DoubleType);
  static final String WORLD_POPULATION = MethodVersion.resource("1.2", "tbl_world_population.csv");

  private static final String FIRST_KNOWN_YEAR = "first_known_year";
  private static final String FIRST_KNOWN = "first_known_population";
  private static final String GROWTH_FACTOR = "growth_factor";

  private PopulationBackcast() {}

  /**
   * The world's population growth per year, {@code year, growth_rate_percent}, from the model's
   * {@code tbl_world_population.csv} (1980-2016): ';'-separated with decimal commas, which Spark's
   * CSV reader does not parse as numbers, so its 37 lines are read on the driver.
   */
  static Dataset<Row> worldGrowth(SparkSession spark) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<Row> rows = new ArrayList<>();
    for (String[] commaFields : ReferenceText.rows(hadoop, WORLD_POPULATION)) {
      // The file has no quotes, so the comma split only cut the decimal commas: joined back, it is the line.
      String[] fields = String.join(",", commaFields).split(";", -1);
      rows.add(RowFactory.create(Integer.parseInt(fields[0].trim()),
          Double.parseDouble(fields[2].trim().replace(',', '.'))));
    }
    return spark.createDataFrame(rows, GROWTH);
  }

  /**
   * @param population {@code country_code, year, population}, the known values (a null population
   *     is taken for unknown and dropped)
   * @param growth {@code year, growth_rate_percent} ({@link #worldGrowth})
   * @param firstYear the first year to fill
   * @return {@code country_code, year, population}: the known rows, and each country's years from
   *     {@code firstYear} to the one before its first known year whose growth rates are known
   */
  static Dataset<Row> apply(Dataset<Row> population, Dataset<Row> growth, int firstYear) {
    Dataset<Row> known = population
        .select(col(PutOnMarket.COUNTRY_CODE), col(PutOnMarket.YEAR), col(PutOnMarket.POPULATION))
        .where(col(PutOnMarket.POPULATION).isNotNull());
    WindowSpec byYear = Window.partitionBy(PutOnMarket.COUNTRY_CODE).orderBy(PutOnMarket.YEAR);
    Dataset<Row> firstKnown = known
        .withColumn(FIRST_KNOWN_YEAR, min(PutOnMarket.YEAR).over(Window.partitionBy(PutOnMarket.COUNTRY_CODE)))
        .where(col(PutOnMarket.YEAR).equalTo(col(FIRST_KNOWN_YEAR)))
        .where(col(FIRST_KNOWN_YEAR).gt(firstYear))
        .select(col(PutOnMarket.COUNTRY_CODE), col(FIRST_KNOWN_YEAR), col(PutOnMarket.POPULATION).as(FIRST_KNOWN));
    // Every year from firstYear to the first known one, which brings the growth rate of t0.
    Dataset<Row> years = firstKnown
        .withColumn(PutOnMarket.YEAR, explode(sequence(lit(firstYear), col(FIRST_KNOWN_YEAR))))
        .join(PutOnMarket.shuffled(growth.select(col(PutOnMarket.YEAR),
            col(GROWTH_RATE_PERCENT).plus(100).divide(100).as(GROWTH_FACTOR))),
            new String[] {PutOnMarket.YEAR}, "left");
    // Year t needs the growth of t+1 .. t0: the rows after it, up to the first known year.
    WindowSpec later = byYear.rowsBetween(1, Window.unboundedFollowing());
    Column growthKnown = count(col(GROWTH_FACTOR)).over(later)
        .equalTo(col(FIRST_KNOWN_YEAR).minus(col(PutOnMarket.YEAR)));
    Dataset<Row> added = years
        .withColumn("all_growth_known", growthKnown)
        .withColumn("growth_since", product(col(GROWTH_FACTOR)).over(later))
        .where(col(PutOnMarket.YEAR).lt(col(FIRST_KNOWN_YEAR)).and(col("all_growth_known")))
        .select(col(PutOnMarket.COUNTRY_CODE), col(PutOnMarket.YEAR),
            col(FIRST_KNOWN).divide(col("growth_since")).as(PutOnMarket.POPULATION));
    return known.unionByName(added);
  }
}
