package org.urbanmine.publish;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSDataOutputStreamBuilder;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned tables on an object store (S3 through S3A), which has neither links nor atomic
 * renames of directories, only atomic writes of single objects.
 *
 * <pre>
 *   &lt;root&gt;/&lt;table&gt;/part-00000.parquet           the current version: one object
 *   &lt;root&gt;/&lt;table&gt;/scenario=x/part-00000.parquet  (or, partitioned, one object per partition)
 *   &lt;root&gt;/_versions/&lt;table&gt;/&lt;run_id&gt;/          each kept version, as staged (one Parquet file)
 *   &lt;root&gt;/_versions/&lt;table&gt;/_published         history, as on a local disk
 *   &lt;root&gt;/_lock                                 the run holding the warehouse (a conditional PUT)
 * </pre>
 *
 * <p>So a table is staged as one Parquet file, and publishing it is one PUT of a copy of that file
 * over {@code part-00000.parquet}. S3 applies a PUT atomically and reads after it are strongly
 * consistent: a reader gets the whole old object or the whole new one. A reader that opened the
 * old object and goes on reading after the switch is stopped by S3A's change detection (ETag,
 * {@code fs.s3a.change.detection.*}) with an error, never served bytes of the new one. Kept
 * versions are never overwritten, so a reader pinned to {@code _versions/<table>/<run_id>/}
 * always reads one whole version.
 */
public final class ObjectStoreTables extends BaseTableStore {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectStoreTables.class);
  /** S3A's builder option (Hadoop 3.4.2) for a PUT with "If-None-Match: *". */
  static final String CREATE_IF_ABSENT = "fs.option.create.conditional.overwrite";

  private final FileSystem fs;
  private final Path root;

  public ObjectStoreTables(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = root;
  }

  private Path versions(String table) {
    return new Path(new Path(root, TableVersions.VERSIONS), table);
  }

  public Path version(String table, String runId) {
    return new Path(versions(table), runId);
  }

  private Path historyFile(String table) {
    return new Path(versions(table), TableVersions.HISTORY);
  }

  @Override
  void moveIn(String table, Path staged, String runId) throws IOException {
    Path target = version(table, runId);
    if (!fs.exists(target)) {
      fs.mkdirs(versions(table));
      if (!fs.rename(staged, target)) {
        throw new IOException("could not move " + staged + " to " + target);
      }
    }
  }

  /**
   * One PUT of the version's Parquet file over the table's object (S3A writes the object only when
   * the stream closes), or one per partition, then whatever else is under the table's path goes,
   * so that it holds those files only.
   */
  @Override
  void pointTo(String table, String runId) throws IOException {
    Path tableDir = new Path(root, table);
    Set<Path> targets = new HashSet<>();
    for (Map.Entry<String, Path> source : dataFiles(version(table, runId)).entrySet()) {
      Path target = new Path(source.getKey().isEmpty() ? tableDir : new Path(tableDir, source.getKey()), DATA_FILE);
      FileUtil.copy(fs, source.getValue(), fs, target, false, true, fs.getConf());
      targets.add(fs.makeQualified(target));
    }
    RemoteIterator<LocatedFileStatus> present = fs.listFiles(tableDir, true);
    List<Path> stale = new ArrayList<>();
    while (present.hasNext()) {
      Path p = fs.makeQualified(present.next().getPath());
      if (!targets.contains(p)) {
        stale.add(p);
      }
    }
    for (Path p : stale) {
      fs.delete(p, false);
    }
    LOG.info("{} now holds version {}", tableDir, runId);
  }

  /**
   * The one Parquet file of a version ({@code _SUCCESS} and the like aside), or of each of its
   * partitions, by directory relative to the version ("" for an unpartitioned table).
   */
  private Map<String, Path> dataFiles(Path version) throws IOException {
    Map<String, Path> files = new TreeMap<>();
    String base = fs.makeQualified(version).toUri().getPath();
    RemoteIterator<LocatedFileStatus> all = fs.listFiles(version, true);
    while (all.hasNext()) {
      Path file = all.next().getPath();
      if (!TableStore.isDataFile(file.getName())) {
        continue;
      }
      String dir = file.getParent().toUri().getPath().substring(base.length()).replaceFirst("^/", "");
      if (files.put(dir, file) != null) {
        throw new IOException(new Path(version, dir) + " holds more than one Parquet file; a table (or"
            + " partition) on an object store is published as exactly one");
      }
    }
    if (files.isEmpty()) {
      throw new IOException(version + " holds no Parquet file");
    }
    return files;
  }

  @Override
  public List<String> history(String table) {
    try {
      String text = readText(historyFile(table));
      return text == null ? List.of() : Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + historyFile(table), e);
    }
  }

  @Override
  public Optional<String> current(String table) {
    return exists(new Path(root, table)) ? PublicationHistory.last(history(table)) : Optional.empty();
  }

  @Override
  List<String> versionNames(String table) {
    return directories(versions(table));
  }

  @Override
  void deleteVersion(String table, String runId) {
    delete(version(table, runId));
  }

  @Override
  public List<String> tables() {
    return directories(new Path(root, TableVersions.VERSIONS));
  }

  private List<String> directories(Path dir) {
    try {
      return Arrays.stream(fs.listStatus(dir)).filter(FileStatus::isDirectory)
          .map(s -> s.getPath().getName()).sorted().toList();
    } catch (FileNotFoundException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  @Override
  public boolean exists(Path path) {
    try {
      return fs.exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look up " + path, e);
    }
  }

  @Override
  public void delete(Path path) {
    try {
      fs.delete(path, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + path, e);
    }
  }

  @Override
  public void clearLeftovers(String runId) {
    for (String run : directories(new Path(root, Warehouse.STAGING))) {
      if (!run.equals(runId)) {
        Path leftover = new Path(new Path(root, Warehouse.STAGING), run);
        LOG.info("removing the staging area of an earlier run: {}", leftover);
        delete(leftover);
      }
    }
  }

  @Override
  public WarehouseLock lock(String runId, Duration wait) {
    return WarehouseLock.acquire(new ObjectLockFile(new Path(root, WarehouseLock.FILE)), runId, wait);
  }

  @Override
  void writeHistory(String table, List<String> lines) throws IOException {
    try (FSDataOutputStream out = fs.create(historyFile(table), true)) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private String readText(Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return bytes.toString(StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  /**
   * The lock as one object, created with a conditional PUT ("If-None-Match: *"): S3 refuses it
   * when the object exists, so two runs cannot both take the lock. Stores that ignore the header
   * leave S3A's existence check just before it as the only guard.
   */
  private final class ObjectLockFile implements WarehouseLock.LockFile {
    private final Path path;

    ObjectLockFile(Path path) {
      this.path = path;
    }

    @Override
    public boolean createIfAbsent(String content) throws IOException {
      FSDataOutputStreamBuilder<?, ?> create = fs.createFile(path);
      create.overwrite(false);
      create.opt(CREATE_IF_ABSENT, true);
      try (OutputStream out = create.build()) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (IOException e) {
        // A refused conditional PUT surfaces from close(); tell it from a failure by looking.
        String holder = readText(path);
        if (holder != null && !content.equals(holder)) {
          return false;
        }
        throw e;
      }
      return true;
    }

    @Override
    public String read() throws IOException {
      return readText(path);
    }

    @Override
    public void delete() throws IOException {
      fs.delete(path, false);
    }

    @Override
    public String location() {
      return path.toString();
    }
  }
}
