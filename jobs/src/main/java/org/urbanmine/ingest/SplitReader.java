package org.urbanmine.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbanmine.input.CsvDialect;
import org.urbanmine.input.InputFiles;
import org.urbanmine.publish.RunFailedException;

/**
 * Reads one {@link InputSplit} inside a task, in one pass over its bytes: the non-blank lines it
 * owns as rows {@code source_file, format, split_start, line_number, line, raw_base64}, and at the end a
 * {@link Result} with what the driver needs to number every line of the file and to fingerprint it.
 *
 * <p>A line's {@code line_number} here is 1 + the line breaks between the split's start and the
 * line: the file's own line number less the breaks before the split, which only the splits before
 * it know ({@link Result#newlines}); {@code ingest} adds them. Lines end at LF; a CR before it is not
 * part of the line (CRLF files), and a byte-order mark before the file's first line is dropped.
 *
 * <p>A CSV record whose quoted field spans lines (RFC 4180) is joined into one row: the record
 * takes its first line's number, and its text keeps the line breaks. A line that ends inside a
 * field its quote opened ({@link Rfc4180}) is joined with the lines after it, if they close that
 * field, within {@value #MAX_RECORD_LINES} lines, into a well-formed record with as many fields as
 * the header; otherwise it stands alone (and is rejected as malformed), so a stray quote costs one
 * row. Each split starts its records at its
 * first line, which is right unless the split before ended inside a record: that split, whose
 * last record it joins past its end, reports so ({@link Result#crossed}), and the file is read
 * again whole.
 */
final class SplitReader implements Iterator<Row> {
  private static final Logger LOG = LoggerFactory.getLogger(SplitReader.class);
  /** The most lines one record may span. */
  static final int MAX_RECORD_LINES = 100;
  private static final String BOM = "\uFEFF";

  /**
   * What a split found, for the driver: the line breaks in its range, the digests of the blocks
   * it owns from {@code firstBlock} on, and whether its last record ran on into the next split's
   * lines (a quoted field spanning the boundary: the next split started inside it).
   */
  record Result(int file, long start, long newlines, int firstBlock, List<byte[]> blockDigests, boolean crossed)
      implements Serializable {}

  private final InputSplit split;
  private final FileSystem fs;
  private final Path path;
  private final Consumer<Result> report;
  private final boolean csv;
  private final Charset charset;
  private final boolean utf8;
  /** One strict decoder for every line of the split (one per line was an allocation per row). */
  private final CharsetDecoder strict;
  private FSDataInputStream in;
  /** A UTF-16 file's characters (read whole, in one split): its line breaks are two bytes. */
  private BufferedReader chars;

  private final byte[] buf = new byte[1 << 16];
  private int bufPos;
  private int bufLen;
  /** Absolute offset of the next byte to read into {@link #buf}. */
  private long readTo;

  private final long digestTo;
  private final int firstBlock;
  private long digested;
  private final MessageDigest block = BlockDigest.sha256();
  private final List<byte[]> digests = new ArrayList<>();

  private byte[] line = new byte[256];
  private int lineLen;
  private long newlines;
  private boolean crossed;
  private boolean linesDone;
  private boolean finished;
  private final Deque<PhysicalLine> pending = new ArrayDeque<>();
  private Row next;

  /**
   * A line as read: its number (split-relative), text, the break that ended it ("" at the end of
   * the file), and whether this split owns it (else it is the next split's, read to finish a record).
   */
  private record PhysicalLine(long number, String text, String lineBreak, boolean owned, String base64) {}

  SplitReader(FileSystem fs, InputSplit split, Consumer<Result> report) {
    this.split = split;
    this.fs = fs;
    this.path = new Path(split.path());
    this.report = report;
    this.csv = InputFiles.CSV.equals(split.format());
    this.charset = Charset.forName(split.encoding());
    this.utf8 = StandardCharsets.UTF_8.equals(charset);
    this.strict = CsvDialect.strictDecoder(charset);
    long b = BlockDigest.BLOCK_BYTES;
    int first = (int) ((split.start() + b - 1) / b);
    int last = split.start() == 0 && split.size() == 0 ? 1 : (int) ((split.end() + b - 1) / b);
    this.firstBlock = first;
    this.digested = first * b;
    this.digestTo = first < last ? Math.min(last * b, split.size()) : digested;
    this.readTo = split.start();
  }

  /** The rows of several splits one after the other, as one task reads its group. */
  static Iterator<Row> all(FileSystem fs, List<InputSplit> splits, Consumer<Result> report) {
    Iterator<InputSplit> each = splits.iterator();
    return new Iterator<>() {
      private SplitReader current;

      @Override
      public boolean hasNext() {
        while (current == null || !current.hasNext()) {
          if (!each.hasNext()) {
            return false;
          }
          current = new SplitReader(fs, each.next(), report);
        }
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  @Override
  public boolean hasNext() {
    while (next == null && !finished) {
      try {
        advance();
      } catch (IOException e) {
        close();
        throw new UncheckedIOException("cannot read input file " + split.path() + ": " + e.getMessage(), e);
      }
    }
    return next != null;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row row = next;
    next = null;
    return row;
  }

  private void advance() throws IOException {
    if (in == null) {
      LOG.info("reading {} bytes {} to {} of {}", split.name(), split.start(), split.end(), split.size());
      checkUnchanged("when its task started");
      in = fs.open(path);
      if (!CsvDialect.splittable(split.encoding())) {
        chars = new BufferedReader(new InputStreamReader(new ReadingStream(), charset), 1 << 16);
      } else if (split.start() > 0) {
        in.seek(split.start());
        // The line this split starts in belongs to the split before.
        if (!readLine()) {
          linesDone = true;
        }
      }
    }
    PhysicalLine physical = takeLine();
    if (physical == null) {
      finish();
      return;
    }
    String text = physical.text();
    if (text == null) {
      next = RowFactory.create(split.name(), split.format(), split.start(), (int) physical.number(), null,
          physical.base64());
      return;
    }
    if (csv && (split.start() > 0 || physical.number() > split.headerLine()) && oddQuotes(text)
        && Rfc4180.of(text, split.delimiter()).state() == Rfc4180.IN_QUOTES) {
      text = joined(physical);
    }
    if (!spacesOnly(text)) {
      next = RowFactory.create(split.name(), split.format(), split.start(), (int) physical.number(), text, null);
    }
  }

  /** The next line this split owns, those read ahead first; null after its last. */
  private PhysicalLine takeLine() throws IOException {
    return !pending.isEmpty() ? pending.poll() : linesDone ? null : nextLine(false);
  }

  /** The next line; past the split's last only if {@code beyond} (to finish a record), else null there. */
  private PhysicalLine nextLine(boolean beyond) throws IOException {
    if (chars != null) {
      return nextCharLine();
    }
    long at = readTo - (bufLen - bufPos);
    boolean owned = at == 0 || at - 1 < split.end();
    if (at >= split.size() || !owned && !beyond) {
      linesDone = true;
      return null;
    }
    long number = 1 + newlines;
    boolean ended = readLine();
    String lineBreak = ended ? (lineLen > 0 && line[lineLen - 1] == '\r' ? "\r\n" : "\n") : "";
    int length = lineBreak.equals("\r\n") ? lineLen - 1 : lineLen;
    String text = decoded(line, length);
    if (text == null) {
      return new PhysicalLine(number, null, lineBreak, owned,
          Base64.getEncoder().encodeToString(Arrays.copyOf(line, length)));
    }
    if (at == 0 && text.startsWith(BOM)) {
      text = text.substring(1);
    }
    return new PhysicalLine(number, text, lineBreak, owned, null);
  }

  /** A UTF-16 file's next line, counted by its LF characters; null after the last. */
  private PhysicalLine nextCharLine() throws IOException {
    long number = 1 + newlines;
    StringBuilder text = new StringBuilder();
    int c = chars.read();
    if (c < 0) {
      linesDone = true;
      return null;
    }
    for (; c >= 0 && c != '\n'; c = chars.read()) {
      text.append((char) c);
    }
    String lineBreak = "";
    if (c == '\n') {
      newlines++;
      boolean cr = text.length() > 0 && text.charAt(text.length() - 1) == '\r';
      lineBreak = cr ? "\r\n" : "\n";
      if (cr) {
        text.setLength(text.length() - 1);
      }
    }
    String line = number == 1 && text.indexOf(BOM) == 0 ? text.substring(1) : text.toString();
    return new PhysicalLine(number, line, lineBreak, true, null);
  }

  /**
   * A line's bytes as text in the file's encoding; null where they are not text in it (kept as
   * bytes instead, never as replacement characters). UTF-8 is decoded leniently first: only a
   * line that then holds U+FFFD is decoded again strictly, to tell a bad byte from that character.
   */
  private String decoded(byte[] bytes, int length) {
    if (utf8) {
      String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
      return text.indexOf('\uFFFD') < 0 ? text : CsvDialect.decodeStrict(strict, bytes, 0, length);
    }
    return CsvDialect.decodeStrict(strict, bytes, 0, length);
  }

  /**
   * A record whose quoted field spans lines, if the lines after {@code first} (which ends inside
   * a quoted field) close it into a well-formed record with the header's fields; else {@code
   * first} alone, the lines read ahead kept for their own turn.
   */
  private String joined(PhysicalLine first) throws IOException {
    StringBuilder record = new StringBuilder(first.text());
    String lineBreak = first.lineBreak();
    List<PhysicalLine> ahead = new ArrayList<>();
    Rfc4180 parsed = Rfc4180.of(record, split.delimiter());
    while (parsed.state() == Rfc4180.IN_QUOTES && ahead.size() < MAX_RECORD_LINES - 1 && !lineBreak.isEmpty()) {
      PhysicalLine more = !pending.isEmpty() ? pending.poll() : linesDone ? null : nextLine(true);
      if (more == null) {
        break;
      }
      if (more.text() == null) {
        pending.addFirst(more);
        break;
      }
      ahead.add(more);
      record.append(lineBreak).append(more.text());
      lineBreak = more.lineBreak();
      parsed = Rfc4180.of(record, split.delimiter());
    }
    if (parsed.state() == Rfc4180.OUTSIDE && parsed.fields() == split.headerColumns()) {
      crossed |= ahead.stream().anyMatch(l -> !l.owned());
      return record.toString();
    }
    // The lines read ahead are records of their own: this split's, or the next split's to read.
    for (int i = ahead.size() - 1; i >= 0; i--) {
      if (ahead.get(i).owned()) {
        pending.addFirst(ahead.get(i));
      } else {
        linesDone = true;
      }
    }
    return first.text();
  }

  /** Reads up to the next LF (consumed, not kept) into {@link #line}; false at the file's end with nothing read. */
  private boolean readLine() throws IOException {
    lineLen = 0;
    while (true) {
      if (bufPos == bufLen && !fill()) {
        return false;
      }
      int i = bufPos;
      while (i < bufLen && buf[i] != '\n') {
        i++;
      }
      append(bufPos, i - bufPos);
      if (i < bufLen) {
        long at = readTo - bufLen + i;
        if (at < split.end()) {
          newlines++;
        }
        bufPos = i + 1;
        return true;
      }
      bufPos = bufLen;
    }
  }

  private void append(int from, int length) {
    if (lineLen + length > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + length));
    }
    System.arraycopy(buf, from, line, lineLen, length);
    lineLen += length;
  }

  /** Reads the next bytes of the file into {@link #buf}; false at the file's end. */
  private boolean fill() throws IOException {
    int n = readChunk(buf, 0, buf.length);
    if (n < 0) {
      return false;
    }
    bufPos = 0;
    bufLen = n;
    return true;
  }

  /**
   * Reads the file's next bytes, at most {@code len}, never past its listed size, digesting those of
   * the blocks this split owns: how many, or -1 at the listed size. A read that ends before it fails.
   */
  private int readChunk(byte[] b, int off, int len) throws IOException {
    if (readTo >= split.size()) {
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, split.size() - readTo));
    if (n < 0) {
      throw cutShort();
    }
    long chunkStart = readTo;
    readTo += n;
    digest(b, off, chunkStart);
    return n;
  }

  /** Digests what this split owns of {@code data[off..]}, the file's bytes from {@code chunkStart} on. */
  private void digest(byte[] data, int off, long chunkStart) {
    long b = BlockDigest.BLOCK_BYTES;
    while (digested < digestTo && digested >= chunkStart && digested < readTo) {
      long blockEnd = Math.min((digested / b + 1) * b, digestTo);
      long upTo = Math.min(blockEnd, readTo);
      block.update(data, off + (int) (digested - chunkStart), (int) (upTo - digested));
      digested = upTo;
      if (digested == blockEnd) {
        digests.add(block.digest());
      }
    }
  }

  private InputChangedException cutShort() {
    return new InputChangedException(String.format("input file %s read as %d bytes, not the %d bytes listed when"
        + " the run started: it changed during the run, or the storage cut its answer short", split.path(), readTo,
        split.size()));
  }

  /** The file's bytes for a decoder (UTF-16), through {@link #readChunk} as {@link #fill} reads them. */
  private final class ReadingStream extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return readChunk(b, off, len);
    }
  }

  /** Reads the rest of the blocks this split owns, checks the file again and reports. */
  private void finish() throws IOException {
    while (digested < digestTo) {
      bufPos = bufLen;
      if (!fill()) {
        break;
      }
    }
    if (digestTo == digested && digests.isEmpty() && split.start() == 0 && split.size() == 0) {
      digests.add(block.digest());
    }
    close();
    checkUnchanged("when its task ended");
    report.accept(new Result(split.file(), split.start(), newlines, firstBlock, digests, crossed));
    finished = true;
  }

  private void close() {
    chars = null;
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // Read to its end already; nothing is lost by a failed close.
      }
      in = null;
    }
  }

  private void checkUnchanged(String when) throws IOException {
    FileStatus now = fs.getFileStatus(path);
    String etag = now instanceof EtagSource source ? source.getEtag() : null;
    if (now.getLen() != split.size() || now.getModificationTime() != split.modifiedAt()
        || split.etag() != null && !Objects.equals(split.etag(), etag)) {
      throw new InputChangedException(String.format("input file %s changed during the run: listed as %d bytes"
          + " modified at %s%s when the run started, %d bytes modified at %s%s %s", split.path(), split.size(),
          Instant.ofEpochMilli(split.modifiedAt()), split.etag() == null ? "" : " (ETag " + split.etag() + ")",
          now.getLen(), Instant.ofEpochMilli(now.getModificationTime()), etag == null ? "" : " (ETag " + etag + ")",
          when));
    }
  }

  /** Blank as Spark's {@code trim} sees it: nothing but spaces. */
  private static boolean spacesOnly(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) != ' ') {
        return false;
      }
    }
    return true;
  }

  /**
   * How a strict RFC 4180 reading of a record's text ends, and its fields: a quoted field starts
   * with its quote and ends with one before a delimiter or the end, a quote inside it written
   * twice; a quote anywhere else (the stray one at the end of {@code 12,kg"}) makes the record
   * malformed, so it never opens a field that spans lines.
   */
  record Rfc4180(int state, int fields) {
    static final int MALFORMED = -1;
    static final int OUTSIDE = 0;
    static final int IN_QUOTES = 1;

    static Rfc4180 of(CharSequence text, char delimiter) {
      final int fieldStart = 0;
      final int unquoted = 1;
      final int quoted = 2;
      final int quoteInQuoted = 3;
      int at = fieldStart;
      int fields = 1;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (at == quoted) {
          at = c == '"' ? quoteInQuoted : quoted;
        } else if (c == delimiter) {
          fields++;
          at = fieldStart;
        } else if (c == '"') {
          if (at == unquoted) {
            return new Rfc4180(MALFORMED, fields);
          }
          // A field's opening quote, or the second of two inside a quoted field.
          at = quoted;
        } else if (at == quoteInQuoted) {
          return new Rfc4180(MALFORMED, fields);
        } else {
          at = unquoted;
        }
      }
      return new Rfc4180(at == quoted ? IN_QUOTES : OUTSIDE, fields);
    }
  }

  static boolean oddQuotes(CharSequence text) {
    int quotes = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '"') {
        quotes++;
      }
    }
    return quotes % 2 == 1;
  }

  /**
   * An input file that is not, as the task reads it, what the run listed when it started: a run
   * failure in its own words ({@link RunFailedException#fromTaskCheck}), once the task has no tries left.
   */
  static final class InputChangedException extends RunFailedException {
    private static final long serialVersionUID = 1L;

    InputChangedException(String message) {
      super(message);
    }
  }
}
