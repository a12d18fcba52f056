package org.urbanmine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.config.Settings;
import org.urbanmine.tables.ChannelCalibrationTable;
import org.urbanmine.tables.RecoveryByCountryYearTable;

/**
 * A channel's records against the model of the campaign's stream, by hand. Source {@code ch} (a
 * channel) collected 1,000 t in 2017 and 2,000 t in 2018; {@code other} (a channel too) says
 * nothing of its tonnes; {@code whole} is a whole stream. The model's kilograms per tonne of the
 * stream: JPN gold 0.004 (2017), 0.005 (2018), 0.006 (2019); silver 0.05 (2017).
 *
 * <pre>
 *   record                 recorded  tonnes  model = t x kg/t     factor
 *   JPN gold 2017 (ch)     10 kg     1,000   4 kg                 2.5
 *   JPN gold 2018 (ch)     30 kg     2,000   10 kg                3
 *   JPN gold 2019 (ch)     5 kg      -       (no tonnes: left out)
 *   KOR gold 2017 (other)  4 kg      -       (no tonnes: left out)
 *   JPN gold 2014 (whole)  50 kg     -       (not a channel: left out)
 *   JPN silver 2017 (ch)   100 kg    1,000   50 kg                2
 * </pre>
 *
 * Gold's channel factor is (10 + 30) / (4 + 10) = 2.857143, not the mean of 2.5 and 3; silver's 2.
 */
class ChannelCalibrationTest extends SparkTestBase {
  private static final StructType KG_PER_T = new StructType().add(ForecastValidation.D_COUNTRY, DataTypes.StringType)
      .add(ForecastValidation.D_METAL, DataTypes.StringType).add(ForecastValidation.D_YEAR, DataTypes.IntegerType)
      .add(ForecastValidation.D_KG_PER_T, DataTypes.DoubleType);

  @Test
  void aChannelsRecordsOverTheModelOfItsTonnesAddedPerMetal() {
    var records = rows(RecoveryByCountryYearTable.TABLE.schema(),
        new Object[] {"JPN", 2017, "gold", 10.0, 1L, "ch", 1L, "recorded", "channel"},
        new Object[] {"JPN", 2018, "gold", 30.0, 1L, "ch", 1L, "recorded", "channel"},
        new Object[] {"JPN", 2019, "gold", 5.0, 1L, "ch", 1L, "recorded", "channel"},
        new Object[] {"KOR", 2017, "gold", 4.0, 1L, "other", 1L, "recorded", "channel"},
        new Object[] {"JPN", 2014, "gold", 50.0, 1L, "whole", 1L, "recorded", "whole-stream"},
        new Object[] {"JPN", 2017, "silver", 100.0, 1L, "ch", 1L, "recorded", "channel"});
    Map<String, Settings.Source> sources = Map.of(
        "ch", new Settings.Source("ch", "channel", "recorded", "a channel", Map.of(2017, 1000.0, 2018, 2000.0)),
        "other", new Settings.Source("other", "channel", "recorded", "another"),
        "whole", new Settings.Source("whole", "whole-stream", "recorded", "all of it"));
    var kgPerT = rows(KG_PER_T, new Object[] {"JPN", "gold", 2017, 0.004}, new Object[] {"JPN", "gold", 2018, 0.005},
        new Object[] {"JPN", "gold", 2019, 0.006}, new Object[] {"KOR", "gold", 2017, 0.004},
        new Object[] {"JPN", "silver", 2017, 0.05});
    List<Row> out = ChannelCalibrationTable.TABLE.conformFile(ChannelCalibration.of(spark, records, sources, kgPerT))
        .orderBy("metal", "year").collectAsList();
    assertThat(out).extracting(r -> r.getAs("metal") + " " + r.getAs("year")).containsExactly("gold 2017", "gold 2018",
        "silver 2017");
    assertThat(out.get(0).<Double>getAs("model_kg")).isCloseTo(4.0, within(1e-12));
    assertThat(out.get(0).<Double>getAs("record_factor")).isCloseTo(2.5, within(1e-12));
    assertThat(out.get(1).<Double>getAs("record_factor")).isCloseTo(3.0, within(1e-12));
    assertThat(out.get(0).<Double>getAs("channel_factor")).isCloseTo(40.0 / 14, within(1e-12));
    assertThat(out.get(1).<Double>getAs("channel_factor")).isCloseTo(40.0 / 14, within(1e-12));
    assertThat(out.get(1).<Double>getAs("collected_t")).isEqualTo(2000.0);
    assertThat(out.get(2).<Double>getAs("channel_factor")).isCloseTo(2.0, within(1e-12));
  }
}
