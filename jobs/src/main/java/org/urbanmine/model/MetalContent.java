package org.urbanmine.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.urbanmine.config.Settings;
import org.urbanmine.reference.ReferenceText;
import org.urbanmine.tables.EwasteGeneratedTable;
import org.urbanmine.tables.ForecastDriversTable;
import org.urbanmine.uncertainty.Distribution;

/**
 * Metal content per UNU key, from published figures ({@code reference/unu-key-metal-content.csv}),
 * and the metal contained in a country's e-waste: the one place where e-waste becomes metal, for
 * {@code metal_in_ewaste} and the country model alike.
 *
 * <p><b>A key's content</b> is the geometric mean of the figures published for it, in grams per
 * tonne of whole devices ({@value #PUBLISHED}). A key without a figure of its own takes its
 * collection category's ({@value #CATEGORY}): the geometric mean of the category's stream averages
 * where the table has any (a row keyed by the category's name), else of its keys' contents. A
 * category without any figure takes the lowest of the other categories' ({@value #ASSUMED}): an
 * assumption that never raises the metal found.
 *
 * <p><b>Its spread.</b> The figures for one product differ by about 2x between studies. Per
 * category and metal, the log-scale spread is the pooled standard deviation of every figure's
 * log about its own key's mean (degrees of freedom: figures less keys), but never below the stated
 * prior {@code urbanmine.drivers.content-prior-sigma}, and the prior alone where fewer than two
 * degrees of freedom remain. In a Monte Carlo draw all keys of a category move together: content
 * x exp(spread x N(0, 1)), one normal per category and metal shared by every country (the figures
 * of one category come from the same few studies and assays, so their errors are not independent).
 *
 * <p><b>A uniform content</b> ({@code urbanmine.drivers.content-g-per-t}, the meaning of that key
 * before issue 23) gives every key of its metal the distribution's median ({@value #UNIFORM}); a
 * draw scales all categories by the drawn value over the median.
 */
public final class MetalContent implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The six collection categories of the EU WEEE Directive (Annex III), in the order of every array here. */
  public static final List<String> CATEGORIES = Settings.Campaign.CATEGORIES;
  /** A key's content from figures published for it. */
  public static final String PUBLISHED = "published";
  /** A key's content from its category's figure: it has none of its own. */
  public static final String CATEGORY = "category";
  /** A key of a category without any figure of the metal: the lowest of the other categories' contents. */
  public static final String ASSUMED = "lowest category";
  /** Every key's content is the one setting of {@code urbanmine.drivers.content-g-per-t}. */
  public static final String UNIFORM = "uniform";

  // Output columns of contained().
  public static final String COUNTRY_CODE = "country_code";
  public static final String YEAR = "year";
  public static final String METAL = "metal";
  public static final String EWASTE_KG = "ewaste_kg";
  public static final String CONTAINED_KG = "contained_kg";
  public static final String ASSUMED_KG = "assumed_kg";
  /** Kilograms contained per category, in {@link #CATEGORIES} order. */
  public static final String CONTAINED_BY_CATEGORY = ForecastDriversTable.CONTAINED_BY_CATEGORY_KG;
  /** {@link #CONTAINED_BY_CATEGORY} with every lifespan e^-sd times as long (null where the input has no such e-waste). */
  public static final String CONTAINED_BY_CATEGORY_SHORTER = ForecastDriversTable.CONTAINED_BY_CATEGORY_KG_SHORTER_LIFESPANS;
  /** ... and e^sd times as long. */
  public static final String CONTAINED_BY_CATEGORY_LONGER = ForecastDriversTable.CONTAINED_BY_CATEGORY_KG_LONGER_LIFESPANS;
  public static final String EWASTE_KG_SHORTER = EwasteGeneratedTable.EWASTE_KG_SHORTER_LIFESPANS;
  public static final String EWASTE_KG_LONGER = EwasteGeneratedTable.EWASTE_KG_LONGER_LIFESPANS;
  /** Kilograms of e-waste per category, in {@link #CATEGORIES} order. */
  public static final String EWASTE_BY_CATEGORY = "ewaste_by_category_kg";
  /** In {@link #composition}: kilograms of metal per tonne of all e-waste, per category. */
  public static final String KG_PER_T_BY_CATEGORY = "kg_per_t_by_category";
  /** In {@link #composition}: {@link #KG_PER_T_BY_CATEGORY} of the e-waste with every lifespan e^-sd, then e^sd, times as long. */
  public static final String KG_PER_T_BY_CATEGORY_SHORTER = "kg_per_t_by_category_shorter_lifespans";
  public static final String KG_PER_T_BY_CATEGORY_LONGER = "kg_per_t_by_category_longer_lifespans";
  /** In {@link #composition}: each category's share of all e-waste's tonnes. */
  public static final String SHARE_BY_CATEGORY = "share_by_category";
  public static final String COUNTRIES = "countries";

  public static final StructType CONTAINED = new StructType()
      .add(COUNTRY_CODE, DataTypes.StringType).add(YEAR, DataTypes.IntegerType).add(METAL, DataTypes.StringType)
      .add(EWASTE_KG, DataTypes.DoubleType).add(CONTAINED_KG, DataTypes.DoubleType)
      .add(ASSUMED_KG, DataTypes.DoubleType)
      .add(CONTAINED_BY_CATEGORY, DataTypes.createArrayType(DataTypes.DoubleType, false))
      .add(EWASTE_BY_CATEGORY, DataTypes.createArrayType(DataTypes.DoubleType, false))
      .add(EWASTE_KG_SHORTER, DataTypes.DoubleType).add(EWASTE_KG_LONGER, DataTypes.DoubleType)
      .add(CONTAINED_BY_CATEGORY_SHORTER, DataTypes.createArrayType(DataTypes.DoubleType, false))
      .add(CONTAINED_BY_CATEGORY_LONGER, DataTypes.createArrayType(DataTypes.DoubleType, false));

  public static final StructType COMPOSITION = new StructType()
      .add(YEAR, DataTypes.IntegerType).add(METAL, DataTypes.StringType)
      .add(KG_PER_T_BY_CATEGORY, DataTypes.createArrayType(DataTypes.DoubleType, false))
      .add(COUNTRIES, DataTypes.IntegerType)
      .add(SHARE_BY_CATEGORY, DataTypes.createArrayType(DataTypes.DoubleType, false))
      .add(KG_PER_T_BY_CATEGORY_SHORTER, DataTypes.createArrayType(DataTypes.DoubleType, false))
      .add(KG_PER_T_BY_CATEGORY_LONGER, DataTypes.createArrayType(DataTypes.DoubleType, false));

  /** A key's content of one metal: grams per tonne, its basis and how many figures it rests on. */
  public record KeyContent(double gramsPerTonne, String basis, int figures) implements Serializable {}

  private final Map<String, Integer> categoryOfKey;
  private final Map<String, Map<String, KeyContent>> byMetal;
  private final Map<String, double[]> logSd;
  private final Map<String, String[]> spreadRule;
  /** Per uniform metal, its distribution: a draw's factor is its value over the median. */
  private final Map<String, Distribution> uniform;
  private final Set<String> derivedFrom;

  private MetalContent(Map<String, Integer> categoryOfKey, Map<String, Map<String, KeyContent>> byMetal,
      Map<String, double[]> logSd, Map<String, String[]> spreadRule, Map<String, Distribution> uniform,
      Set<String> derivedFrom) {
    this.derivedFrom = derivedFrom;
    this.categoryOfKey = categoryOfKey;
    this.byMetal = byMetal;
    this.logSd = logSd;
    this.spreadRule = spreadRule;
    this.uniform = uniform;
  }

  /** The UNU keys and their categories, bundled. */
  public static final String KEYS = ReferenceText.CLASSPATH_PREFIX + "reference/unu-keys.csv";

  /** The content of every metal the drivers follow, from the table they name. */
  public static MetalContent load(Configuration hadoop, Settings.Drivers drivers) {
    return of(ReferenceText.rows(hadoop, drivers.metalContent()), ReferenceText.rows(hadoop, KEYS),
        drivers.metals(), drivers.contentGramsPerTonne(), drivers.contentPriorSigma(), drivers.metalContent());
  }

  /**
   * @param figures the content table's rows: {@code unu_key, metal, g_per_t, basis, source[,
   *     derived_from]}; the key field holds one key, several separated by {@code ;}, or a
   *     category's name
   * @param keys the UNU key table's rows: {@code unu_key, description, collection_category, ...}
   * @param metals the metals to give a content: each needs a uniform content or a figure for
   *     every category (its own, or one of its keys')
   * @param uniform metals with one content for every key ({@code content-g-per-t})
   * @param priorSigma the least log-scale spread of a category's content
   * @param location the table's location, for messages
   */
  public static MetalContent of(List<String[]> figures, List<String[]> keys, Set<String> metals,
      Map<String, Distribution> uniform, double priorSigma, String location) {
    Map<String, Integer> categoryOfKey = new TreeMap<>();
    for (String[] k : keys) {
      int category = CATEGORIES.indexOf(k.length > 2 ? k[2] : "");
      if (category < 0) {
        throw new IllegalArgumentException("UNU key " + k[0] + " has collection category '" + (k.length > 2 ? k[2] : "")
            + "', not one of " + CATEGORIES);
      }
      categoryOfKey.put(k[0], category);
    }
    // metal -> group (a key, or a category's name) -> log figures
    Map<String, Map<String, List<Double>>> logs = new LinkedHashMap<>();
    for (String[] r : figures) {
      if (r.length < 3 || r[0].isBlank() || r[1].isBlank()) {
        throw new IllegalArgumentException(location + ": a row of fewer than 3 fields, or without its key or metal: "
            + String.join(",", r));
      }
      double g;
      try {
        g = Double.parseDouble(r[2]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(location + ": g_per_t is not a number: " + String.join(",", r), e);
      }
      if (!(g > 0) || Double.isInfinite(g)) {
        throw new IllegalArgumentException(location + ": g_per_t must be above 0, got " + r[2] + ": "
            + String.join(",", r));
      }
      for (String group : r[0].split(";")) {
        String name = group.trim();
        if (!categoryOfKey.containsKey(name) && !CATEGORIES.contains(name)) {
          throw new IllegalArgumentException(location + ": '" + name + "' is neither a UNU key of the key table"
              + " nor one of the categories " + CATEGORIES);
        }
        logs.computeIfAbsent(r[1], m -> new LinkedHashMap<>()).computeIfAbsent(name, x -> new ArrayList<>())
            .add(Math.log(g));
      }
    }
    Map<String, Map<String, KeyContent>> byMetal = new LinkedHashMap<>();
    Map<String, double[]> logSd = new LinkedHashMap<>();
    Map<String, String[]> rules = new LinkedHashMap<>();
    for (String metal : metals) {
      Map<String, KeyContent> contents = new TreeMap<>();
      double[] sd = new double[CATEGORIES.size()];
      String[] rule = new String[CATEGORIES.size()];
      Distribution one = uniform.get(metal);
      if (one != null) {
        categoryOfKey.keySet().forEach(k -> contents.put(k, new KeyContent(one.median(), UNIFORM, 0)));
        Arrays.fill(rule, "uniform content: urbanmine.drivers.content-g-per-t." + metal);
      } else {
        Map<String, List<Double>> groups = logs.getOrDefault(metal, Map.of());
        double[] categoryMean = new double[CATEGORIES.size()];
        for (int c = 0; c < CATEGORIES.size(); c++) {
          categoryMean[c] = categoryContents(c, groups, categoryOfKey, contents);
        }
        // A category without any figure: the lowest of the others' (an assumption that never
        // raises the metal the model finds), labelled by its prior spread.
        double lowest = Arrays.stream(categoryMean).filter(m -> !Double.isNaN(m)).min().orElse(Double.NaN);
        if (Double.isNaN(lowest)) {
          throw new IllegalArgumentException(location + ": no figure of " + metal + " for any category: add"
              + " figures, or set urbanmine.drivers.content-g-per-t." + metal);
        }
        for (int c = 0; c < CATEGORIES.size(); c++) {
          if (Double.isNaN(categoryMean[c])) {
            int category = c;
            categoryOfKey.forEach((k, kc) -> {
              if (kc == category) {
                contents.put(k, new KeyContent(Math.exp(lowest), ASSUMED, 0));
              }
            });
          }
        }
        for (int c = 0; c < CATEGORIES.size(); c++) {
          double[] spread = pooledSpread(c, groups, categoryOfKey);
          boolean own = spread[1] >= 2 && spread[0] >= priorSigma;
          sd[c] = own ? spread[0] : priorSigma;
          rule[c] = own ? String.format("pooled spread of %d published figures about their keys' means",
              (int) spread[2])
              : "stated prior (urbanmine.drivers.content-prior-sigma): " + (spread[1] < 2
                  ? "fewer than 2 degrees of freedom among the category's figures"
                  : String.format("the figures' pooled spread, %.3f, is below it", spread[0]));
        }
      }
      byMetal.put(metal, contents);
      logSd.put(metal, sd);
      rules.put(metal, rule);
    }
    Set<String> derivedFrom = new java.util.TreeSet<>();
    for (String[] r : figures) {
      if (r.length > 5 && !r[5].isBlank() && byMetal.containsKey(r[1]) && !uniform.containsKey(r[1])) {
        Arrays.stream(r[5].split(";")).map(String::trim).forEach(derivedFrom::add);
      }
    }
    return new MetalContent(categoryOfKey, byMetal, logSd, rules, new LinkedHashMap<>(uniform), derivedFrom);
  }

  /**
   * The contents of category {@code c}'s keys: their own figures' geometric mean, else the
   * category's; returns the category's mean log content, NaN where it has no figure at all.
   */
  private static double categoryContents(int c, Map<String, List<Double>> groups, Map<String, Integer> categoryOfKey,
      Map<String, KeyContent> contents) {
    List<String> members = categoryOfKey.entrySet().stream().filter(e -> e.getValue() == c).map(Map.Entry::getKey)
        .toList();
    List<Double> keyMeans = new ArrayList<>();
    for (String k : members) {
      List<Double> own = groups.get(k);
      if (own != null) {
        double mean = mean(own);
        keyMeans.add(mean);
        contents.put(k, new KeyContent(Math.exp(mean), PUBLISHED, own.size()));
      }
    }
    List<Double> stream = groups.get(CATEGORIES.get(c));
    if (stream == null && keyMeans.isEmpty()) {
      return Double.NaN;
    }
    double categoryMean = mean(stream != null ? stream : keyMeans);
    for (String k : members) {
      contents.putIfAbsent(k, new KeyContent(Math.exp(categoryMean), CATEGORY, 0));
    }
    return categoryMean;
  }

  /** {spread, degrees of freedom, figures} of the category's figures about their own group's mean. */
  private static double[] pooledSpread(int c, Map<String, List<Double>> groups, Map<String, Integer> categoryOfKey) {
    double squares = 0;
    int figures = 0;
    int groupCount = 0;
    for (Map.Entry<String, List<Double>> g : groups.entrySet()) {
      Integer category = categoryOfKey.get(g.getKey());
      boolean mine = category != null ? category == c : g.getKey().equals(CATEGORIES.get(c));
      if (!mine) {
        continue;
      }
      double mean = mean(g.getValue());
      for (double v : g.getValue()) {
        squares += (v - mean) * (v - mean);
      }
      figures += g.getValue().size();
      groupCount++;
    }
    int dof = figures - groupCount;
    return new double[] {dof > 0 ? Math.sqrt(squares / dof) : 0, dof, figures};
  }

  private static double mean(List<Double> values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.size();
  }

  /**
   * The outcomes ({@code reference/validation-outcomes.csv} ids) whose metal figures some figure in
   * use was derived from ({@code derived_from}, the table's sixth column): the model cannot be
   * tested against them.
   */
  public Set<String> derivedFrom() {
    return derivedFrom;
  }

  /** The metals given a content, in the order asked for. */
  public Set<String> metals() {
    return new LinkedHashSet<>(byMetal.keySet());
  }

  /** A key's content of a metal; null for a key or metal it does not know. */
  public KeyContent of(String key, String metal) {
    return byMetal.getOrDefault(metal, Map.of()).get(key);
  }

  /** The key's category, an index into {@link #CATEGORIES}; -1 for a key it does not know. */
  public int category(String key) {
    return categoryOfKey.getOrDefault(key, -1);
  }

  /** Log-scale spread of category {@code c}'s content of {@code metal} (0 for a uniform metal: its own distribution draws). */
  public double logSd(String metal, int c) {
    return logSd.get(metal)[c];
  }

  /** How {@link #logSd} was found, in words. */
  public String spreadRule(String metal, int c) {
    return spreadRule.get(metal)[c];
  }

  /** A uniform metal's distribution, or null where the keys' figures give the content. */
  public Distribution uniform(String metal) {
    return uniform.get(metal);
  }

  /**
   * Per country, year and metal: its e-waste, the metal contained (each key's e-waste x its
   * content, added over the keys of each category in key order, then over the categories in
   * {@link #CATEGORIES} order: the same bits on any cluster), the part of it from keys that take
   * their category's figure, and the kilograms per category; where {@code generated} has the
   * e-waste with shorter and longer lifespans, their e-waste and kilograms per category too.
   *
   * @param generated {@code country_code, unu_key, year, ewaste_kg[, ewaste_kg_shorter_lifespans,
   *     ewaste_kg_longer_lifespans]} (more columns are ignored)
   */
  public static Dataset<Row> contained(Dataset<Row> generated, MetalContent content) {
    StructType keyed = new StructType().add(COUNTRY_CODE, DataTypes.StringType).add(YEAR, DataTypes.IntegerType);
    StructType rows = new StructType().add(COUNTRY_CODE, DataTypes.StringType).add("unu_key", DataTypes.StringType)
        .add(YEAR, DataTypes.IntegerType).add(EWASTE_KG, DataTypes.DoubleType)
        .add(EWASTE_KG_SHORTER, DataTypes.DoubleType).add(EWASTE_KG_LONGER, DataTypes.DoubleType);
    List<String> columns = List.of(generated.columns());
    Column shorter = columns.contains(EWASTE_KG_SHORTER) ? col(EWASTE_KG_SHORTER) : lit(null).cast(DataTypes.DoubleType);
    Column longer = columns.contains(EWASTE_KG_LONGER) ? col(EWASTE_KG_LONGER) : lit(null).cast(DataTypes.DoubleType);
    return generated.select(col(COUNTRY_CODE), col("unu_key"), col(YEAR), col(EWASTE_KG), shorter.as(EWASTE_KG_SHORTER),
            longer.as(EWASTE_KG_LONGER))
        .groupBy(COUNTRY_CODE, YEAR)
        .as(Encoders.row(keyed), Encoders.row(rows))
        .flatMapGroups((FlatMapGroupsFunction<Row, Row, Row>) (key, it) -> {
          List<Row> all = new ArrayList<>();
          it.forEachRemaining(all::add);
          return content.countryYear(key.getString(0), key.getInt(1), all).iterator();
        }, Encoders.row(CONTAINED));
  }

  /** Where {@link #contained}'s input rows hold the e-waste at median, shorter and longer lifespans. */
  private static final int MEDIAN_LIFESPANS = 3;
  private static final int SHORTER_LIFESPANS = 4;
  private static final int LONGER_LIFESPANS = 5;

  private List<Row> countryYear(String country, int year, List<Row> rows) {
    // Spark's order of strings (their UTF-8 bytes), as OrderedSum sorts them.
    Row[] byKey = rows.toArray(new Row[0]);
    Arrays.sort(byKey, Comparator.comparing((Row r) -> UTF8String.fromString(r.getString(1))));
    for (Row r : byKey) {
      for (Map<String, KeyContent> contents : byMetal.values()) {
        if (!contents.containsKey(r.getString(1))) {
          throw new IllegalStateException("UNU key " + r.getString(1) + " of " + country + " " + year
              + " is not in the key table: no category, no content");
        }
      }
    }
    double[] ewasteByCategory = new double[CATEGORIES.size()];
    double ewaste = ewaste(byKey, MEDIAN_LIFESPANS, ewasteByCategory);
    boolean nodes = Arrays.stream(byKey).noneMatch(r -> r.isNullAt(SHORTER_LIFESPANS) || r.isNullAt(LONGER_LIFESPANS));
    Double shorter = nodes ? ewaste(byKey, SHORTER_LIFESPANS, null) : null;
    Double longer = nodes ? ewaste(byKey, LONGER_LIFESPANS, null) : null;
    List<Row> out = new ArrayList<>(byMetal.size());
    for (Map.Entry<String, Map<String, KeyContent>> metal : byMetal.entrySet()) {
      double[] assumed = new double[1];
      double[] byCategory = byCategory(byKey, MEDIAN_LIFESPANS, metal.getValue(), assumed);
      out.add(RowFactory.create(country, year, metal.getKey(), ewaste, total(byCategory), assumed[0], byCategory,
          ewasteByCategory, shorter, longer,
          nodes ? byCategory(byKey, SHORTER_LIFESPANS, metal.getValue(), null) : null,
          nodes ? byCategory(byKey, LONGER_LIFESPANS, metal.getValue(), null) : null));
    }
    return out;
  }

  /** All the keys' e-waste in column {@code at}, added in key order; per category into {@code byCategory} if given. */
  private double ewaste(Row[] byKey, int at, double[] byCategory) {
    double ewaste = 0;
    for (Row r : byKey) {
      if (!r.isNullAt(at)) {
        ewaste += r.getDouble(at);
        Integer category = categoryOfKey.get(r.getString(1));
        if (category != null && byCategory != null) {
          byCategory[category] += r.getDouble(at);
        }
      }
    }
    return ewaste;
  }

  /**
   * Kilograms of one metal per category from the e-waste in column {@code at}: each key's e-waste x
   * its content, in key order; the part from keys without a figure of their own into {@code assumed[0]} if given.
   */
  private double[] byCategory(Row[] byKey, int at, Map<String, KeyContent> contents, double[] assumed) {
    double[] byCategory = new double[CATEGORIES.size()];
    for (Row r : byKey) {
      if (r.isNullAt(at)) {
        continue;
      }
      KeyContent k = contents.get(r.getString(1));
      // kg of e-waste x g per tonne: / 1,000 kg per tonne, / 1,000 g per kg.
      double kg = r.getDouble(at) * k.gramsPerTonne() / 1e6;
      byCategory[categoryOfKey.get(r.getString(1))] += kg;
      if (assumed != null && !PUBLISHED.equals(k.basis()) && !UNIFORM.equals(k.basis())) {
        assumed[0] += kg;
      }
    }
    return byCategory;
  }

  /** The categories' kilograms added in {@link #CATEGORIES} order: contained_kg, wherever it is computed. */
  public static double total(double[] byCategory) {
    double sum = 0;
    for (double v : byCategory) {
      sum += v;
    }
    return sum;
  }

  /** Grams of metal per tonne of a stream's e-waste. */
  public static final String STREAM_G_PER_T = "stream_g_per_t";

  /**
   * A stream's content: per country, year and metal where the country has e-waste per key
   * ({@code country_code, year, metal, stream_g_per_t}; null where none of its e-waste that year
   * is of the stream's categories), and per year and metal of the composition, what a country
   * without is given ({@code year, metal, stream_g_per_t}).
   */
  public record StreamContent(Dataset<Row> byCountry, Dataset<Row> byYear) {}

  /** Grams of metal per tonne of the e-waste of the {@code stream}'s categories. */
  public static StreamContent streamContent(Dataset<Row> contained, Dataset<Row> composition, List<String> stream) {
    Column kg = lit(0.0);
    Column tonnes = lit(0.0);
    Column kgPerT = lit(0.0);
    Column share = lit(0.0);
    for (String category : stream) {
      int c = CATEGORIES.indexOf(category);
      kg = kg.plus(col(CONTAINED_BY_CATEGORY).getItem(c));
      tonnes = tonnes.plus(col(EWASTE_BY_CATEGORY).getItem(c).divide(1000));
      kgPerT = kgPerT.plus(col(KG_PER_T_BY_CATEGORY).getItem(c));
      share = share.plus(col(SHARE_BY_CATEGORY).getItem(c));
    }
    return new StreamContent(
        // A country's own keys may hold none of the stream's categories: no content of its own, not
        // a division by zero tonnes (the composition's stands in, ForecastValidation.campaignKgPerT).
        contained.select(col(COUNTRY_CODE), col(YEAR), col(METAL),
            when(tonnes.gt(0), kg.multiply(1000).divide(tonnes)).as(STREAM_G_PER_T)),
        composition.select(col(YEAR), col(METAL), kgPerT.multiply(1000).divide(share).as(STREAM_G_PER_T)));
  }

  /**
   * The composition of the countries with e-waste per key, per year and metal: each category's
   * kilograms of metal per tonne of all their e-waste (their sums, countries added in code order),
   * what a country without put-on-market data is given for its tonnes.
   *
   * @param contained {@link #contained}'s rows
   */
  public static Dataset<Row> composition(Dataset<Row> contained) {
    StructType keyed = new StructType().add(YEAR, DataTypes.IntegerType).add(METAL, DataTypes.StringType);
    return contained.groupBy(YEAR, METAL)
        .as(Encoders.row(keyed), Encoders.row(CONTAINED))
        .flatMapGroups((FlatMapGroupsFunction<Row, Row, Row>) (key, it) -> {
          List<Row> all = new ArrayList<>();
          it.forEachRemaining(all::add);
          all.sort(Comparator.comparing((Row r) -> UTF8String.fromString(r.getString(0))));
          double[] share = new double[CATEGORIES.size()];
          double[] kg = perTonne(all, CONTAINED.fieldIndex(EWASTE_KG), CONTAINED.fieldIndex(CONTAINED_BY_CATEGORY), share);
          if (kg == null) {
            return List.<Row>of().iterator();
          }
          boolean nodes = all.stream().noneMatch(r -> r.isNullAt(CONTAINED.fieldIndex(CONTAINED_BY_CATEGORY_SHORTER))
              || r.isNullAt(CONTAINED.fieldIndex(CONTAINED_BY_CATEGORY_LONGER)));
          return List.of(RowFactory.create(key.getInt(0), key.getString(1), kg, all.size(), share,
              nodes ? perTonne(all, CONTAINED.fieldIndex(EWASTE_KG_SHORTER),
                  CONTAINED.fieldIndex(CONTAINED_BY_CATEGORY_SHORTER), null) : null,
              nodes ? perTonne(all, CONTAINED.fieldIndex(EWASTE_KG_LONGER),
                  CONTAINED.fieldIndex(CONTAINED_BY_CATEGORY_LONGER), null) : null)).iterator();
        }, Encoders.row(COMPOSITION));
  }

  /**
   * The countries' kilograms per category (column {@code byCategoryAt}) over their tonnes of all
   * e-waste (column {@code ewasteAt}), countries added in the rows' order; each category's share of
   * the tonnes into {@code share} if given. Null where they have no e-waste.
   */
  private static double[] perTonne(List<Row> rows, int ewasteAt, int byCategoryAt, double[] share) {
    double ewasteT = 0;
    double[] kg = new double[CATEGORIES.size()];
    for (Row r : rows) {
      ewasteT += r.getDouble(ewasteAt) / 1000;
      List<Double> byCategory = r.getList(byCategoryAt);
      List<Double> tonnes = r.getList(CONTAINED.fieldIndex(EWASTE_BY_CATEGORY));
      for (int c = 0; c < kg.length; c++) {
        kg[c] += byCategory.get(c);
        if (share != null) {
          share[c] += tonnes.get(c) / 1000;
        }
      }
    }
    if (!(ewasteT > 0)) {
      return null;
    }
    for (int c = 0; c < kg.length; c++) {
      kg[c] /= ewasteT;
      if (share != null) {
        share[c] /= ewasteT;
      }
    }
    return kg;
  }
}
