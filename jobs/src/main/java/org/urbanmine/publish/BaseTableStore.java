package org.urbanmine.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publication, rollback and pruning as every storage does them; a storage supplies how a staged
 * table becomes a version, how the current version is switched and how the history is kept.
 */
abstract class BaseTableStore implements TableStore {
  private static final Logger LOG = LoggerFactory.getLogger(BaseTableStore.class);

  /** Makes {@code staged} version {@code runId} of {@code table}, unless that version exists. */
  abstract void moveIn(String table, Path staged, String runId) throws IOException;

  /** Makes version {@code runId} the one readers of {@code <root>/<table>/} get, in one step. */
  abstract void pointTo(String table, String runId) throws IOException;

  /** Replaces the table's history with {@code lines}, in one step. */
  abstract void writeHistory(String table, List<String> lines) throws IOException;

  /** The run ids of the versions kept for {@code table}. */
  abstract List<String> versionNames(String table);

  abstract void deleteVersion(String table, String runId);

  @Override
  public void publish(String table, Path staged, String runId) {
    try {
      moveIn(table, staged, runId);
      pointTo(table, runId);
      appendHistory(table, PublicationHistory.published(runId, Instant.now()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + table, e);
    }
  }

  @Override
  public Optional<String> rollback(String table) {
    Optional<String> current = current(table);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    List<String> kept = versionNames(table);
    Optional<String> previous = PublicationHistory.before(history(table), current.get(), kept::contains);
    try {
      if (previous.isPresent()) {
        pointTo(table, previous.get());
        appendHistory(table, PublicationHistory.rolledBack(previous.get(), Instant.now(), current.get()));
      }
      return previous;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot roll back " + table, e);
    }
  }

  /**
   * Deletes versions beyond the newest {@code keep} publications, never the current one nor one
   * replaced less than {@link PublicationHistory#READER_GRACE} ago, and any version no
   * publication names (left by a run killed before its switch).
   */
  @Override
  public void prune(String table, int keep) {
    prune(table, keep, Instant.now());
  }

  void prune(String table, int keep, Instant now) {
    List<String> kept = PublicationHistory.kept(history(table), keep, current(table), now);
    for (String version : versionNames(table)) {
      if (!kept.contains(version)) {
        deleteVersion(table, version);
        LOG.info("removed version {} of {}", version, table);
      }
    }
  }

  private void appendHistory(String table, String line) throws IOException {
    List<String> lines = new ArrayList<>(history(table));
    lines.add(line);
    writeHistory(table, lines);
  }
}
