package org.urbanmine.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A table's {@code _published} history, the same on every storage: one line per publication,
 * {@code "<run_id> <published_at>"}, and one per rollback,
 * {@code "<run_id> <at> rollback-from <run_id>"}, oldest first. The last line names the version
 * that became current last.
 */
final class PublicationHistory {
  /** How long a version that is no longer current is kept for readers that are still on it. */
  static final Duration READER_GRACE = Duration.ofMinutes(15);
  private static final String ROLLBACK = " rollback-from ";

  private PublicationHistory() {}

  static String published(String runId, Instant at) {
    return runId + " " + at;
  }

  static String rolledBack(String to, Instant at, String from) {
    return to + " " + at + ROLLBACK + from;
  }

  /** The run id the last line made current. */
  static Optional<String> last(List<String> lines) {
    return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1).split(" ")[0]);
  }

  /**
   * The version published before {@code current} that still exists. Rollback lines are not
   * publications, so going back twice goes two publications back.
   */
  static Optional<String> before(List<String> lines, String current, Predicate<String> exists) {
    List<String> published = lines.stream().filter(l -> !l.contains(ROLLBACK)).map(l -> l.split(" ")[0]).toList();
    for (int i = published.lastIndexOf(current) - 1; i >= 0; i--) {
      String candidate = published.get(i);
      if (!candidate.equals(current) && exists.test(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Versions to keep: the newest {@code keep} publications, the current one, and any that was
   * current less than {@link #READER_GRACE} before {@code now}: a reader that went to it just
   * before a switch may still be listing and opening its files.
   */
  static List<String> kept(List<String> lines, int keep, Optional<String> current, Instant now) {
    List<String[]> parsed = lines.stream().map(l -> l.split(" ")).toList();
    List<String> kept = new ArrayList<>();
    for (int i = parsed.size() - 1; i >= 0 && kept.size() < keep; i--) {
      if (!kept.contains(parsed.get(i)[0])) {
        kept.add(parsed.get(i)[0]);
      }
    }
    // Entry i was current until entry i + 1 was written.
    for (int i = 0; i + 1 < parsed.size(); i++) {
      if (Instant.parse(parsed.get(i + 1)[1]).isAfter(now.minus(READER_GRACE))) {
        kept.add(parsed.get(i)[0]);
      }
    }
    current.ifPresent(kept::add);
    return kept;
  }
}
