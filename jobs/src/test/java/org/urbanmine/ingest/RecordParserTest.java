package org.urbanmine.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;

class RecordParserTest extends SparkTestBase {
  private static final StructType WHOLE_FILE = new StructType()
      .add(RawRecordReader.SOURCE_FILE, DataTypes.StringType)
      .add("value", DataTypes.StringType);

  /** file:line -> [malformed reason or "ok", country, amount] */
  private static Map<String, List<String>> parse(Object[]... files) {
    Dataset<Row> lines = RawRecordReader.splitLines(rows(WHOLE_FILE, files));
    Dataset<Row> parsed = RecordParser.parse(lines).select(
        col(RawRecordReader.SOURCE_FILE), col(RawRecordReader.LINE_NUMBER), col(RecordParser.MALFORMED),
        RecordParser.field("country"), RecordParser.field("amount"));
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Row r : parsed.collectAsList()) {
      out.put(r.getString(0) + ":" + r.getInt(1),
          java.util.Arrays.asList(r.isNullAt(2) ? "ok" : r.getString(2), r.getString(3), r.getString(4)));
    }
    return out;
  }

  @Test
  void csvFieldsByHeaderNameWithQuotesBomAndCrlf() {
    String csv = "\uFEFFAmount , Country,unit\r\n"
        + "\"1,112\",\"Korea, Republic of\",t\r\n"
        + "\r\n"
        + "  7 ,  , kg\r\n"
        + "\"He said \"\"hi\"\"\",Japan,kg\r\n";
    Map<String, List<String>> out = parse(new Object[] {"x.csv", csv});
    // Header is line 1 and not a record; the blank line 3 is not a record either.
    assertThat(out.keySet()).containsExactly("x.csv:2", "x.csv:4", "x.csv:5");
    assertThat(out.get("x.csv:2")).containsExactly("ok", "Korea, Republic of", "1,112");
    // Values are trimmed; blank is absent.
    assertThat(out.get("x.csv:4")).containsExactly("ok", null, "7");
    assertThat(out.get("x.csv:5")).containsExactly("ok", "Japan", "He said \"hi\"");
  }

  /**
   * Lines without quotes are split at their commas, lines with quotes go through the CSV parser:
   * the same record written both ways must give the same fields, empty last field included.
   */
  @Test
  void plainAndQuotedLinesGiveTheSameFields() {
    String csv = "unit,country,amount\n"
        + " t ,Japan,\n"
        + "\" t \",\"Japan\",\"\"\n"
        + "kg,Japan,5\n"
        + "\"kg\",Japan,\"5\"\n";
    Map<String, List<String>> out = parse(new Object[] {"w.csv", csv}, new Object[] {"v.csv", "country,amount\nPeru,9\n"});
    assertThat(out.get("w.csv:2")).containsExactly("ok", "Japan", null);
    assertThat(out.get("w.csv:3")).containsExactly("ok", "Japan", null);
    assertThat(out.get("w.csv:4")).containsExactly("ok", "Japan", "5");
    assertThat(out.get("w.csv:5")).containsExactly("ok", "Japan", "5");
    // A file of another width in the same read.
    assertThat(out.get("v.csv:2")).containsExactly("ok", "Peru", "9");
  }

  @Test
  void csvRowsThatAreNotRecordsAreMalformedWithTheReason() {
    String csv = "country,amount,unit\n"
        + "Japan,1\n"
        + "Japan,1,kg,extra\n"
        + "\"Japan,1,kg\n";
    Map<String, List<String>> out = parse(new Object[] {"y.csv", csv},
        new Object[] {"dup.csv", "country,amount,Country\nJapan,1,Japan\n"});
    assertThat(out.get("y.csv:2").get(0)).isEqualTo("2 fields where the header has 3");
    assertThat(out.get("y.csv:3").get(0)).isEqualTo("4 fields where the header has 3");
    assertThat(out.get("y.csv:4").get(0)).isEqualTo("unbalanced quote");
    assertThat(out.get("dup.csv:2").get(0)).isEqualTo("the header names a column twice");
  }

  @Test
  void jsonLinesByKeyInAnyCaseWithNumbersAsText() {
    String jsonl = "{\"COUNTRY\": \"Japan\", \"amount\": 143}\n"
        + "{\"country\": \"Japan\", \"amount\": 1.5e2, \"nested\": {\"a\": 1}}\n"
        + "not json\n"
        + "[1, 2]\n"
        + "{\"country\": \"A\", \"Country\": \"B\"}\n";
    Map<String, List<String>> out = parse(new Object[] {"z.jsonl", jsonl});
    assertThat(out.get("z.jsonl:1")).containsExactly("ok", "Japan", "143");
    // JSON numbers come through as Spark prints them; the amount parser reads either form.
    assertThat(out.get("z.jsonl:2")).containsExactly("ok", "Japan", "150.0");
    assertThat(out.get("z.jsonl:3").get(0)).isEqualTo("not a JSON object");
    assertThat(out.get("z.jsonl:4").get(0)).isEqualTo("not a JSON object");
    assertThat(out.get("z.jsonl:5").get(0)).isEqualTo("a field appears twice");
  }
}
