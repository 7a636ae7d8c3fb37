#!/usr/bin/env python3
"""Writes round1/, round2/ and round3/: three rounds of the Panzhihua sample's vegetable
parcels for the medical workers' households, a few days apart.

Each round is a scenario folder with the sample's sites and fleet and the households'
`veg_parcel` orders of `../panzhihua/orders.csv`: in round r a household orders again unless
(its number + r) is a multiple of 11 (it skips that round), and asks for 1 or 2 parcels.
Deterministic: run it again to get the same files.
"""
import csv
import pathlib
import shutil

HERE = pathlib.Path(__file__).resolve().parent
SAMPLE = HERE.parent / "panzhihua"

with open(SAMPLE / "orders.csv", newline="") as f:
    rows = list(csv.DictReader(f))
    fields = list(rows[0].keys())
households = [r for r in rows if r["item"] == "veg_parcel" and r["site"].startswith("H")]

for r in (1, 2, 3):
    folder = HERE / f"round{r}"
    folder.mkdir(exist_ok=True)
    for name in ("sites.csv", "fleet.csv"):
        shutil.copy(SAMPLE / name, folder / name)
    with open(folder / "orders.csv", "w", newline="") as f:
        out = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        out.writeheader()
        for row in households:
            n = int(row["site"][1:])
            if (n + r) % 11 == 0:
                continue
            row = dict(row)
            row["id"] = f"{row['site']}-V{r}"
            row["quantity"] = str(1 + (n * 7 + r * 3) % 2)
            out.writerow(row)
    (folder / "scenario.toml").write_text(
        f'name = "Panzhihua vegetable parcels, round {r}"\n\n'
        "[network]\ndetour_factor = 1.3\n\n"
        '[solver]\nstrategy = "search"\nseconds = 5\nseed = 1\n'
    )
