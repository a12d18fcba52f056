package org.urbanmine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbanmine.SparkTestBase;
import org.urbanmine.tables.TableSpec;

/**
 * A table {@link TableSpec.Builder#writtenInParallel written in parallel}: sorted by range in one
 * task per core (two in the tests' {@code local[2]} session), the pieces joined into the one file
 * a published table has, in sort order.
 */
public class ParallelWriteTest extends SparkTestBase {
  private static final TableSpec RECORDS = TableSpec.builder("records_test", "a table written in parallel")
      .column("id", DataTypes.StringType, "key")
      .column("country_code", DataTypes.StringType, "ISO 3166-1 alpha-3")
      .column("year", DataTypes.IntegerType, "year")
      .column("mass_kg", DataTypes.DoubleType, "kilograms")
      .key("id")
      .sortedBy("country_code", "year", "id")
      .writtenInParallel()
      .build();

  @TempDir
  Path dir;

  @Test
  void piecesSortedByRangeAreJoinedIntoOneSortedFile() throws Exception {
    stageAndCheck(spark, dir.toString());
  }

  /**
   * Stages 1,000 rows, given in descending order of id over 4 countries and 5 years, into a
   * warehouse at {@code root} (a local directory, or S3 in {@code S3WarehouseTest}) and checks
   * the staged table: one Parquet file of two row groups (one per piece) holding all 1,000 rows,
   * sorted by country, year, then id, with the sum of mass_kg of the rows given
   * (0+1+...+999 = 499,500), and no pieces left beside it.
   */
  public static void stageAndCheck(SparkSession spark, String root) throws Exception {
    List<Object[]> given = new ArrayList<>();
    String[] countries = {"NLD", "DEU", "JPN", "BRA"};
    for (int i = 999; i >= 0; i--) {
      given.add(new Object[] {String.format("r%04d", i), countries[i % 4], 2010 + i % 5, (double) i});
    }
    Warehouse warehouse = new Warehouse(spark, root, "run-1");
    Dataset<Row> rows = spark.createDataFrame(given.stream().map(RowFactory::create).toList(), RECORDS.schema());
    assertThat(warehouse.stage(RECORDS, rows)).isEqualTo(1000);

    org.apache.hadoop.fs.Path staged = warehouse.staged(RECORDS.name());
    FileSystem fs = staged.getFileSystem(spark.sparkContext().hadoopConfiguration());
    List<String> files = Arrays.stream(fs.listStatus(staged)).map(f -> f.getPath().getName())
        .filter(TableStore::isDataFile).toList();
    assertThat(files).containsExactly(TableStore.DATA_FILE);
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(staged, TableStore.DATA_FILE), spark.sparkContext().hadoopConfiguration()))) {
      assertThat(reader.getRowGroups()).hasSize(2);
    }
    assertThat(Arrays.stream(fs.listStatus(staged.getParent())).map(f -> f.getPath().getName()))
        .containsExactly(RECORDS.name());

    Dataset<Row> read = spark.read().parquet(staged.toString());
    assertThat(read.schema().fieldNames()).containsExactly("id", "country_code", "year", "mass_kg");
    List<Row> inFileOrder = read.collectAsList();
    assertThat(inFileOrder).hasSize(1000);
    double sum = 0;
    for (int i = 0; i < inFileOrder.size(); i++) {
      Row r = inFileOrder.get(i);
      sum += r.getDouble(3);
      if (i > 0) {
        Row before = inFileOrder.get(i - 1);
        String a = before.getString(1) + before.getInt(2) + before.getString(0);
        String b = r.getString(1) + r.getInt(2) + r.getString(0);
        assertThat(a).as("row %d after row %d", i, i - 1).isLessThan(b);
      }
    }
    assertThat(sum).isEqualTo(499_500.0);
    // BRA comes first: i % 4 == 3 gives BRA, and "BRA" < "DEU" < "JPN" < "NLD".
    assertThat(inFileOrder.get(0).getString(1)).isEqualTo("BRA");
    assertThat(inFileOrder.get(999).getString(1)).isEqualTo("NLD");
  }
}
