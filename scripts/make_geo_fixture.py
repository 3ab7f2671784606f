"""Write the tiny gazetteer extract the fast geo unit tests build from.

Keeps, from the GeoNames dump, every place (and the admin divisions needed to label
them) whose main name or any alternate name is one of NAMES, plus a few Russian
border-region rows from the cities500 table, and only Latin/Cyrillic alternate names.
The output is GeoNames data (CC BY 4.0, credit GeoNames) and small enough to commit:

    .venv/bin/python scripts/make_geo_fixture.py [../shared/data/geonames]

writes tests/data/geonames_mini.txt and tests/data/cities500_mini.tsv.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data"
NAMES = {
    # homonyms decided by region
    "Berestove", "Maiak", "Mayak", "Lymany", "Zolochiv", "Blahodatne", "Vodiane",
    # cities and towns of the test sentences
    "Alchevsk", "Bakhmut", "Toretsk", "Lysychansk", "Kramatorsk", "Donetsk", "Luhansk",
    "Kharkiv", "Kherson", "Mykolayiv", "Zaporizhzhya", "Kyiv", "Malotaranivka",
    "Klishchiivka", "Vuhledar", "Soledar", "Izyum", "Makiyivka", "Nova Kakhovka",
    "Dnipro", "Simferopol", "Sevastopol", "Odesa", "Lviv", "Sumy", "Chernihiv",
    "Poltava", "Cherkasy", "Zhytomyr", "Vinnytsya", "Rivne", "Lutsk", "Uzhhorod",
    "Ternopil", "Ivano-Frankivsk", "Chernivtsi", "Khmelnytskyi", "Kropyvnytskyi",
    # words that are also names of places
    "Maidan", "Pivdenne", "Peremoha", "Volodymyr", "Lyman",
}
RU_NAMES = {"Belgorod", "Shebekino", "Kursk", "Sudzha", "Bryansk", "Voronezh",
            "Rostov-on-Don", "Krasnodar", "Donetsk"}
_OK = re.compile(r"^[A-Za-zÀ-ɏЀ-ӿ' ’ʼ`.\-()]+$")


def main(argv: list[str]) -> int:
    src = Path(argv[0]) if argv else ROOT.parent / "shared" / "data" / "geonames"
    with zipfile.ZipFile(src / "UA.zip") as zf, zf.open("UA.txt") as fh:
        rows = [line.rstrip("\n").split("\t") for line in io.TextIOWrapper(fh, "utf-8")]
    keep = []
    for c in rows:
        names = {c[1], c[2], *c[3].split(",")}
        if c[7] in ("ADM1", "ADM2") or (c[6] == "P" and names & NAMES):
            c = list(c)
            c[3] = ",".join(n for n in c[3].split(",") if _OK.match(n))
            keep.append(c)
    keep.sort(key=lambda c: int(c[0]))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "geonames_mini.txt").write_text(
        "".join("\t".join(c) + "\n" for c in keep), "utf-8")
    lines = (src / "cities500_UA_RU-border.tsv").read_text("utf-8").splitlines()
    ru = [line for line in lines[1:] if line.split("\t")[2] == "RU"
          and line.split("\t")[1] in RU_NAMES]
    (OUT / "cities500_mini.tsv").write_text("\n".join([lines[0], *ru]) + "\n", "utf-8")
    print(f"{len(keep)} GeoNames rows, {len(ru)} Russian rows -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
