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
import java.time.Instant;
import java.util.ArrayList;
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
public final class TableVersions {
  private static final Logger LOG = LoggerFactory.getLogger(TableVersions.class);
  public static final String VERSIONS = "_versions";
  public static final String HISTORY = "_published";
  /** How long a version that is no longer current is kept for readers that are still on it. */
  public static final Duration READER_GRACE = Duration.ofMinutes(15);

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
    try {
      Path target = version(table, runId);
      Files.createDirectories(target.getParent());
      if (!Files.exists(target)) {
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      }
      adoptUnversionedTable(table);
      pointTo(table, runId);
      List<String> history = new ArrayList<>(history(table));
      history.add(runId + " " + Instant.now());
      writeHistory(table, history);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + table + " in " + root, e);
    }
  }

  /** Run ids of the table's publications, oldest first (a run id may appear again after a rollback). */
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

  /**
   * Points the table back at the version published before the current one; returns it, or empty
   * when there is none to go back to.
   */
  public Optional<String> rollback(String table) {
    Optional<String> current = current(table);
    // Rollback lines are not publications: going back twice goes two publications back.
    List<String> published = history(table).stream()
        .filter(l -> !l.contains(" rollback-from ")).map(l -> l.split(" ")[0]).toList();
    if (current.isEmpty()) {
      return Optional.empty();
    }
    int at = published.lastIndexOf(current.get());
    for (int i = at - 1; i >= 0; i--) {
      String candidate = published.get(i);
      if (!candidate.equals(current.get()) && Files.isDirectory(version(table, candidate))) {
        try {
          pointTo(table, candidate);
          List<String> history = new ArrayList<>(history(table));
          history.add(candidate + " " + Instant.now() + " rollback-from " + current.get());
          writeHistory(table, history);
          return Optional.of(candidate);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot roll back " + table, e);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Deletes versions beyond the newest {@code keep} publications, never the current one, and any
   * version directory no publication names (left by a run killed before its switch). A version
   * that was current less than {@link #READER_GRACE} ago stays too: a reader that followed the
   * link to it just before a switch is still listing and opening its files, and deleting them
   * under it would hand it part of a table.
   */
  public void prune(String table, int keep) {
    prune(table, keep, Instant.now());
  }

  void prune(String table, int keep, Instant now) {
    Path dir = root.resolve(VERSIONS).resolve(table);
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<String[]> lines = history(table).stream().map(l -> l.split(" ")).toList();
    List<String> kept = new ArrayList<>();
    for (int i = lines.size() - 1; i >= 0 && kept.size() < keep; i--) {
      if (!kept.contains(lines.get(i)[0])) {
        kept.add(lines.get(i)[0]);
      }
    }
    // Entry i was current until entry i + 1 was written.
    for (int i = 0; i + 1 < lines.size(); i++) {
      Instant replacedAt = Instant.parse(lines.get(i + 1)[1]);
      if (replacedAt.isAfter(now.minus(READER_GRACE))) {
        kept.add(lines.get(i)[0]);
      }
    }
    current(table).ifPresent(kept::add);
    try (DirectoryStream<Path> versions = Files.newDirectoryStream(dir, Files::isDirectory)) {
      for (Path v : versions) {
        if (!kept.contains(v.getFileName().toString())) {
          deleteTree(v);
          LOG.info("removed old version {}", v);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prune " + dir, e);
    }
  }

  /** Tables that have a versions directory. */
  public List<String> tables() {
    Path dir = root.resolve(VERSIONS);
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
  private void pointTo(String table, String runId) throws IOException {
    Path link = link(table);
    Path temp = root.resolve("." + table + ".link-" + runId);
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

  private void writeHistory(String table, List<String> lines) throws IOException {
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
