package org.urbanmine.stage;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbanmine.config.Settings;
import org.urbanmine.publish.RunHistory;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.publish.WarehouseLock;

/** What every stage of one run shares: the settings, the run's id and the warehouse. */
public record RunContext(Settings settings, String runId, Warehouse warehouse) {

  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * Takes the warehouse lock, waiting as configured, and clears what killed or failed runs left;
   * every command that writes the warehouse starts here.
   */
  public WarehouseLock lockWarehouse() {
    WarehouseLock lock = warehouse.lock(Duration.ofSeconds(settings.publish().lockWaitSeconds()));
    if (lock.tookOverFrom() != null) {
      Logger log = LoggerFactory.getLogger(RunContext.class);
      log.warn("run {} was stopped before it finished; clearing what it left", lock.tookOverFrom());
    }
    warehouse.clearLeftovers();
    return lock;
  }

  /** This run's row of the run history, to be filled as the run goes. */
  public RunHistory.Entry historyEntry(String command) {
    return new RunHistory.Entry(runId, command, settings.scenario(), Instant.now(), settings.configHash());
  }

  /** Appends this run's row to the run history, with its outcome, and publishes it. */
  public void recordRun(RunHistory.Entry entry, String status) {
    RunHistory.record(warehouse, settings.publish().keepVersions(), entry, status);
  }

  /** Sortable and unique enough for one warehouse: 20261123T101455Z-3f9a1c. */
  public static String newRunId(Instant now) {
    return RUN_TIME.format(now) + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
  }
}
