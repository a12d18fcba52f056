package org.urbanmine.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbanmine.publish.ParquetFiles;
import org.urbanmine.tables.TableSpec;

/**
 * {@code <warehouse>/_ingest/_pieces/}: each input file's rows as the two ingest tables publish
 * them (a piece per file and table, its rows in the table's file order), so that a night writes
 * the pieces of its new files, and of the old files whose rows the new ones repeat, and takes the
 * others as they are: each table's one Parquet file is then the pieces' row groups copied in the
 * order of the files' names, not decoded or sorted again. The cost of a night grows with its new
 * files, not with the history.
 *
 * <p>Layout: {@code run=<id>/<table>/ingest_key=<key>/part-*.parquet} (the files of a piece, in
 * name order) and {@code run=<id>/}{@value #MANIFEST}: a line per input file of that run,
 * {@code <key> <run holding its pieces>}, in the order of the files' names, written after the
 * pieces. A manifest is used only by the run after the one whose {@code recovery_records} is
 * published ({@link #published}): pieces of a run that failed later are never taken for the
 * published ones.
 */
final class IngestPieces {
  private static final Logger LOG = LoggerFactory.getLogger(IngestPieces.class);
  static final String DIR = "_pieces";
  static final String MANIFEST = "_MANIFEST";
  private static final String RUN = "run=";

  private final FileSystem fs;
  private final Path root;

  private IngestPieces(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = root;
  }

  /** The pieces beside the ingest cache at {@code cacheRoot}. */
  static IngestPieces of(Configuration hadoop, Path cacheRoot) {
    Path root = new Path(cacheRoot, DIR);
    try {
      return new IngestPieces(root.getFileSystem(hadoop), root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + root, e);
    }
  }

  /**
   * Which run holds the pieces of each file, by the file's cache key, in the order of the files'
   * names.
   *
   * @param runId the run that wrote it
   */
  record Manifest(String runId, Map<String, String> runByKey) {
    Set<String> keys() {
      return runByKey.keySet();
    }
  }

  /** Where {@code runId} writes its pieces of {@code table}: a directory per cache key. */
  Path dir(String runId, TableSpec table) {
    return new Path(new Path(root, RUN + runId), table.name());
  }

  /**
   * The manifest of the run whose {@code recovery_records} is published, if it is here with every
   * piece it names: none after a rollback past the pruned pieces, or before the first run with them.
   */
  Optional<Manifest> published(Optional<String> publishedRun) {
    if (publishedRun.isEmpty()) {
      return Optional.empty();
    }
    Path file = new Path(new Path(root, RUN + publishedRun.get()), MANIFEST);
    Map<String, String> runByKey;
    try {
      if (!fs.exists(file)) {
        return Optional.empty();
      }
      runByKey = PairLines.read(fs, file);
      for (String run : new HashSet<>(runByKey.values())) {
        if (!fs.exists(new Path(root, RUN + run))) {
          LOG.info("ingest pieces: {} names pieces of run {}, which are gone; every piece is written again", file, run);
          return Optional.empty();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return Optional.of(new Manifest(publishedRun.get(), runByKey));
  }

  /** Writes the manifest, after the pieces it names: from then on it is whole. */
  void commit(Manifest manifest) {
    Path file = new Path(new Path(root, RUN + manifest.runId()), MANIFEST);
    try {
      PairLines.write(fs, file, manifest.runByKey());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The Parquet files of the manifest's pieces of {@code table}, file after file, each piece's in name order. */
  List<Path> files(Manifest manifest, TableSpec table) {
    List<Path> files = new ArrayList<>();
    try {
      for (Map.Entry<String, String> e : manifest.runByKey().entrySet()) {
        Path piece = new Path(dir(e.getValue(), table), IngestCache.KEY + "=" + e.getKey());
        // A file with no row for the table has no piece of it.
        if (fs.exists(piece)) {
          ParquetFiles.dataFiles(fs, piece).forEach(f -> files.add(f.getPath()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the pieces of " + table.name() + " in " + root, e);
    }
    return files;
  }

  /** Deletes the runs' pieces that none of {@code manifests} names (runs that failed, or superseded). */
  void keepOnly(Collection<Manifest> manifests) {
    Set<String> kept = new HashSet<>();
    for (Manifest m : manifests) {
      kept.add(m.runId());
      kept.addAll(m.runByKey().values());
    }
    try {
      if (!fs.exists(root)) {
        return;
      }
      for (FileStatus dir : fs.listStatus(root)) {
        String name = dir.getPath().getName();
        if (name.startsWith(RUN) && !kept.contains(name.substring(RUN.length()))) {
          fs.delete(dir.getPath(), true);
          LOG.info("ingest pieces: dropped {}, which no kept manifest names", name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prune the ingest pieces " + root, e);
    }
  }
}
