#!/usr/bin/env python3
"""Builds recovery-records/eu-mobile-phones-estimates.csv from eu28-pom-mobile-phones.csv.

ESTIMATES, not measurements. The rule, for country c, metal m and year t:

    kg(c, m, t) = phones put on the market in c in year t - LAG
                  x COLLECTION_RATE x content per phone (m)
                  x PRE_PROCESSING_YIELD(m) x SMELTER_YIELD

Every number below is an assumption taken from a published figure (see ../SOURCES.md):
- phones put on the market: Statistics Netherlands / UNU "Waste over Time" data, UNU key 0306
  (mobile phones), POM_pieces, raw statistics for 1995-2015.
- LAG = 8 years: mobile phones' average total lifespan (use plus storage) of 7.99 years,
  Polak and Drapalova 2012, rounded; all phones of a year are taken to be discarded together.
- COLLECTION_RATE = 0.428: Europe's formal collection rate in 2022 (Global E-waste Monitor 2024),
  applied to every year.
- content per phone: gold 24 mg, silver 250 mg, palladium 9 mg, copper 9 g (Umicore).
- PRE_PROCESSING_YIELD: gold and palladium 0.26, silver 0.115 (Chancerel et al. 2009, shredded
  whole); copper 0.26, the gold figure used for lack of a published copper figure here.
- SMELTER_YIELD = 0.95: integrated smelter-refinery (Umicore Hoboken, a common assumption),
  applied to all four metals.

Run from sample-data/: python3 estimates/build_estimates.py
"""
import csv

LAG = 8
COLLECTION_RATE = 0.428
SMELTER_YIELD = 0.95
# metal: (symbol, content per phone in mg, pre-processing yield, output unit, kg per unit, decimals)
METALS = {
    "gold": ("Au", 24.0, 0.26, "g", 0.001, 1),
    "silver": ("Ag", 250.0, 0.115, "kg", 1.0, 3),
    "palladium": ("Pd", 9.0, 0.26, "g", 0.001, 1),
    "copper": ("Cu", 9000.0, 0.26, "t", 1000.0, 4),
}
# Countries whose phone series has no gap and no obvious outlier over 2003-2015.
COUNTRIES = {"AUT": "Austria", "BEL": "Belgium", "ESP": "Spain", "GRC": "Greece",
             "IRL": "Ireland", "ITA": "Italy", "PRT": "Portugal", "SVN": "Slovenia",
             "SWE": "Sweden"}
FIRST_POM_YEAR, LAST_POM_YEAR = 2003, 2015


def main():
    pieces = {}
    with open("estimates/eu28-pom-mobile-phones.csv", newline="") as f:
        for r in csv.DictReader(f):
            if r["POM_pieces"]:
                pieces[(r["Country"], int(r["Year"]))] = float(r["POM_pieces"])
    with open("recovery-records/eu-mobile-phones-estimates.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["record_id", "country", "year", "metal", "amount", "unit", "source",
                    "category", "note"])
        for code, name in COUNTRIES.items():
            for pom_year in range(FIRST_POM_YEAR, LAST_POM_YEAR + 1):
                phones = pieces[(code, pom_year)]
                year = pom_year + LAG
                for metal, (symbol, mg, pre, unit, kg_per_unit, decimals) in METALS.items():
                    kg = phones * COLLECTION_RATE * mg * 1e-6 * pre * SMELTER_YIELD
                    amount = round(kg / kg_per_unit, decimals)
                    w.writerow([f"est-{code}-{year}-{symbol}", name, year, metal,
                                (f"{amount:,.{decimals}f}" if unit == "g" else f"{amount:.{decimals}f}"), unit, "estimate-eu-mobile-phones",
                                "mobile phones",
                                f"ESTIMATE: {int(phones)} phones put on market in {pom_year}"
                                f" x 0.428 collected x {mg:g} mg/phone x {pre} x 0.95"])


if __name__ == "__main__":
    main()
