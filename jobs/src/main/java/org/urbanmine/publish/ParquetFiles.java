package org.urbanmine.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table's Parquet files read without Spark, through the Hadoop file system (a local disk or
 * S3A alike): what a run needs to know before its first Spark job, or instead of one, from files
 * of a few kilobytes, where a Spark query would cost planning and a job (a second or more in a
 * fresh JVM) for the same answer.
 */
public final class ParquetFiles {
  private ParquetFiles() {}

  /** The Parquet data files directly in {@code dir} (not in its subdirectories), by name. */
  public static List<FileStatus> dataFiles(FileSystem fs, Path dir) throws IOException {
    List<FileStatus> files = new ArrayList<>();
    for (FileStatus f : fs.listStatus(dir)) {
      if (f.isFile() && TableStore.isDataFile(f.getPath().getName())) {
        files.add(f);
      }
    }
    files.sort(Comparator.comparing(f -> f.getPath().getName()));
    return files;
  }

  /** The rows of the Parquet files directly in {@code dir}, from their footers alone; 0 if it is not there. */
  public static long rows(FileSystem fs, Path dir, Configuration hadoop) {
    try {
      if (!fs.exists(dir)) {
        return 0;
      }
      long rows = 0;
      for (FileStatus f : dataFiles(fs, dir)) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(f, hadoop))) {
          rows += reader.getRecordCount();
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Parquet footers in " + dir, e);
    }
  }

  /**
   * Every row of the Parquet files directly in {@code dir}, as column name to value: strings,
   * longs, ints, doubles, booleans and timestamps (as {@link Timestamp}); a column a file lacks
   * or leaves empty is absent from its rows. For small tables only: every row is held in memory.
   */
  static List<Map<String, Object>> read(FileSystem fs, Path dir, Configuration hadoop) {
    List<Map<String, Object>> rows = new ArrayList<>();
    try {
      for (FileStatus f : dataFiles(fs, dir)) {
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), f.getPath())
            .withConf(hadoop).build()) {
          for (Group g = reader.read(); g != null; g = reader.read()) {
            rows.add(valuesOf(g));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Parquet files in " + dir, e);
    } catch (LinkageError e) {
      // A codec whose native library cannot be loaded (unpacked to a full temporary disk, say):
      // in a Spark task this fails the task; here, before Spark, it must fail the run as plainly.
      throw new IllegalStateException("cannot read the Parquet files in " + dir + ": their codec cannot be loaded: "
          + e.getMessage(), e);
    }
    return rows;
  }

  /** The key under which Spark keeps a file's schema in its footer, and reads it back from. */
  static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

  /**
   * Writes {@code rows} (column name to value; a missing name or null is null) as one zstd
   * Parquet file of {@code schema}'s flat columns, as Spark writes them: strings as UTF-8,
   * timestamps as microseconds since the epoch in UTC, the schema in the footer where Spark looks
   * for it. Read back by {@link #read}, Spark, DuckDB and pandas alike.
   */
  static void write(Path file, StructType schema, List<Map<String, Object>> rows, Configuration hadoop)
      throws IOException {
    MessageType parquet = parquetSchema(schema);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, hadoop))
        .withType(parquet).withCompressionCodec(CompressionCodecName.ZSTD)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withExtraMetaData(Map.of(SPARK_SCHEMA_KEY, schema.json())).build()) {
      for (Map<String, Object> values : rows) {
        Group row = new SimpleGroup(parquet);
        for (StructField field : schema.fields()) {
          Object value = values.get(field.name());
          if (value == null) {
            continue;
          }
          if (value instanceof String text) {
            row.append(field.name(), text);
          } else if (value instanceof Long n) {
            row.append(field.name(), n);
          } else if (value instanceof Integer n) {
            row.append(field.name(), n);
          } else if (value instanceof Double x) {
            row.append(field.name(), x);
          } else if (value instanceof Boolean b) {
            row.append(field.name(), b);
          } else if (value instanceof Timestamp t) {
            row.append(field.name(), Math.floorDiv(t.getTime(), 1000L) * 1_000_000L + t.getNanos() / 1_000);
          } else {
            throw new IllegalArgumentException("column " + field.name() + ": cannot write a "
                + value.getClass().getSimpleName());
          }
        }
        writer.write(row);
      }
    }
  }

  /** Spark's Parquet schema for flat columns of strings, numbers, booleans and timestamps, all optional. */
  private static MessageType parquetSchema(StructType schema) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (StructField field : schema.fields()) {
      DataType type = field.dataType();
      Type column;
      if (type.equals(DataTypes.StringType)) {
        column = Types.optional(PrimitiveType.PrimitiveTypeName.BINARY)
            .as(LogicalTypeAnnotation.stringType()).named(field.name());
      } else if (type.equals(DataTypes.LongType)) {
        column = Types.optional(PrimitiveType.PrimitiveTypeName.INT64).named(field.name());
      } else if (type.equals(DataTypes.IntegerType)) {
        column = Types.optional(PrimitiveType.PrimitiveTypeName.INT32).named(field.name());
      } else if (type.equals(DataTypes.DoubleType)) {
        column = Types.optional(PrimitiveType.PrimitiveTypeName.DOUBLE).named(field.name());
      } else if (type.equals(DataTypes.BooleanType)) {
        column = Types.optional(PrimitiveType.PrimitiveTypeName.BOOLEAN).named(field.name());
      } else if (type.equals(DataTypes.TimestampType)) {
        column = Types.optional(PrimitiveType.PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(field.name());
      } else {
        throw new IllegalArgumentException("column " + field.name() + ": " + type.simpleString()
            + " is not a flat type this writer knows");
      }
      message.addField(column);
    }
    return message.named("spark_schema");
  }

  private static Map<String, Object> valuesOf(Group row) {
    Map<String, Object> values = new HashMap<>();
    List<Type> fields = row.getType().getFields();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).isPrimitive() && row.getFieldRepetitionCount(i) > 0) {
        values.put(fields.get(i).getName(), value(row, i, fields.get(i).asPrimitiveType()));
      }
    }
    return values;
  }

  private static Object value(Group row, int i, PrimitiveType type) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    return switch (type.getPrimitiveTypeName()) {
      case BINARY, FIXED_LEN_BYTE_ARRAY -> row.getString(i, 0);
      case BOOLEAN -> row.getBoolean(i, 0);
      case INT32 -> row.getInteger(i, 0);
      case FLOAT -> (double) row.getFloat(i, 0);
      case DOUBLE -> row.getDouble(i, 0);
      case INT64 -> logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t
          ? timestamp(row.getLong(i, 0), t.getUnit()) : (Object) row.getLong(i, 0);
      case INT96 -> int96Timestamp(row.getInt96(i, 0));
    };
  }

  private static Timestamp timestamp(long value, LogicalTypeAnnotation.TimeUnit unit) {
    long nanosPerUnit = switch (unit) {
      case MILLIS -> 1_000_000L;
      case MICROS -> 1_000L;
      case NANOS -> 1L;
    };
    long seconds = Math.floorDiv(value, TimeUnit.SECONDS.toNanos(1) / nanosPerUnit);
    long rest = Math.floorMod(value, TimeUnit.SECONDS.toNanos(1) / nanosPerUnit);
    Timestamp t = new Timestamp(seconds * 1000);
    t.setNanos((int) (rest * nanosPerUnit));
    return t;
  }

  /** Spark's legacy INT96 timestamp: nanoseconds of the day, then the Julian day, little-endian. */
  private static Timestamp int96Timestamp(Binary value) {
    ByteBuffer bytes = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = bytes.getLong();
    long julianDay = Integer.toUnsignedLong(bytes.getInt());
    long epochDay = julianDay - 2_440_588L;
    long nanos = epochDay * TimeUnit.DAYS.toNanos(1) + nanosOfDay;
    return timestamp(nanos, LogicalTypeAnnotation.TimeUnit.NANOS);
  }
}
