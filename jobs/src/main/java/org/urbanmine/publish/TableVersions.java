package org.urbanmine.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Published versions of tables in a warehouse on a local (POSIX) file system.
 *
 * <pre>
 *   &lt;root&gt;/&lt;table&gt;                          symbolic link to the current version
 *   &lt;root&gt;/_versions/&lt;table&gt;/&lt;run_id&gt;/       one directory of Parquet files per published version
 *   &lt;root&gt;/_versions/&lt;table&gt;/_published      history: one line "run_id published_at" per publication
 * </pre>
 *
 * <p>Publishing a version is a rename of the staged directory into {@code _versions} followed by
 * an atomic {@code rename(2)} of a fresh link over the table's link, so a reader opening
 * {@code <root>/<table>/} finds the whole old version or the whole new one. File names are unique
 * per version (Spark writes a UUID into each), so a reader that listed the old version and opens a
 * file after the switch gets "file not found" and must retry: it never reads rows of two versions.
 */
public final class TableVersions extends BaseTableStore {
  private static final Logger LOG = LoggerFactory.getLogger(TableVersions.class);
  public static final String VERSIONS = "_versions";
  public static final String HISTORY = "_published";
  /** How long a version that is no longer current is kept for readers that are still on it. */
  public static final Duration READER_GRACE = PublicationHistory.READER_GRACE;
  private static final String LINK_PREFIX = ".link-";

  private final Path root;

  public TableVersions(Path root) {
    this.root = root;
  }

  public Path link(String table) {
    return root.resolve(table);
  }

  public Path version(String table, String runId) {
    return root.resolve(VERSIONS).resolve(table).resolve(runId);
  }

  private Path historyFile(String table) {
    return root.resolve(VERSIONS).resolve(table).resolve(HISTORY);
  }

  /** Moves {@code staged} in as version {@code runId} of {@code table} and makes it current. */
  public void publish(String table, Path staged, String runId) {
    publish(table, new org.apache.hadoop.fs.Path(staged.toUri()), runId);
  }

  @Override
  void moveIn(String table, org.apache.hadoop.fs.Path staged, String runId) throws IOException {
    Path target = version(table, runId);
    Files.createDirectories(target.getParent());
    if (!Files.exists(target)) {
      nameDataFiles(local(staged));
      Files.move(local(staged), target, StandardCopyOption.ATOMIC_MOVE);
    }
    adoptUnversionedTable(table);
  }

  /**
   * Gives a staged table's one Parquet file, or each partition's one file, the name all versions
   * share ({@link #DATA_FILE}).
   */
  private static void nameDataFiles(Path staged) throws IOException {
    List<Path> directories;
    try (Stream<Path> walk = Files.walk(staged)) {
      directories = walk.filter(Files::isDirectory).toList();
    }
    int named = 0;
    for (Path directory : directories) {
      named += nameDataFile(directory);
    }
    if (named == 0) {
      throw new IOException(staged + " holds no Parquet file");
    }
  }

  /** Names the directory's one Parquet file, if it has one; returns how many it had. */
  private static int nameDataFile(Path staged) throws IOException {
    List<Path> data;
    try (Stream<Path> files = Files.list(staged)) {
      data = files.filter(f -> TableStore.isDataFile(f.getFileName().toString())).toList();
    }
    if (data.isEmpty()) {
      return 0;
    }
    if (data.size() != 1) {
      throw new IOException(staged + " holds " + data.size() + " Parquet files; a table (or partition) is"
          + " published as exactly one");
    }
    String name = data.get(0).getFileName().toString();
    if (!name.equals(DATA_FILE)) {
      Files.move(data.get(0), staged.resolve(DATA_FILE));
      // Hadoop's checksum of the old name would only be an orphan.
      Files.deleteIfExists(staged.resolve("." + name + ".crc"));
    }
    return 1;
  }

  @Override
  public List<String> history(String table) {
    Path file = historyFile(table);
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The run id of the version the table's link points to, if any. */
  @Override
  public Optional<String> current(String table) {
    Path link = link(table);
    if (!Files.isSymbolicLink(link)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readSymbolicLink(link).getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read link " + link, e);
    }
  }

  @Override
  List<String> versionNames(String table) {
    return subdirectories(root.resolve(VERSIONS).resolve(table));
  }

  @Override
  void deleteVersion(String table, String runId) {
    delete(new org.apache.hadoop.fs.Path(version(table, runId).toUri()));
  }

  @Override
  public List<String> tables() {
    return subdirectories(root.resolve(VERSIONS));
  }

  /** The names of the directories in {@code dir}, sorted; none where it does not exist. */
  private static List<String> subdirectories(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Link switch: a new link under a temporary name, renamed over the old one in one step. */
  @Override
  void pointTo(String table, String runId) throws IOException {
    Path link = link(table);
    Path temp = root.resolve("." + table + LINK_PREFIX + runId);
    Files.deleteIfExists(temp);
    Files.createSymbolicLink(temp, root.relativize(version(table, runId)));
    Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    LOG.info("{} now points to {}", link, root.relativize(version(table, runId)));
  }

  /**
   * A warehouse written before tables were versioned holds a plain directory at {@code <table>};
   * it becomes the version "unversioned" so that the link can take its place. This one move is
   * not atomic for readers.
   */
  private void adoptUnversionedTable(String table) throws IOException {
    Path link = link(table);
    if (Files.isDirectory(link, LinkOption.NOFOLLOW_LINKS)) {
      Path adopted = version(table, "unversioned");
      try {
        Files.move(link, adopted, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        deleteTree(link);
      }
      LOG.warn("moved the unversioned table {} to {}", link, adopted);
    }
  }

  @Override
  public boolean exists(org.apache.hadoop.fs.Path path) {
    return Files.exists(local(path));
  }

  @Override
  public void delete(org.apache.hadoop.fs.Path path) {
    try {
      deleteTree(local(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + path, e);
    }
  }

  /** Other runs' staging directories, and links half-made by a run killed while switching. */
  @Override
  public void clearLeftovers(String runId) {
    Path staging = root.resolve(Warehouse.STAGING);
    try {
      if (Files.isDirectory(staging)) {
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(staging)) {
          for (Path run : runs) {
            if (!run.getFileName().toString().equals(runId)) {
              LOG.info("removing the staging area of an earlier run: {}", run);
              deleteTree(run);
            }
          }
        }
      }
      try (DirectoryStream<Path> links = Files.newDirectoryStream(root, ".*" + LINK_PREFIX + "*")) {
        for (Path link : links) {
          Files.deleteIfExists(link);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear what earlier runs left in " + root, e);
    }
  }

  @Override
  public WarehouseLock lock(String runId, Duration wait) {
    return WarehouseLock.acquire(root, runId, wait);
  }

  private static Path local(org.apache.hadoop.fs.Path path) {
    return Path.of(path.toUri());
  }

  @Override
  void writeHistory(String table, List<String> lines) throws IOException {
    Path file = historyFile(table);
    Path temp = file.resolveSibling(HISTORY + ".tmp");
    Files.write(temp, lines, StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
