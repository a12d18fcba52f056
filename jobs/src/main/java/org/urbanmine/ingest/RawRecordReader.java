package org.urbanmine.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.replace;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.input.InputFiles;
import org.urbanmine.input.InputFingerprint;
import org.urbanmine.tables.RecoveryRecordsTable;

/**
 * Reads recovery-record files as numbered lines: {@code source_file, format, line_number, line}.
 *
 * <p>Each file is read whole ({@code wholetext}) and split here, because line numbers must
 * survive for the rejects table and Spark's line reader does not keep them. A quoted CSV field
 * may therefore not span lines: such a record shows up as malformed rows, never lost.
 */
public final class RawRecordReader {
  public static final String SOURCE_FILE = RecoveryRecordsTable.SOURCE_FILE;
  public static final String FORMAT = "format";
  public static final String LINE_NUMBER = RecoveryRecordsTable.LINE_NUMBER;
  public static final String LINE = "line";

  private RawRecordReader() {}

  /**
   * The {@code *.csv} and {@code *.jsonl} files at {@code location} (a file or a directory), with
   * their lengths as listed, sorted by path.
   */
  public static List<FileStatus> inputStatuses(SparkSession spark, String location) {
    return InputFiles.list(spark, location, RECORDS_KEY);
  }

  /** The setting that names the recovery records, for messages. */
  public static final String RECORDS_KEY = "urbanmine.input.recovery-records";

  /**
   * Non-blank lines of the files, numbered from 1 as an editor shows them. Each file must read as
   * exactly the bytes fingerprinted when the run started; otherwise its task fails (and is
   * retried where the master allows task retries), so a file cut short by the storage, or changed
   * under the run, never passes as a complete one.
   */
  public static Dataset<Row> readLines(SparkSession spark, List<InputFingerprint.InputFile> files) {
    List<Column> shaByName = new ArrayList<>();
    List<Column> sizeByName = new ArrayList<>();
    files.forEach(f -> {
      shaByName.addAll(List.of(lit(f.name()), lit(f.sha256())));
      sizeByName.addAll(List.of(lit(f.name()), lit(f.sizeBytes())));
    });
    Column name = col("_metadata.file_name");
    Column readSha = sha2(col("value").cast("binary"), 256);
    Column fingerprinted = element_at(map(shaByName.toArray(new Column[0])), name);
    Column fingerprintedSize = element_at(map(sizeByName.toArray(new Column[0])), name);
    Column whole = coalesce(fingerprinted.equalTo(readSha), lit(false));
    Column problem = concat(lit("input file "), col("_metadata.file_path"), lit(" read as "),
        octet_length(col("value")).cast("string"), lit(" bytes with SHA-256 "), readSha,
        lit(", not the "), coalesce(fingerprintedSize.cast("string"), lit("?")),
        lit(" bytes with SHA-256 "), coalesce(fingerprinted, lit("(none)")),
        lit(" fingerprinted when the run started: it changed during the run, or the storage cut"
            + " its answer short"));
    Dataset<Row> read = spark.read()
        .option("wholetext", "true")
        .text(files.stream().map(InputFingerprint.InputFile::path).toArray(String[]::new))
        .filter(when(whole, lit(true)).otherwise(raise_error(problem)))
        .select(name.as(SOURCE_FILE), col("value"));
    return splitLines(read);
  }

  /** {@code source_file, value} (one row per whole file) to numbered non-blank lines. */
  public static Dataset<Row> splitLines(Dataset<Row> wholeFiles) {
    // Split at "\n" after turning "\r\n" into "\n", which is what splitting at "\r?\n" gives:
    // a one-character separator takes String.split's fast path, where a regular expression ran
    // over every character of every file (as did one more to drop the byte-order mark, which
    // now is looked for on the first line only). replace returns the text as it is when there
    // is no "\r\n", so an LF file is not copied.
    Column lf = replace(col("value"), lit("\r\n"), lit("\n"));
    Column name = lower(col(SOURCE_FILE));
    Column first = col("pos").equalTo(0).and(col("col").startsWith("\uFEFF"));
    return wholeFiles
        .select(col(SOURCE_FILE),
            when(name.endsWith(".jsonl"), InputFiles.JSONL).otherwise(InputFiles.CSV).as(FORMAT),
            posexplode(split(lf, "\n", -1)))
        .select(col(SOURCE_FILE), col(FORMAT),
            col("pos").plus(1).cast("int").as(LINE_NUMBER),
            when(first, substring(col("col"), 2, Integer.MAX_VALUE)).otherwise(col("col")).as(LINE))
        .filter(org.apache.spark.sql.functions.trim(col(LINE)).notEqual(""));
  }
}
