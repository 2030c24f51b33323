"""A fixed, generated list of hostile text values, for any test that feeds untrusted posts to the package.

`hostile_values()` returns `(name, value)` pairs in a fixed order: the same list on every call and
machine (nothing random, nothing read from disk). Values are what a JSON post's `text` field can
hold, so some are not strings at all. `as_text_cell` gives the form a value takes in a format that
holds only strings (CSV, Parquet string columns, plain text lines); `write_records` writes records
in any input format the package reads, lone surrogates included (as the invalid UTF-8 bytes a
careless producer writes).

    from hostile_inputs import hostile_records, hostile_values, write_records

    for name, value in hostile_values():
        ...
    write_records(tmp_path / "in.parquet", hostile_records())
"""
import csv
import json
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

ONE_MB = 1_000_000

_ZWJ_FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # man, woman, girl, boy joined
_SKIN_TONES = "".join(f"\U0001f44d{chr(tone)}" for tone in range(0x1F3FB, 0x1F400))  # thumbs up, five tones
_FLAGS = "\U0001f1fa\U0001f1f8\U0001f1ef\U0001f1f5\U0001f3f3\ufe0f\u200d\U0001f308"  # US, JP, rainbow flag


def hostile_values() -> List[Tuple[str, Any]]:
    """`(name, value)` pairs: non-strings first, then strings that stress decoding, tokenizing and writing."""
    return [
        ("none", None),
        ("int", 42),
        ("float", 3.5),
        ("negative_zero", -0.0),
        ("bool_true", True),
        ("bool_false", False),
        ("list", ["a", "list", "of", "words"]),
        ("empty_list", []),
        ("dict", {"text": "nested", "lang": "en"}),
        ("empty_dict", {}),
        ("empty", ""),
        ("space", " "),
        ("whitespace_mix", " \t\n\r\u00a0\u2003\u3000 "),
        ("emoji_only", "\U0001f600\U0001f602\U0001f525\U0001f4af"),
        ("zwj_family", _ZWJ_FAMILY * 3),
        ("skin_tones", _SKIN_TONES),
        ("flags", _FLAGS),
        ("control_chars", "bell\x07 backspace\x08 escape\x1b[31m red\x1b[0m form\x0c feed\x7f del"),
        ("nul", "before\x00after\x00"),
        ("lone_high_surrogate", "broken \ud83d emoji"),
        ("lone_low_surrogate", "\ude00 at the start"),
        ("surrogates_only", "\udcff\ud800\udfff"),
        ("right_to_left", "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd great service"),
        ("bidi_overrides", "\u202eevil\u202c \u2066isolate\u2069 \u200fmark\u200e \u061c"),
        ("combining_flood", "Z" + "\u0336\u0335\u0334\u0337\u0338\u0321\u0322\u0327\u0328" * 300),
        ("mixed_scripts", "Hello \u041f\u0440\u0438\u0432\u0435\u0442 \u3053\u3093\u306b\u3061\u306f \u4f60\u597d "
         "\u0928\u092e\u0938\u094d\u0924\u0947 \u1f08\u03b8\u03b7\u03bd\u03b1"),
        ("homoglyphs", "\u0430\u0440\u0440\u04cf\u0435 \u217d\u043e\u043c"),  # Cyrillic look-alikes of "apple com"
        ("long_token", "a" * 100_000),
        ("long_url", "https://example.com/" + "path/" * 20_000),
        ("one_mb_words", ("great " * (ONE_MB // 6 + 1))[:ONE_MB]),
        ("one_mb_no_spaces", "x" * ONE_MB),
        ("html", '<script>alert("x")</script><b>bold</b> &amp; &lt;tag&gt; &#128512; <a href="http://x.y">link</a>'),
        ("markdown_and_json", '**bold** `code` {"text": "inner"} [link](http://a.b) | table | \\n'),
        ("line_separators", "one\u2028two\u2029three\x85four\x1cfive\x1dsix\x1eseven\x0bend"),
        ("crlf_inside", "line one\r\nline two\rline three\n"),
        ("quotes_and_commas", 'she said "no, never", then \'left\'; a\tb'),
        ("noncharacters", "\ufffe\uffff\U0010ffff\U000e0001 tag"),
        ("mojibake", "The caf\u00c3\u00a9 was great \u00e2\u20ac\u201c really"),
        ("mentions_and_urls", "@united @delta_assist http://t.co/abc www.example.com #fail"),
        ("numbers_only", "1234567890 3.14159 -42 1e308"),
        ("replacement_chars", "\ufffd\ufffd\ufffd"),
    ]


def hostile_records(text_field: str = "text") -> List[dict]:
    """One record per hostile value: `{"id": position, "name": ..., text_field: value}`."""
    return [{"id": i, "name": name, text_field: value} for i, (name, value) in enumerate(hostile_values())]


def as_text_cell(value: Any) -> Optional[str]:
    """The value in a string-only format: None stays None (an empty or null cell), strings stay, others as JSON."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value)


def as_text_line(value: Any) -> str:
    """The value as one line of a `.txt` input: line breaks that would split the line become spaces."""
    cell = as_text_cell(value) or ""
    return cell.replace("\r", " ").replace("\n", " ")


def write_records(path: Path, records: Sequence[Dict[str, Any]], text_field: str = "text") -> Path:
    """Write `records` as `.jsonl`, `.csv`, `.tsv`, `.parquet` (all fields) or `.txt` (the text field only).

    JSONL keeps every value as JSON has it (lone surrogates as `\\udXXX` escapes); the other formats
    hold `as_text_cell` / `as_text_line` forms, with lone surrogates written as invalid UTF-8 bytes.
    """
    suffix = path.suffix
    fields = list(records[0]) if records else [text_field]
    if suffix == ".jsonl":
        path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    elif suffix in (".csv", ".tsv"):
        with open(path, "w", newline="", encoding="utf-8", errors="surrogatepass") as fh:
            writer = csv.writer(fh, delimiter="," if suffix == ".csv" else "\t")
            writer.writerow(fields)
            writer.writerows([as_text_cell(record.get(name)) for name in fields] for record in records)
    elif suffix == ".txt":
        with open(path, "w", newline="", encoding="utf-8", errors="surrogatepass") as fh:
            fh.write("".join(as_text_line(record.get(text_field)) + "\n" for record in records))
    elif suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        columns = {}
        for name in fields:
            cells = [as_text_cell(record.get(name)) for record in records]
            raw = pa.array([None if c is None else c.encode("utf-8", "surrogatepass") for c in cells], pa.binary())
            columns[name] = raw.view(pa.string())  # a view, not a cast: invalid UTF-8 stays in the file
        pq.write_table(pa.table(columns), path, row_group_size=16)
    else:
        raise ValueError(f"no writer for {path}")
    return path
