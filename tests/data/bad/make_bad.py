"""Write the small bad-input files beside this script (run: python tests/data/bad/make_bad.py).

Each file's expected outcome is in tests/test_bad_input.py (EXPECTED). Large inputs (10-MB lines) and
Parquet files are made inside the tests, not committed.
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGE = "Titel\n\n2 Kommentare\n\n01.03.2019 10:00 Jürgen Größe 1\n\nÄrger über den Gipfel\n\n01.03.2019 11:00 Ben 2\n\n@1 Jürgen Größe: ja\n"

FILES = {
    "empty.txt": b"",
    "whitespace.txt": b"  \n\t\n \r\n\n",
    "binary.txt": bytes(range(256)) * 8,
    "binary_no_nul.txt": bytes(range(1, 256)) * 8,
    "png_renamed.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(200)),
    "cp1252.txt": (PAGE.replace("Gipfel", "Gipfel für 5 €")).encode("cp1252"),
    "latin1.txt": PAGE.encode("latin-1"),
    "utf16_bom.txt": b"\xff\xfe" + PAGE.encode("utf-16-le"),
    "mixed_endings.txt": PAGE.replace("\n", "\r\n", 4).replace("Ben 2\n", "Ben 2\r").encode("utf-8"),
    "truncated_header.txt": b"01.03.2019 10:00 Anna 1\n\nErster Text\n\n01.03.2019 11:",
    "impossible_dates.txt": b"31.02.2019 12:47 Wessi 2\n\nText eins\n\n01.03.2019 25:61 Sabrina 1\n\nText zwei\n",
    "no_author.txt": b"01.03.2019 10:00 Anna 1\n\nErster Text\n\n01.03.2019 11:00 2\n\nZweiter Text\n",
    "numbers_out_of_order.txt": b"01.03.2019 10:00 Anna 1\n\nA\n\n01.03.2019 11:00 Ben 3\n\nB\n\n"
                                b"01.03.2019 12:00 Cem 2\n\nC\n\n01.03.2019 13:00 Dora 4\n\nD\n",
    "duplicate_numbers.txt": b"01.03.2019 10:00 Anna 1\n\nA\n\n01.03.2019 11:00 Ben 1\n\nB\n",
    "header_like_body.txt": "01.03.2019 10:00 Anna 1\n\nTreffen wir uns\n01.03.2019 um 11 Uhr am Markt?\nBis dann\n"
                            .encode("utf-8"),
    "missing_column.csv": b"author,text\nAnna,Hallo\n",
    "extra_columns.csv": b"author,posted_at,text\nAnna,2019-03-01 10:00,Hallo,und,mehr\nBen,2019-03-01 11:00,Ja\n",
    "missing_fields.csv": b"author,posted_at,text\nAnna,2019-03-01 10:00\nBen,2019-03-01 11:00,Ja\n",
    "wrong_types.csv": b"comment_id,author,posted_at,text,number\n1,Anna,gestern,Hallo,eins\n2,Ben,2019-03-01 11:00,Ja,2.5\n",
    "quoted_newlines.csv": b'author,posted_at,text\nAnna,2019-03-01 10:00,"Zeile eins\nZeile zwei, mit Komma"\n\n'
                           b'Ben,nie,"Er sagte ""ja"""\n',
    "unclosed_quote.csv": b'author,posted_at,text\nAnna,2019-03-01 10:00,"offen\nBen,2019-03-01 11:00,Ja\n',
    "not_a_list.json": json.dumps({"author": "Anna", "text": "Hallo"}).encode(),
    "scalar.json": b"42",
    "broken.json": b'[{"author": "Anna",\n "text": }]',
    "records_not_objects.json": json.dumps([1, {"author": "Anna", "posted_at": "2019-03-01T10:00:00+01:00",
                                                "text": "Hallo"}, "x", None]).encode(),
    "lines_mixed.jsonl": b'{"author": "Anna", "posted_at": "2019-03-01T10:00:00+01:00", "text": "Hallo"}\n'
                         b'[1, 2]\n{"author": "Ben", oops}\n\n{"author": "Cem", "posted_at": 1551434700, "text": "Ja"}\n',
}

if __name__ == "__main__":
    for name, data in FILES.items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(FILES)} files to {HERE}")
