package org.urbanmine.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/**
 * Parquet files of one schema joined into one file, row group after row group, each copied as
 * the compressed bytes it is (what {@code parquet-tools merge} does): no row is decoded or
 * encoded again, so joining costs about as much as copying the bytes. Rows keep the order of the
 * files given, then their order within each file; pieces written by range of a sort order, in
 * range order, give one sorted file whose row groups other jobs can read in parallel.
 */
final class RowGroupConcat {
  private RowGroupConcat() {}

  /**
   * Writes {@code pieces}, in this order, into {@code target}, which must not exist. The file's
   * schema and key-value metadata (Spark's schema among them) are the first piece's; every piece
   * must have the same schema.
   */
  static void concat(Configuration hadoop, List<Path> pieces, Path target) {
    if (pieces.isEmpty()) {
      throw new IllegalArgumentException("nothing to join into " + target);
    }
    try {
      FileMetaData first;
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(pieces.get(0), hadoop))) {
        first = reader.getFileMetaData();
      }
      Map<String, String> metadata = first.getKeyValueMetaData();
      ParquetFileWriter writer = new ParquetFileWriter(HadoopOutputFile.fromPath(target, hadoop), first.getSchema(),
          ParquetFileWriter.Mode.CREATE, ParquetWriter.DEFAULT_BLOCK_SIZE, ParquetWriter.MAX_PADDING_SIZE_DEFAULT);
      writer.start();
      for (Path piece : pieces) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(piece, hadoop))) {
          if (!reader.getFileMetaData().getSchema().equals(first.getSchema())) {
            throw new IOException(piece + " has the schema " + reader.getFileMetaData().getSchema()
                + ", not that of " + pieces.get(0) + ": " + first.getSchema());
          }
          reader.appendTo(writer);
        }
      }
      writer.end(metadata);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot join " + pieces.size() + " Parquet file(s) into " + target, e);
    }
  }
}
