package org.urbanmine.publish;

import java.io.IOException;
import java.io.StringReader;
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

/**
 * One writing run per warehouse at a time: {@code <root>/_lock}, created only if absent, names
 * the run, process and host holding it. A lock left by a process that no longer runs on this
 * host (a killed run) is taken over; any other holder makes the caller wait up to its limit,
 * then fail with a message naming the holder.
 */
public final class WarehouseLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WarehouseLock.class);
  public static final String FILE = "_lock";

  /** The lock's one object on some storage. */
  interface LockFile {
    /** Creates it holding {@code content}, in one step; false when it exists already. */
    boolean createIfAbsent(String content) throws IOException;

    /** Its content, or null when there is none. */
    String read() throws IOException;

    void delete() throws IOException;

    String location();
  }

  private final LockFile file;
  private final String runId;
  private final String tookOverFrom;

  private WarehouseLock(LockFile file, String runId, String tookOverFrom) {
    this.file = file;
    this.runId = runId;
    this.tookOverFrom = tookOverFrom;
  }

  /** The run id of a killed run whose lock this one took over, or null. */
  public String tookOverFrom() {
    return tookOverFrom;
  }

  /** The lock of a warehouse on a local disk. */
  public static WarehouseLock acquire(Path root, String runId, Duration wait) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create warehouse " + root, e);
    }
    return acquire(new LocalLockFile(root), runId, wait);
  }

  static WarehouseLock acquire(LockFile file, String runId, Duration wait) {
    Instant deadline = Instant.now().plus(wait);
    String stale = null;
    try {
      while (true) {
        if (file.createIfAbsent(describe(runId))) {
          return new WarehouseLock(file, runId, stale);
        }
        Properties holder = parse(file.read());
        if (holder == null) {
          continue;
        }
        if (isDeadOnThisHost(holder)) {
          stale = holder.getProperty("run_id");
          LOG.warn("taking over the lock of run {} (process {} is gone)", stale, holder.getProperty("pid"));
          file.delete();
          continue;
        }
        if (Instant.now().isAfter(deadline)) {
          throw new RunFailedException("the warehouse is in use by run "
              + holder.getProperty("run_id") + " (process " + holder.getProperty("pid") + " on "
              + holder.getProperty("host") + ", since " + holder.getProperty("started_at")
              + "); try again later, or raise urbanmine.publish.lock-wait-seconds. If that run is"
              + " gone, remove " + file.location());
        }
        sleep();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file.location(), e);
    }
  }

  @Override
  public void close() {
    try {
      Properties holder = parse(file.read());
      if (holder != null && runId.equals(holder.getProperty("run_id"))) {
        file.delete();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release " + file.location(), e);
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

  private static Properties parse(String content) throws IOException {
    if (content == null) {
      return null;
    }
    Properties p = new Properties();
    p.load(new StringReader(content));
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

  /**
   * Written whole under a private name, then hard-linked in: link(2) fails if the lock exists,
   * and a reader never sees a half-written lock.
   */
  private record LocalLockFile(Path root) implements LockFile {
    @Override
    public boolean createIfAbsent(String content) throws IOException {
      Path mine = root.resolve(FILE + "." + ProcessHandle.current().pid() + "." + System.nanoTime());
      Files.writeString(mine, content, StandardCharsets.UTF_8);
      try {
        Files.createLink(root.resolve(FILE), mine);
        return true;
      } catch (FileAlreadyExistsException held) {
        return false;
      } finally {
        Files.deleteIfExists(mine);
      }
    }

    @Override
    public String read() throws IOException {
      try {
        return Files.readString(root.resolve(FILE), StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        return null;
      }
    }

    @Override
    public void delete() throws IOException {
      Files.deleteIfExists(root.resolve(FILE));
    }

    @Override
    public String location() {
      return root.resolve(FILE).toString();
    }
  }
}
