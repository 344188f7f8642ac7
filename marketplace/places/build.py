"""Rewrite data/ from an unpacked idn-area-data package: `python -m marketplace.places.build
<package>/data` (see data/README.md). Only the shape changes: code,name rows sorted by code."""

import csv
import gzip
import io
import sys
from pathlib import Path

from marketplace.places.regions import DATA

LEVELS = ("provinces", "regencies", "districts", "villages")


def rewrite(source: Path, target: Path = DATA) -> None:
    for level in LEVELS:
        with (source / f"{level}.csv").open(encoding="utf-8", newline="") as file:
            rows = sorted((r["code"], r["name"].strip()) for r in csv.DictReader(file))
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["code", "name"])
        writer.writerows(rows)
        data = buffer.getvalue().encode("utf-8")
        if level == "villages":
            with gzip.GzipFile(target / f"{level}.csv.gz", "wb", compresslevel=9, mtime=0) as gz:
                gz.write(data)
        else:
            (target / f"{level}.csv").write_bytes(data)


if __name__ == "__main__":
    rewrite(Path(sys.argv[1]))
