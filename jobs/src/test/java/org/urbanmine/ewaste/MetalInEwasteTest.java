package org.urbanmine.ewaste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.model.CountryChain;

/**
 * Metal in one country's e-waste of one year from three keys: phones (0306) with their own
 * published gold figure, air conditioners (0101) with a row of their own that gives no figure
 * (so every key's 7.2 g/t, but on their own basis, published), and PV panels (0002) with nothing
 * of their own (every key's figure, an assumption). Phones' own copper figure is left out: the
 * table has no copper figure for every key.
 */
class MetalInEwasteTest extends SparkTestBase {
  private static final StructType GENERATED = new StructType()
      .add(WasteOverTime.COUNTRY_CODE, DataTypes.StringType).add(WasteOverTime.UNU_KEY, DataTypes.StringType)
      .add(WasteOverTime.YEAR, DataTypes.IntegerType).add(WasteOverTime.EWASTE_KG, DataTypes.DoubleType);

  private static final MetalInEwaste.Content CONTENT = MetalInEwaste.Content.of(List.of(
      new String[] {"0306", "gold", "347", "published", "a paper"},
      new String[] {"0306", "copper", "128000", "published", "a paper"},
      new String[] {"0101", "gold", "", "published", "a paper without the figure"},
      new String[] {"*", "gold", "7.2", "assumption", "a world average"},
      new String[] {"*", "silver", "23.9", "assumption", "a world average"}), "test content");

  @Test
  void eachKeyTakesItsOwnFigureOrEveryKeysAndTheAssumedShareFollowsTheBasis() {
    Dataset<Row> generated = rows(GENERATED, new Object[] {"NLD", "0306", 2014, 1000.0},
        new Object[] {"NLD", "0101", 2014, 2000.0}, new Object[] {"NLD", "0002", 2014, 3000.0});
    Dataset<Row> factors = rows(CountryChain.FACTORS_SCHEMA, new Object[] {"NLD", "gold", 2014, 0.5, 0.26, 0.95});
    List<Row> out = MetalInEwaste.of(generated, CONTENT, factors).orderBy("metal").collectAsList();
    assertThat(out).extracting(r -> r.<String>getAs("metal")).containsExactly("gold", "silver");

    // Added in key order (0002, 0101, 0306), as the table's every run adds them.
    double gold = 0.0 + 3000 * 7.2 / 1e6 + 2000 * 7.2 / 1e6 + 1000 * 347.0 / 1e6;
    Row g = out.get(0);
    assertThat(g.<Double>getAs("contained_kg")).isEqualTo(gold);
    assertThat(g.<Double>getAs("assumed_content_share")).isEqualTo(3000 * 7.2 / 1e6 / gold);
    assertThat(g.<Double>getAs("recoverable_kg")).isEqualTo(gold * 0.5 * 0.26 * 0.95);

    Row s = out.get(1);
    assertThat(s.<Double>getAs("contained_kg"))
        .isEqualTo(0.0 + 3000 * 23.9 / 1e6 + 2000 * 23.9 / 1e6 + 1000 * 23.9 / 1e6);
    assertThat(s.<Double>getAs("assumed_content_share")).isEqualTo(1.0);
    // No factors for silver: nothing recoverable.
    assertThat(s.<Double>getAs("recoverable_kg")).isNull();
  }

  @Test
  void twoFiguresForOneKeyAndMetalAreAnError() {
    assertThatThrownBy(() -> MetalInEwaste.Content.of(List.of(new String[] {"*", "gold", "7.2", "assumption", "a"},
        new String[] {"*", "gold", "7.5", "assumption", "b"}), "test content"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two rows for key * and gold");
  }
}
