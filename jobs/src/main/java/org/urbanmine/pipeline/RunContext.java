package org.urbanmine.pipeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import org.urbanmine.config.Settings;
import org.urbanmine.publish.Warehouse;

/** What every stage of one run shares: the settings, the run's id and the warehouse. */
public record RunContext(Settings settings, String runId, Warehouse warehouse) {

  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** Sortable and unique enough for one warehouse: 20261123T101455Z-3f9a1c. */
  public static String newRunId(Instant now) {
    return RUN_TIME.format(now) + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
  }
}
