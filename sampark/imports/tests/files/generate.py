"""Writes the fixture files whose bytes matter and cannot be typed: other encodings, byte-order
marks, invisible characters, NUL and undecodable bytes, a very long cell.

Run from anywhere: ``.venv/bin/python sampark/imports/tests/files/generate.py``. The files are
committed; test_sources_files.py checks they still match what this writes.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

# The same three people in every encoding, with the letters each encoding is chosen for.
_WESTERN = (
    "Name,Email,City,Notes\r\n"
    'José Müller,jose@example.com,Besançon,"\u201cSmart quotes\u201d \u2013 and a dash, 50 €"\r\n'
    "Renée Åström,renee@example.com,Malmö,Naïve façade; œuvre\r\n"
    "Zoë O\u2019Brien,zoe@example.com,Köln,It\u2019s fine\r\n"
)
_SCRIPTS = (
    "Name\tEmail\tCity\r\n"
    "রহিম উদ্দিন\trahim@example.com\tঢাকা\r\n"
    "प्रबंधन ग्राहक\tprabandhan@example.in\tमुंबई\r\n"
    "Salma 😀\tsalma@example.com\tChattogram\r\n"
)
# Each looks like nothing, or like something else, on screen.
_INVISIBLE = (
    "Name,Email,Notes\r\n"
    "Rahim\u200b Uddin,rahim\u200b@example.com,zero-width space (U+200B) inside\r\n"
    "\u200fSalma,\u200fsalma@example.com,right-to-left mark (U+200F) in front\r\n"
    "Karim,\u202emoc.elpmaxe@mirak,right-to-left override (U+202E): shows as karim@example.com\r\n"
    "র\u200d্যাব,rab@example.com,zero-width joiner (U+200D) that Bengali spelling needs\r\n"
    "Anita\ufeff Rao,anita@example.in,byte-order mark (U+FEFF) inside a cell\r\n"
)


def files() -> dict[str, bytes]:
    long_note = "Lorem ipsum dolor sit amet. " * 2200  # 61,600 characters
    return {
        "contacts_utf8_bom.csv": b"\xef\xbb\xbf" + _WESTERN.encode("utf-8"),
        "contacts_utf16le_bom.tsv": b"\xff\xfe" + _SCRIPTS.encode("utf-16-le"),
        "contacts_cp1252.csv": _WESTERN.encode("cp1252"),
        "contacts_tab.tsv": _SCRIPTS.encode("utf-8"),
        "invisible_controls.csv": _INVISIBLE.encode("utf-8"),
        "long_cell.csv": (
            "Name,Email,Notes\r\n"
            "Short Note,short@example.com,fine\r\n"
            f"Long Note,long@example.com,{long_note}\r\n"
            "After,after@example.com,still read\r\n"
        ).encode(),
        "nul_bytes.csv": b"Name,Email\r\nRa\x00him,rahim@example.com\r\n\x00,nul@example.com\r\n",
        # UTF-8 (its Bengali says so) with two bytes that are not, in the third row.
        "undecodable_bytes.csv": (
            "Name,Email\r\nরহিম উদ্দিন,rahim@example.com\r\nশ্রাবন্তী চক্রবর্তী,srabonti@example.com\r\n"
        ).encode()
        + b"Bro\xffken \xc3(,broken@example.com\r\n"
        + "प्रबंधन ग्राहक,prabandhan@example.in\r\n".encode(),
    }


def write() -> None:
    for name, content in files().items():
        (HERE / name).write_bytes(content)


if __name__ == "__main__":
    write()
