package org.urbanmine.input;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.urbanmine.config.Settings;
import org.urbanmine.reference.ReferenceText;

/**
 * How a text input file is written: its encoding, and for CSV its field delimiter and decimal
 * mark. Found from the start of the file ({@link #sniff}) as DuckDB's CSV sniffer does, unless the
 * configuration declares it ({@code urbanmine.input.dialect}, {@code urbanmine.input.file-dialects}).
 *
 * @param encoding {@value #UTF_8}, {@value #UTF_16LE}, {@value #UTF_16BE} or {@value #WINDOWS_1252}
 * @param delimiter {@code ,}, {@code ;} or a tab; {@code ,} for JSON Lines
 * @param decimalMark {@code .} or {@code ,} ({@code ,} only where the delimiter is not)
 * @param detected whether it was found from the file (else the configuration declared all of it)
 */
public record CsvDialect(String encoding, char delimiter, char decimalMark, boolean detected)
    implements Serializable {
  public static final String UTF_8 = "UTF-8";
  public static final String UTF_16LE = "UTF-16LE";
  public static final String UTF_16BE = "UTF-16BE";
  public static final String WINDOWS_1252 = "windows-1252";
  /** The encodings a file may have, by their configuration names. */
  public static final Map<String, String> ENCODINGS = Map.of("utf-8", UTF_8, "utf-16le", UTF_16LE,
      "utf-16be", UTF_16BE, "windows-1252", WINDOWS_1252);
  /** The delimiters looked for, in the order a tie is broken. */
  static final char[] DELIMITERS = {',', ';', '\t'};
  /** The most lines of the sample the delimiter is judged on. */
  static final int SAMPLE_LINES = 50;

  /** The default: UTF-8, commas, decimal points. */
  public static final CsvDialect STANDARD = new CsvDialect(UTF_8, ',', '.', false);

  private static final Pattern DECIMAL_COMMA = Pattern.compile("\\s*[+-]?[0-9.]*[0-9],[0-9]+\\s*");

  /** Whether a file in this encoding is split by its bytes: not UTF-16, whose line breaks are two bytes. */
  public boolean splittable() {
    return splittable(encoding);
  }

  /** As above, for an encoding by its name here ({@link #ENCODINGS}' values). */
  public static boolean splittable(String encoding) {
    return !encoding.startsWith("UTF-16");
  }

  public Charset charset() {
    return Charset.forName(encoding);
  }

  /** The keys a run records of it in {@code runs.inputs}, beside the file's path and fingerprint. */
  public static final List<String> KEYS = List.of("encoding", "delimiter", "decimal_mark", "dialect");

  /** What a run records of it in {@code runs.inputs} ({@link #KEYS}). */
  public Map<String, String> asMap() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(KEYS.get(0), encoding);
    out.put(KEYS.get(1), String.valueOf(delimiter));
    out.put(KEYS.get(2), String.valueOf(decimalMark));
    out.put(KEYS.get(3), detected ? "detected" : "configured");
    return out;
  }

  /** The dialect a run recorded ({@link #asMap}); null where the map holds none. */
  public static CsvDialect fromMap(Map<String, String> recorded) {
    String encoding = recorded.get(KEYS.get(0));
    String delimiter = recorded.get(KEYS.get(1));
    String decimal = recorded.get(KEYS.get(2));
    if (encoding == null || delimiter == null || decimal == null || delimiter.length() != 1 || decimal.length() != 1) {
      return null;
    }
    boolean detected = !"configured".equals(recorded.get(KEYS.get(3)));
    return new CsvDialect(encoding, delimiter.charAt(0), decimal.charAt(0), detected);
  }

  /** The delimiter a configuration names ({@code ","}, {@code ";"} or {@code "tab"}). */
  public static char delimiterNamed(String name) {
    return "tab".equals(name) ? '\t' : name.charAt(0);
  }

  /**
   * The dialect of a file from its first bytes ({@code head}; {@code whole} if they are the whole
   * file), what {@code declared} says taking precedence, and its header, from the same text:
   * <ul>
   *   <li>encoding: a byte-order mark (UTF-8, UTF-16 LE or BE); else UTF-8 if the bytes are valid
   *       UTF-8; else Windows-1252 (every byte is a character there);
   *   <li>delimiter: of comma, semicolon and tab, the one that splits the most of the first
   *       {@value #SAMPLE_LINES} non-blank lines into as many fields as the first (the header),
   *       the header having at least two; a comma where none does;
   *   <li>decimal mark: a comma where the delimiter is not a comma and an {@code amount} value of
   *       the sample has a comma between digits ({@code 1.234,5}); else a point.
   * </ul>
   */
  public static Sniffed sniff(byte[] head, int length, boolean whole, Settings.Dialect declared) {
    String encoding = declared.encoding() != null ? ENCODINGS.get(declared.encoding())
        : encodingOf(head, length, whole);
    List<String> lines = sampleLines(decode(head, length, Charset.forName(encoding)), whole);
    List<String> nonBlank = lines.stream().filter(l -> !l.isBlank()).limit(SAMPLE_LINES).toList();
    char delimiter = declared.delimiter() != null ? delimiterNamed(declared.delimiter()) : delimiterOf(nonBlank);
    char decimal = declared.decimalMark() != null ? declared.decimalMark().charAt(0)
        : delimiter != ',' && hasDecimalComma(nonBlank, delimiter) ? ',' : '.';
    return new Sniffed(new CsvDialect(encoding, delimiter, decimal, !declared.complete()), header(lines));
  }

  /**
   * What a file's first bytes say: its dialect, and its header if it is a CSV file (the first
   * non-blank line and its number; null where the bytes hold none).
   */
  public record Sniffed(CsvDialect dialect, CsvHeader header) {}

  /** The first line that is not blank as Spark's {@code trim} sees it (spaces only), numbered from 1. */
  private static CsvHeader header(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).replace(" ", "").isEmpty()) {
        return new CsvHeader(i + 1, lines.get(i));
      }
    }
    return null;
  }

  static String encodingOf(byte[] head, int length, boolean whole) {
    if (length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
      return UTF_8;
    }
    if (length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
      return UTF_16LE;
    }
    if (length >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
      return UTF_16BE;
    }
    CharsetDecoder strict = strictDecoder(StandardCharsets.UTF_8);
    CharBuffer out = CharBuffer.allocate(length + 1);
    CoderResult result = strict.decode(ByteBuffer.wrap(head, 0, length), out, whole);
    // A sample cut inside a character leaves it undecoded (underflow), which is not an error.
    return result.isError() ? WINDOWS_1252 : UTF_8;
  }

  /** The bytes as text, a byte-order mark dropped; what does not decode becomes U+FFFD (only to sniff). */
  static String decode(byte[] head, int length, Charset charset) {
    String text = new String(head, 0, length, charset);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * The lines of a sample, each without the CR before its LF; its last, maybe cut, dropped unless
   * the sample is the whole file.
   */
  static List<String> sampleLines(String text, boolean whole) {
    List<String> lines = new ArrayList<>();
    String[] all = text.split("\n", -1);
    int usable = whole ? all.length : all.length - 1;
    for (int i = 0; i < usable; i++) {
      lines.add(all[i].endsWith("\r") ? all[i].substring(0, all[i].length() - 1) : all[i]);
    }
    return lines;
  }

  static char delimiterOf(List<String> lines) {
    char best = ',';
    int bestScore = 0;
    for (char d : DELIMITERS) {
      if (lines.isEmpty()) {
        break;
      }
      int columns = fields(lines.get(0), d).size();
      if (columns < 2) {
        continue;
      }
      int score = 0;
      for (String line : lines) {
        if (fields(line, d).size() == columns) {
          score++;
        }
      }
      if (score > bestScore) {
        best = d;
        bestScore = score;
      }
    }
    return best;
  }

  private static boolean hasDecimalComma(List<String> lines, char delimiter) {
    if (lines.isEmpty()) {
      return false;
    }
    List<String> header = fields(lines.get(0), delimiter);
    int amount = -1;
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).trim().toLowerCase(Locale.ROOT).equals("amount")) {
        amount = i;
      }
    }
    for (int l = 1; l < lines.size() && amount >= 0; l++) {
      List<String> values = fields(lines.get(l), delimiter);
      if (values.size() > amount && DECIMAL_COMMA.matcher(values.get(amount)).matches()) {
        return true;
      }
    }
    return false;
  }

  /** The fields of a CSV line split at {@code delimiter} outside quotes, each unquoted. */
  public static List<String> fields(String line, char delimiter) {
    return List.of(ReferenceText.fields(line, delimiter));
  }

  /** A decoder that reports bytes which are not text in {@code charset}, instead of replacing them. */
  public static CharsetDecoder strictDecoder(Charset charset) {
    return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** Decodes one line's bytes with a {@link #strictDecoder}: null where they are not text in its encoding. */
  public static String decodeStrict(CharsetDecoder strict, byte[] bytes, int offset, int length) {
    try {
      return strict.decode(ByteBuffer.wrap(bytes, offset, length)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
