#!/usr/bin/env python3
"""The peer of `allies import csv FILE --preset crunchbase-2015-acquisitions` in `make bench` (BENCHMARKS.md,
"Import"): the same job with the standard library only. Reads every row of a Crunchbase 2015 acquisitions CSV,
keeps each company once by its permalink (name, other names, alpha-2 country, categories), makes one alliance per
row (acquirer and company acquired, amount and currency, date or month; a row whose key was seen is merged), rejects
rows without a name or with both parties the same, and writes the result as indented JSON.

usage: bench-import-peer.py FILE OUT.json
"""
import csv
import json
import sys

# Enough of ISO 3166 for alpha-3 → alpha-2 (an unknown code is kept as given: the peer does not reject it).
ALPHA2 = {"USA": "US", "GBR": "GB", "CAN": "CA", "DEU": "DE", "FRA": "FR", "ISR": "IL", "CHN": "CN", "IND": "IN",
          "JPN": "JP", "ESP": "ES", "NLD": "NL", "SWE": "SE", "AUS": "AU", "BRA": "BR", "KOR": "KR", "IRL": "IE",
          "CHE": "CH", "ITA": "IT", "SGP": "SG", "FIN": "FI", "DNK": "DK", "MEX": "MX", "RUS": "RU", "ROM": "RO",
          "ROU": "RO"}


def main(path, out):
    companies = {}
    alliances = []
    keys = set()
    rejects = merged = 0

    def company(row, prefix):
        key = row[prefix + "_permalink"].strip()
        name = row[prefix + "_name"].strip()
        if not name:
            return None
        country = row[prefix + "_country_code"].strip()
        sectors = [s.strip() for s in row[prefix + "_category_list"].split("|") if s.strip()]
        c = companies.get(key)
        if c is None:
            companies[key] = {"key": key, "name": name, "aliases": [],
                              "country": ALPHA2.get(country.upper(), country) or None, "sectors": sectors}
        else:
            if name != c["name"] and name not in c["aliases"]:
                c["aliases"].append(name)
            for s in sectors:
                if s not in c["sectors"]:
                    c["sectors"].append(s)
        return key

    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            to, frm = company(row, "company"), company(row, "acquirer")
            if to is None or frm is None or to == frm:
                rejects += 1
                continue
            date = row["acquired_at"].strip() or row["acquired_month"].strip() or None
            key = f"{frm} acquisition {to}" + (f" {date}" if date else "")
            if key in keys:
                merged += 1
                continue
            keys.add(key)
            amount = row["price_amount"].strip()
            amounts = []
            if amount and float(amount) > 0:
                amounts.append({"value": float(amount), "currency": row["price_currency_code"].strip() or "USD"})
            alliances.append({"key": key, "kind": "acquisition",
                              "parties": [{"company": frm, "role": "acquirer"}, {"company": to, "role": "target"}],
                              "amounts": amounts, "date": date, "status": "announced"})
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"companies": list(companies.values()), "alliances": alliances}, f, ensure_ascii=False, indent=2)
    print(f"{len(alliances)} alliances, {len(companies)} companies, {merged} merged, {rejects} rejected")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
