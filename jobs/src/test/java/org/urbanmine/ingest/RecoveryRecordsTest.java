package org.urbanmine.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.xxhash64;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;
import org.urbanmine.tables.RecoveryRecordsTable;

class RecoveryRecordsTest extends SparkTestBase {
  private static final StructType ACCEPTED = new StructType()
      .add("source_file", DataTypes.StringType)
      .add("line_number", DataTypes.IntegerType)
      .add("record_id", DataTypes.StringType)
      .add("source", DataTypes.StringType)
      .add("country_code", DataTypes.StringType)
      .add("year", DataTypes.IntegerType)
      .add("metal", DataTypes.StringType)
      .add("mass_kg", DataTypes.DoubleType)
      .add("category", DataTypes.StringType)
      .add("note", DataTypes.StringType)
      .add("reason_code", DataTypes.StringType)
      .add("reason", DataTypes.StringType);

  @Test
  void repeatsAreMarkedAndIdsGeneratedFromTheValues() throws Exception {
    List<Row> out = RecoveryRecords.markRepeats(rows(ACCEPTED,
            new Object[] {"b.csv", 4, null, "s", "JPN", 2014, "gold", 143.0, null, null, null, null},
            new Object[] {"a.csv", 9, null, "s", "JPN", 2014, "gold", 143.0, null, null, null, null},
            new Object[] {"a.csv", 10, null, "s", "JPN", 2014, "gold", 144.0, null, null, null, null},
            // Rejected before (say its amount was "-1"): not the first occurrence of x-1, and left as it is.
            new Object[] {"a.csv", 1, "x-1", "s", "JPN", 2015, "gold", null, null, null, "bad_amount", "amount is negative"},
            new Object[] {"a.csv", 11, "x-1", "s", "JPN", 2015, "gold", 1.0, null, null, null, null},
            new Object[] {"a.csv", 12, "x-1", "s", "JPN", 2015, "gold", 2.0, null, null, null, null},
            new Object[] {"a.csv", 13, "x-1", "t", "JPN", 2015, "gold", 2.0, null, null, null, null}))
        .orderBy("source_file", "line_number")
        .select("source_file", "line_number", "record_id", "reason_code", "reason")
        .collectAsList();

    // The id is "gen-" + the first 16 hex digits of SHA-256 over the values joined by \u0001:
    // record_id (empty), source, country, year, metal, mass_kg as Spark prints it, category, note.
    String content = String.join("\u0001", "", "s", "JPN", "2014", "gold", "143.0", "", "");
    String expectedId = "gen-" + HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8))).substring(0, 16);

    // The rejected a.csv:1 keeps its reason, its id and no generated one.
    assertThat(out.get(0).getString(2)).isEqualTo("x-1");
    assertThat(out.get(0).getString(3)).isEqualTo("bad_amount");
    assertThat(out.get(0).getString(4)).isEqualTo("amount is negative");
    // a.csv:9 comes first (file, then line), so b.csv:4 with equal values is its duplicate.
    assertThat(out.get(1).getString(2)).isEqualTo(expectedId);
    assertThat(out.get(1).isNullAt(3)).isTrue();
    assertThat(out.get(2).getString(2)).isNotEqualTo(expectedId).startsWith("gen-");
    assertThat(out.get(2).isNullAt(3)).isTrue();
    // a.csv:11 is the first clean x-1: the rejected line 1 before it does not count.
    assertThat(out.get(3).getString(2)).isEqualTo("x-1");
    assertThat(out.get(3).isNullAt(3)).isTrue();
    assertThat(out.get(4).getString(3)).isEqualTo("conflicting_record_id");
    assertThat(out.get(4).getString(4))
        .isEqualTo("record_id 'x-1' of source 's' already used with other values at a.csv:11");
    // Same id under another source is another record.
    assertThat(out.get(5).isNullAt(3)).isTrue();
    assertThat(out.get(6).getString(0)).isEqualTo("b.csv");
    assertThat(out.get(6).getString(3)).isEqualTo("duplicate");
    assertThat(out.get(6).getString(4)).isEqualTo("duplicate of a.csv:9");
  }

  /**
   * A hash that more than one key shares (a collision) brings those keys to firstOccurrences,
   * which must still tell them apart: here every key's hash is offered as "repeated", and only
   * the key two clean rows really share comes back.
   */
  @Test
  void firstOccurrencesCompareKeysNotHashes() {
    Dataset<Row> rows = RecoveryRecords.withKeyHash(rows(ACCEPTED,
        new Object[] {"a.csv", 2, "k-1", "s", "JPN", 2014, "gold", 1.0, null, null, null, null},
        new Object[] {"a.csv", 3, "k-2", "s", "JPN", 2014, "gold", 2.0, null, null, null, null},
        new Object[] {"b.csv", 1, "k-2", "s", "JPN", 2014, "gold", 2.0, null, null, null, null},
        new Object[] {"b.csv", 2, "k-3", "s", "JPN", 2014, "gold", 3.0, null, null, "bad_amount", "x"}));
    Dataset<Row> everyHash = rows.select(xxhash64(col("source"), col("record_id")).as(RecoveryRecordsTable.KEY_HASH));
    List<Row> firsts = RecoveryRecords.firstOccurrences(rows, everyHash).collectAsList();
    assertThat(firsts).hasSize(1);
    assertThat(firsts.get(0).getString(1)).isEqualTo("k-2");
    // The first k-2 is a.csv:3 (file, then line).
    assertThat(firsts.get(0).getStruct(2).getString(0)).isEqualTo("a.csv");
    assertThat(firsts.get(0).getStruct(2).getInt(1)).isEqualTo(3);
    // Found by counting hashes: only k-2's.
    assertThat(RecoveryRecords.repeatedKeyHashes(rows).count()).isEqualTo(1);
  }
}
