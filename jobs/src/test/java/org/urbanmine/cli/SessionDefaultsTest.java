package org.urbanmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SessionDefaultsTest {

  @Test
  void aNightGetsSmallPagesAndTheCompilableMethodLimit() {
    assertThat(UrbanMine.sessionDefaults(new SparkConf(false)))
        .containsEntry(UrbanMine.PAGE_SIZE, "4m")
        .containsEntry(UrbanMine.HUGE_METHOD_LIMIT, "8000")
        .hasSize(2);
  }

  @Test
  void whatSparkSubmitOrAPropertyGaveIsKept() {
    // spark-submit --conf spark.buffer.pageSize=64m reaches the driver as this SparkConf entry;
    // the builder's options would override it, so the default must not be among them.
    SparkConf given = new SparkConf(false).set(UrbanMine.PAGE_SIZE, "64m");
    assertThat(UrbanMine.sessionDefaults(given))
        .doesNotContainKey(UrbanMine.PAGE_SIZE)
        .containsEntry(UrbanMine.HUGE_METHOD_LIMIT, "8000");
  }
}
