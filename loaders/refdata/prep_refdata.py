#!/usr/bin/env python3
"""Trims the public reference data in ../shared/data into loaders/refdata/.

Usage:
    python3 loaders/refdata/prep_refdata.py /work/shared/data loaders/refdata

Reads (relative to the source folder):
    esco/skills.csv, esco/occupations.csv, esco/occupation_skills.csv,
    kldb/kldb2010.csv, kldb/kldb_isco_pairs.csv,
    gemeinden/gemeinden.csv, gemeinden/kreise.csv,
    plz/plz_geonames.csv, stats/anchors.csv, stats/auslaender_kreise.csv
Writes skills.csv, occupations.csv, occupation_skills.csv, kldb.csv,
kldb_areas.csv, districts.csv, municipalities.csv, postcodes.csv, anchors.csv and
foreign_nationals.csv (UTF-8, comma-separated, RFC 4180 quoting, header row,
"\\n" line ends, rows sorted). The output is a pure function of the input:
running it twice gives the same bytes. No field may contain a line break
(checked), so the C++ loader can read one record per physical line.

Standard library only.
"""

import collections
import csv
import os
import sys

REUSE_LEVELS = ("transversal", "cross-sector", "sector-specific", "occupation-specific")


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_rows(path, header, rows):
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"{path}: row {row!r} has {len(row)} fields, want {len(header)}")
        for cell in row:
            if "\n" in cell or "\r" in cell:
                raise ValueError(f"{path}: line break inside field {cell!r}")
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(rows)
    return len(rows)


def require(condition, message):
    if not condition:
        raise ValueError(message)


def prep_esco(src, out):
    skills = read_rows(os.path.join(src, "esco", "skills.csv"))
    occupations = read_rows(os.path.join(src, "esco", "occupations.csv"))
    relations = read_rows(os.path.join(src, "esco", "occupation_skills.csv"))

    used = {r["skill_id"] for r in relations}
    skills = sorted((s for s in skills if s["esco_id"] in used), key=lambda s: s["esco_id"])
    skill_index = {s["esco_id"]: i for i, s in enumerate(skills)}
    skill_rows = []
    for s in skills:
        reuse = s["reuse_level"] or "occupation-specific"
        require(reuse in REUSE_LEVELS, f"skill {s['esco_id']}: reuse_level {reuse!r}")
        skill_rows.append([s["esco_id"], reuse, s["label_en"]])

    occupations = sorted(occupations, key=lambda o: o["esco_id"])
    occupation_index = {o["esco_id"]: i for i, o in enumerate(occupations)}
    occupation_rows = []
    for o in occupations:
        require(len(o["isco_code"]) == 4 and o["isco_code"].isdigit(),
                f"occupation {o['esco_id']}: isco_code {o['isco_code']!r}")
        occupation_rows.append([o["esco_id"], o["isco_code"], o["label_de"], o["label_en"]])

    relation_code = {"essential": "e", "optional": "o"}
    relation_rows = set()
    for r in relations:
        require(r["relation"] in relation_code, f"relation {r['relation']!r}")
        relation_rows.add((occupation_index[r["occupation_id"]], relation_code[r["relation"]],
                           skill_index[r["skill_id"]]))
    relation_rows = [[str(o), str(s), rel] for o, rel, s in sorted(relation_rows)]

    counts = {
        "skills.csv": write_rows(os.path.join(out, "skills.csv"),
                                 ["esco_id", "reuse_level", "label_en"], skill_rows),
        "occupations.csv": write_rows(os.path.join(out, "occupations.csv"),
                                      ["esco_id", "isco_code", "label_de", "label_en"],
                                      occupation_rows),
        "occupation_skills.csv": write_rows(os.path.join(out, "occupation_skills.csv"),
                                            ["occupation", "skill", "relation"], relation_rows),
    }
    return counts


def prep_kldb(src, out):
    kldb = read_rows(os.path.join(src, "kldb", "kldb2010.csv"))
    pairs = read_rows(os.path.join(src, "kldb", "kldb_isco_pairs.csv"))
    isco_by_kldb = collections.defaultdict(set)
    for p in pairs:  # both sources: auxco_default and auxco_followup
        isco_by_kldb[p["kldb_code"]].add(p["isco_code"])
    rows = []
    for k in kldb:
        if k["level"] != "5":
            continue
        code = k["kldb_code"]
        require(len(code) == 5 and code.isdigit(), f"kldb code {code!r}")
        level = k["anforderungsniveau"]
        require(level == code[4] and level in "1234", f"kldb {code}: anforderungsniveau {level!r}")
        rows.append([code, k["title"], level, "|".join(sorted(isco_by_kldb.get(code, ())))])
    rows.sort()
    # The names of the areas reports group by: Berufsbereiche (1 digit) and
    # Berufshauptgruppen (2 digits), titles as published.
    areas = []
    for k in kldb:
        if k["level"] not in ("1", "2"):
            continue
        code = k["kldb_code"]
        require(len(code) == int(k["level"]) and code.isdigit(), f"kldb area code {code!r}")
        require(k["title"] != "", f"kldb area {code}: empty title")
        areas.append((code, k["title"]))
    areas = sorted(set(areas))
    require(len({code for code, _ in areas}) == len(areas), "kldb area with two titles")
    return {"kldb.csv": write_rows(os.path.join(out, "kldb.csv"),
                                   ["kldb_code", "title", "requirement_level", "isco_codes"],
                                   rows),
            "kldb_areas.csv": write_rows(os.path.join(out, "kldb_areas.csv"),
                                         ["kldb_code", "title"],
                                         [list(a) for a in areas])}


def prep_places(src, out):
    kreise = read_rows(os.path.join(src, "gemeinden", "kreise.csv"))
    district_rows = sorted([k["kreis_ags"], k["kreis_name"], k["land"], k["lat_popweighted"],
                            k["lon_popweighted"], k["population"]] for k in kreise)

    gemeinden = read_rows(os.path.join(src, "gemeinden", "gemeinden.csv"))
    # Skips the rows without coordinates: 2 with empty cells and the German-Luxembourg
    # condominium 07000999 (uninhabited, placeholder 0/0, district 07000 not in kreise.csv).
    def has_coordinates(g):
        return g["lat"] and g["lon"] and (float(g["lat"]), float(g["lon"])) != (0.0, 0.0)
    municipality_rows = sorted([g["ags"], g["name"], g["kreis_ags"], g["plz"], g["lat"], g["lon"],
                                g["population"]] for g in gemeinden if has_coordinates(g))

    geonames = read_rows(os.path.join(src, "plz", "plz_geonames.csv"))
    by_plz = collections.OrderedDict()  # file order, so "first place name" is well defined
    for r in geonames:
        by_plz.setdefault(r["plz"], []).append(r)
    postcode_rows = []
    for plz, places in by_plz.items():
        lat = sum(float(p["lat"]) for p in places) / len(places)
        lon = sum(float(p["lon"]) for p in places) / len(places)
        district_counts = collections.Counter(p["kreis_ags"] for p in places)
        district = min(district_counts, key=lambda k: (-district_counts[k], k))
        postcode_rows.append([plz, places[0]["place"], district, f"{lat:.6f}", f"{lon:.6f}"])
    postcode_rows.sort()

    return {
        "districts.csv": write_rows(os.path.join(out, "districts.csv"),
                                    ["key", "name", "land", "lat", "lon", "population"],
                                    district_rows),
        "municipalities.csv": write_rows(os.path.join(out, "municipalities.csv"),
                                         ["ags", "name", "district_key", "plz", "lat", "lon",
                                          "population"], municipality_rows),
        "postcodes.csv": write_rows(os.path.join(out, "postcodes.csv"),
                                    ["plz", "name", "district_key", "lat", "lon"], postcode_rows),
    }


def prep_stats(src, out):
    columns = ["topic", "region", "ags", "reference_date", "value", "unit", "note", "source", "url"]
    anchors = read_rows(os.path.join(src, "stats", "anchors.csv"))
    anchor_rows = sorted([a[c] for c in columns] for a in anchors)
    foreigners = read_rows(os.path.join(src, "stats", "auslaender_kreise.csv"))
    foreign_rows = sorted([f["kreis_ags"], f["total"]] for f in foreigners)
    return {
        "anchors.csv": write_rows(os.path.join(out, "anchors.csv"), columns, anchor_rows),
        "foreign_nationals.csv": write_rows(os.path.join(out, "foreign_nationals.csv"),
                                            ["district_key", "total"], foreign_rows),
    }


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 64
    src, out = argv[1], argv[2]
    os.makedirs(out, exist_ok=True)
    counts = {}
    for step in (prep_esco, prep_kldb, prep_places, prep_stats):
        counts.update(step(src, out))
    for name in sorted(counts):
        size = os.path.getsize(os.path.join(out, name))
        print(f"{name:24} {counts[name]:7d} rows {size:9d} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
