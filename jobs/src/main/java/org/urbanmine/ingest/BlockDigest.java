package org.urbanmine.ingest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * An input file's fingerprint, taken by the tasks that read it: the file in blocks of
 * {@value #BLOCK_BYTES} bytes at fixed offsets (0, 4 MiB, 8 MiB...), each block's SHA-256 taken by
 * the task whose split holds the block's first byte. The file's fingerprint is the SHA-256 of its
 * one block (so of the whole file, as {@code sha256sum} gives it) for a file of at most one block,
 * and for a longer one the SHA-256 of its blocks' digests (32 bytes each) one after another. It
 * depends on the bytes only: not on the split size, the number of cores or the executors.
 */
public final class BlockDigest {
  /** 4 MiB: the fingerprint's unit; splits of a large file are a whole number of blocks. */
  public static final long BLOCK_BYTES = 4L << 20;

  private BlockDigest() {}

  /** How many blocks a file of {@code size} bytes has: one for an empty file. */
  static int blocks(long size) {
    return (int) Math.max(1, (size + BLOCK_BYTES - 1) / BLOCK_BYTES);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** The file's fingerprint, in hex, from its blocks' digests in order. */
  public static String of(List<byte[]> blockDigests) {
    if (blockDigests.size() == 1) {
      return HexFormat.of().formatHex(blockDigests.get(0));
    }
    MessageDigest all = sha256();
    blockDigests.forEach(all::update);
    return HexFormat.of().formatHex(all.digest());
  }
}
