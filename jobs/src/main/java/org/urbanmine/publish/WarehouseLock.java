package org.urbanmine.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbanmine.pipeline.RunFailedException;

/**
 * One writing run per warehouse at a time: {@code <root>/_lock}, created atomically, names the
 * run, process and host holding it. A lock left by a process that no longer runs on this host
 * (a killed run) is taken over; any other holder makes the caller wait up to its limit, then fail
 * with a message naming the holder.
 */
public final class WarehouseLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WarehouseLock.class);
  public static final String FILE = "_lock";

  private final Path file;
  private final String runId;
  private final String tookOverFrom;

  private WarehouseLock(Path file, String runId, String tookOverFrom) {
    this.file = file;
    this.runId = runId;
    this.tookOverFrom = tookOverFrom;
  }

  /** The run id of a killed run whose lock this one took over, or null. */
  public String tookOverFrom() {
    return tookOverFrom;
  }

  public static WarehouseLock acquire(Path root, String runId, Duration wait) {
    Path file = root.resolve(FILE);
    Instant deadline = Instant.now().plus(wait);
    String stale = null;
    try {
      Files.createDirectories(root);
      while (true) {
        try {
          // Written whole under a private name, then hard-linked in: link(2) fails if the lock
          // exists, and a reader never sees a half-written lock.
          Path mine = root.resolve(FILE + "." + runId);
          Files.writeString(mine, describe(runId), StandardCharsets.UTF_8);
          try {
            Files.createLink(file, mine);
          } finally {
            Files.deleteIfExists(mine);
          }
          return new WarehouseLock(file, runId, stale);
        } catch (FileAlreadyExistsException held) {
          Properties holder = read(file);
          if (holder == null) {
            continue;
          }
          if (isDeadOnThisHost(holder)) {
            stale = holder.getProperty("run_id");
            LOG.warn("taking over the lock of run {} (process {} is gone)", stale, holder.getProperty("pid"));
            Files.deleteIfExists(file);
            continue;
          }
          if (Instant.now().isAfter(deadline)) {
            throw new RunFailedException("warehouse " + root + " is in use by run "
                + holder.getProperty("run_id") + " (process " + holder.getProperty("pid") + " on "
                + holder.getProperty("host") + ", since " + holder.getProperty("started_at")
                + "); try again later, or raise urbanmine.run.lock-wait-seconds. If that run is"
                + " gone, remove " + file);
          }
          sleep();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      Properties holder = read(file);
      if (holder != null && runId.equals(holder.getProperty("run_id"))) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release " + file, e);
    }
  }

  private static String describe(String runId) {
    return "run_id=" + runId + "\npid=" + ProcessHandle.current().pid() + "\nhost=" + host()
        + "\nstarted_at=" + Instant.now() + "\n";
  }

  private static boolean isDeadOnThisHost(Properties holder) {
    if (!host().equals(holder.getProperty("host"))) {
      return false;
    }
    try {
      long pid = Long.parseLong(holder.getProperty("pid", ""));
      return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The lock's content, or null when it vanished between the failed create and this read. */
  private static Properties read(Path file) throws IOException {
    Properties p = new Properties();
    try {
      p.load(new java.io.StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (NoSuchFileException e) {
      return null;
    }
    return p;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(Duration.ofSeconds(1).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunFailedException("interrupted while waiting for the warehouse lock");
    }
  }
}
