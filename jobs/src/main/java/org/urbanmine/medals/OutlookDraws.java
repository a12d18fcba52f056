package org.urbanmine.medals;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.urbanmine.model.CountryChain;

/**
 * Each row of the campaign's draws read once for both of the outlook's tables: reduced where it
 * is read to what {@code medal_outlook} joins ({@link AvailableMetal#percentiles}) and to what
 * {@code first_covered_year} groups ({@link FirstCoveredYear#reduce}), a few dozen numbers where
 * the row held a thousand. Reading and scaling the draws was most of the outlook's time, and the
 * two tables read them one after the other.
 */
final class OutlookDraws {
  /** {@link AvailableMetal#PERCENTILES}, then {@link FirstCoveredYear#REDUCED} after its key. */
  static final StructType SCHEMA = new StructType(Stream.concat(Arrays.stream(AvailableMetal.PERCENTILES.fields()),
      Arrays.stream(FirstCoveredYear.REDUCED.fields()).skip(ScopeDraws.KEY.length)).toArray(StructField[]::new));

  private OutlookDraws() {}

  /**
   * @param draws {@code scope_level, scope, metal, year, draws_kg}
   * @param outlookShares the share in each draw for {@code medal_outlook} (a fixed share repeated)
   * @param firstShares the share in each draw for {@code first_covered_year}, or null for a share
   *     that is not drawn, which is then {@code fixedShare}
   */
  static Dataset<Row> of(Dataset<Row> draws, double[] outlookShares, List<FirstCoveredYear.Need> needs,
      double[] firstShares, double fixedShare) {
    List<FirstCoveredYear.Need> all = List.copyOf(needs);
    int[] ranks = CountryChain.ranks(AvailableMetal.LEVELS, outlookShares.length);
    int key = ScopeDraws.KEY.length;
    return ScopeDraws.of(draws).map((MapFunction<ScopeDraws, Row>) d -> {
      Row percentiles = AvailableMetal.percentiles(d, outlookShares, ranks);
      Row reduced = FirstCoveredYear.reduce(d, all, firstShares, fixedShare);
      Object[] out = new Object[percentiles.size() + reduced.size() - key];
      for (int i = 0; i < percentiles.size(); i++) {
        out[i] = percentiles.get(i);
      }
      for (int i = key; i < reduced.size(); i++) {
        out[percentiles.size() + i - key] = reduced.get(i);
      }
      return RowFactory.create(out);
    }, Encoders.row(SCHEMA));
  }

  /** {@link #of}'s rows as {@link AvailableMetal#withPercentiles} joins them. */
  static Dataset<Row> percentiles(Dataset<Row> both) {
    return both.select(columns(AvailableMetal.PERCENTILES));
  }

  /** {@link #of}'s rows as {@link FirstCoveredYear#fromReduced} groups them. */
  static Dataset<Row> reduced(Dataset<Row> both) {
    return both.select(columns(FirstCoveredYear.REDUCED));
  }

  private static Column[] columns(StructType schema) {
    return Arrays.stream(schema.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
  }
}
