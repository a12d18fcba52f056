package org.urbanmine.reference;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;

class MetalCatalogTest extends SparkTestBase {

  @Test
  void namesSymbolsAndAliasesToCanonicalNames() {
    MetalCatalog catalog = new MetalCatalog(settings("urbanmine.metals.copper.aliases=[\"cuivre\"]").metals());
    List<String> in = List.of("gold", "GOLD", " Au ", "ag", "Silver", "Cu", "cuivre", "pd", "Palladium", "iron", "bronze");
    List<Row> out = spark.createDataset(in, Encoders.STRING()).toDF("m")
        .select(catalog.canonical(col("m"))).collectAsList();
    assertThat(out).extracting(r -> r.isNullAt(0) ? null : r.getString(0)).containsExactlyElementsOf(Arrays.asList(
        "gold", "gold", "gold", "silver", "silver", "copper", "copper", "palladium", "palladium", null, null));
  }
}
