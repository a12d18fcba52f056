package org.urbanmine.ewaste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.urbanmine.SparkTestBase;

/** PV panels (0002) from the model's capacity data, docs/waste-over-time.md 3.14. */
class SolarPanelsTest extends SparkTestBase {
  private static final StructType SALES = new StructType()
      .add(PutOnMarket.COUNTRY_CODE, DataTypes.StringType).add(PutOnMarket.YEAR, DataTypes.IntegerType)
      .add(SolarPanels.KG, DataTypes.DoubleType).add(SolarPanels.UNITS, DataTypes.DoubleType);

  /** "COUNTRY year" -> {kg, units}. */
  private static Map<String, double[]> byCountryYear(Dataset<Row> sales) {
    assertThat(sales.columns()).containsExactly(PutOnMarket.COUNTRY_CODE, PutOnMarket.YEAR, SolarPanels.KG,
        SolarPanels.UNITS);
    Map<String, double[]> out = new HashMap<>();
    for (Row r : sales.collectAsList()) {
      double[] previous = out.put(r.getAs(PutOnMarket.COUNTRY_CODE) + " " + r.getAs(PutOnMarket.YEAR),
          new double[] {r.<Double>getAs(SolarPanels.KG), r.<Double>getAs(SolarPanels.UNITS)});
      assertThat(previous).as("one row per country and year").isNull();
    }
    return out;
  }

  /**
   * The 1.1 file's stocks, 40 codes x 26 years (1990-2015):
   * <ul>
   *   <li>"hun","2011",379333.3333,18967 and "hun","2012",1076000,53800: HUN 2012 sold
   *       1,076,000 - 379,333.3333 = 696,666.6667 kg and 53,800 - 18,967 = 34,833 panels.
   *   <li>"bel","2002",130000,10833 and "bel","2003",125000,10417: the stock fell, so 0 and 0.
   *   <li>"aut","2007",4200000,350000 and "aut","2008",4900000,245000: 700,000 kg, and
   *       245,000 - 350,000 = -105,000 panels, kept as the model keeps them (only kg is tested).
   *   <li>1990 is every country's first year: no row. "cyp" is NA up to 2004, so 2005 (115,000 - NA)
   *       has none either; 2006: 110,000 - 115,000 &lt; 0, so 0.
   *   <li>"unk" (Kosovo) is NA up to 1999: no row for 1991-2000; "bih","2015",NA,NA: none for BIH 2015.
   *   <li>"eu27" is not a country; "alb" is kept, as ALB. So 39 countries x 25 years (1991-2015),
   *       less CYP's 1991-2005 (15), UNK's 1991-2000 (10) and BIH 2015: 975 - 15 - 10 - 1 = 949 rows.
   * </ul>
   */
  @Test
  void version11StocksBecomeYearlySales() {
    Map<String, double[]> sales = byCountryYear(SolarPanels.sales(spark, "1.1"));
    assertThat(sales.size()).isEqualTo(949);
    assertThat(sales.keySet()).doesNotContain("HUN 1990", "CYP 2005", "BIH 2015", "EU27 2012", "UNK 2000")
        .contains("ALB 2012", "UNK 2001", "HUN 1991");
    assertThat(sales.get("HUN 2012")[0]).isCloseTo(696_666.6667, within(1e-6));
    assertThat(sales.get("HUN 2012")[1]).isCloseTo(34_833.0, within(1e-9));
    assertThat(sales.get("BEL 2003")).containsExactly(0.0, 0.0);
    assertThat(sales.get("AUT 2008")).containsExactly(700_000.0, -105_000.0);
    assertThat(sales.get("CYP 2006")).containsExactly(0.0, 0.0);
  }

  /**
   * The 1.2 file's sales as they are: "0002","HUN","2015",5999000,299950; 791 rows, one NA
   * ("0002","CYP","2005",NA,NA) and so 790 rows.
   */
  @Test
  void version12SalesAreReadAsTheyAre() {
    Map<String, double[]> sales = byCountryYear(SolarPanels.sales(spark, "1.2"));
    assertThat(sales.size()).isEqualTo(790);
    assertThat(sales.keySet()).doesNotContain("CYP 2005").contains("CYP 2006");
    assertThat(sales.get("HUN 2015")).containsExactly(5_999_000.0, 299_950.0);
    assertThat(sales.get("DEU 2021")).isNotNull();
  }

  private static Object[] row(String country, String key, int year, Double population, Double kpi, Double ppi,
      String flag) {
    return new Object[] {country, key, year, 1, population, 30_000.0, kpi, ppi, flag, kpi, ppi};
  }

  /**
   * Sales: NLD 2010 2,000 kg / 100 panels, NLD 2012 3,000 kg / 150; DEU 2011 500 kg / 25. The data
   * span 2010-2012. Each 0002 row stands at 9.0 kg and 0.9 pieces per person, reported.
   * <ul>
   *   <li>NLD (1,000 inhabitants): 2010 2,000 / 1,000 = 2.0 kg and 100 / 1,000 = 0.1 pieces per
   *       person; 2011 no sales row, so 0 and 0; 2012 3.0 and 0.15; all flagged PV. 2009 and 2013
   *       lie outside the span: kept.
   *   <li>DEU (100 inhabitants): 2011 5.0 and 0.25; 2012 population unknown: null, still PV.
   *   <li>BEL has no PV data: kept. NLD's 0001 in 2011: another key, kept.
   * </ul>
   */
  @Test
  void countriesInTheDataGetTheirSalesPerPersonOverTheDataSpan() {
    Dataset<Row> sales = rows(SALES, new Object[] {"NLD", 2010, 2000.0, 100.0},
        new Object[] {"NLD", 2012, 3000.0, 150.0}, new Object[] {"DEU", 2011, 500.0, 25.0});
    Dataset<Row> in = rows(PomSeries.SCHEMA,
        row("NLD", "0002", 2009, 1000.0, 9.0, 0.9, PutOnMarket.REPORTED),
        row("NLD", "0002", 2010, 1000.0, 9.0, 0.9, PutOnMarket.REPORTED),
        row("NLD", "0002", 2011, 1000.0, 9.0, 0.9, PutOnMarket.REPORTED),
        row("NLD", "0002", 2012, 1000.0, 9.0, 0.9, PutOnMarket.REPORTED),
        row("NLD", "0002", 2013, 1000.0, 9.0, 0.9, PutOnMarket.REPORTED),
        row("NLD", "0001", 2011, 1000.0, 9.0, 0.9, PutOnMarket.REPORTED),
        row("DEU", "0002", 2011, 100.0, 9.0, 0.9, PutOnMarket.REPORTED),
        row("DEU", "0002", 2012, null, 9.0, 0.9, PutOnMarket.REPORTED),
        row("BEL", "0002", 2011, 100.0, 9.0, 0.9, PutOnMarket.REPORTED));
    Dataset<Row> out = PomTable.apply(in, PomTable.each(SolarPanels.step(SolarPanels.Sales.of(sales.collectAsList()))));
    assertThat(out.columns()).containsExactly(PomSeries.SCHEMA.fieldNames());
    Map<String, String> got = new HashMap<>();
    for (Row r : out.collectAsList()) {
      got.put(r.getAs(PutOnMarket.COUNTRY_CODE) + " " + r.getAs(PutOnMarket.UNU_KEY) + " "
          + r.getAs(PutOnMarket.YEAR), r.getAs(PutOnMarket.KPI) + " " + r.getAs(PutOnMarket.PPI) + " "
          + r.getAs(PutOnMarket.FLAG) + " " + r.getAs(PutOnMarket.REPORTED_KPI));
    }
    String pv = PutOnMarket.PV_CAPACITY;
    String kept = "9.0 0.9 " + PutOnMarket.REPORTED + " 9.0";
    assertThat(got).containsOnly(
        Map.entry("NLD 0002 2009", kept),
        Map.entry("NLD 0002 2010", "2.0 0.1 " + pv + " 9.0"),
        Map.entry("NLD 0002 2011", "0.0 0.0 " + pv + " 9.0"),
        Map.entry("NLD 0002 2012", "3.0 0.15 " + pv + " 9.0"),
        Map.entry("NLD 0002 2013", kept),
        Map.entry("NLD 0001 2011", kept),
        Map.entry("DEU 0002 2011", "5.0 0.25 " + pv + " 9.0"),
        Map.entry("DEU 0002 2012", "null null " + pv + " 9.0"),
        Map.entry("BEL 0002 2011", kept));
  }
}
