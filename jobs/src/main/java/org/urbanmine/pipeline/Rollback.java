package org.urbanmine.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbanmine.publish.RunFailedException;
import org.urbanmine.publish.RunHistory;
import org.urbanmine.publish.TableStore;
import org.urbanmine.publish.Warehouse;
import org.urbanmine.publish.WarehouseLock;
import org.urbanmine.stage.RunContext;

/** {@code rollback}: every table (but {@code runs}) back to the version published before the current one. */
public final class Rollback {
  private static final Logger LOG = LoggerFactory.getLogger(Rollback.class);

  private Rollback() {}

  public static void run(SparkSession spark, RunContext context) {
    Warehouse warehouse = context.warehouse();
    RunHistory.Entry entry = context.historyEntry("rollback");
    try (WarehouseLock lock = context.lockWarehouse()) {
      TableStore versions = warehouse.versions();
      List<String> moved = new ArrayList<>();
      for (String table : versions.tables()) {
        if (table.equals(RunHistory.TABLE.name())) {
          continue;
        }
        String from = versions.current(table).orElse("none");
        Optional<String> to = versions.rollback(table);
        to.ifPresent(v -> moved.add(table + ": " + from + " -> " + v));
      }
      if (moved.isEmpty()) {
        throw new RunFailedException("nothing to roll back in " + Warehouse.display(warehouse.root())
            + ": no table has an earlier published version");
      }
      entry.message("rolled back " + String.join(", ", moved));
      LOG.info("{}", entry.message());
      context.recordRun(entry, RunHistory.SUCCEEDED);
      warehouse.discardStaging();
    }
  }
}
