package org.urbanmine.ewaste;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.model.CountryChain;
import org.urbanmine.model.MetalContent;

/**
 * Metal in one country's e-waste of one year from three keys: phones (0306, small IT) with their
 * own gold figure, 347 g/t; desktops (0302, small IT) without one, so their category's, the
 * geometric mean of its keys' (only phones here: 347); fridges (0108) with their category's
 * stream average, 4 g/t. metal_in_ewaste is the sum by category, times the scenario's factors.
 */
class MetalInEwasteTest extends SparkTestBase {
  private static final StructType GENERATED = new StructType()
      .add(WasteOverTime.COUNTRY_CODE, DataTypes.StringType).add(WasteOverTime.UNU_KEY, DataTypes.StringType)
      .add(WasteOverTime.YEAR, DataTypes.IntegerType).add(WasteOverTime.EWASTE_KG, DataTypes.DoubleType);

  private static final MetalContent CONTENT = MetalContent.of(List.of(
          new String[] {"0306", "gold", "347", "whole device", "a paper"},
          new String[] {"Temperature exchange equipment", "gold", "4", "stream average", "a stream"}),
      List.of(new String[] {"0306", "Phones", "Small IT and telecommunication equipment"},
          new String[] {"0302", "Desktops", "Small IT and telecommunication equipment"},
          new String[] {"0108", "Fridges", "Temperature exchange equipment"}),
      Set.of("gold"), Map.of(), 0.3466, "test content");

  /**
   * Temperature exchange 3,000 x 4 / 1e6 = 0.012 kg; small IT (0302 then 0306) 2,000 x 347 / 1e6
   * + 1,000 x 347 / 1e6 = 0.694 + 0.347 = 1.041: 1.053 kg, of which desktops' 0.694 rests on their
   * category's figure and fridges' 0.012 on the category's stream average: 0.706 / 1.053.
   */
  @Test
  void containedIsTheSumOverKeysAndRecoverableTheScenariosFactorsTimesIt() {
    Dataset<Row> generated = rows(GENERATED, new Object[] {"NLD", "0306", 2014, 1000.0},
        new Object[] {"NLD", "0302", 2014, 2000.0}, new Object[] {"NLD", "0108", 2014, 3000.0});
    Dataset<Row> factors = rows(CountryChain.FACTORS_SCHEMA, new Object[] {"NLD", "gold", 2014, 0.5, 0.26, 0.95});
    List<Row> out = MetalInEwaste.of(generated, CONTENT, factors).collectAsList();
    assertThat(out).hasSize(1);
    Row g = out.get(0);
    double gold = (3000 * 4 / 1e6) + 0 + 0 + 0 + 0 + (2000 * 347 / 1e6 + 1000 * 347 / 1e6);
    assertThat(g.<Double>getAs("contained_kg")).isCloseTo(gold, org.assertj.core.api.Assertions.within(1e-15));
    assertThat(g.<Double>getAs("assumed_content_share"))
        .isCloseTo((3000 * 4 / 1e6 + 2000 * 347 / 1e6) / gold, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(g.<Double>getAs("recoverable_kg")).isEqualTo(g.<Double>getAs("contained_kg") * 0.5 * 0.26 * 0.95);
  }
}
