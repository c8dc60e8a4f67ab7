#!/usr/bin/env python3
"""Restore the article texts of one evaluation split from saved search answers, and check their hashes.

    python3 eval/restore.py SPLIT_DIR RAW_DIR OUT_DIR

SPLIT_DIR is a split folder (``eval/test``, ``eval/dev-1``, ...) holding ``manifest.json`` and ``sha256.txt``.
RAW_DIR holds one file per manifest row, named ``<nn>.json``: the JSON answer of the row's ``query`` (corpus
``pages``), an object with a ``results`` list of ``{"url", "excerpt"}`` objects, or only the excerpt as a JSON
string. For every row the result whose ``url`` equals the row's is taken; when the row is ``prefixed`` the
marker `` date YYYY-MM-DD `` is written before it; the text is written to ``OUT_DIR/<file>`` as UTF-8 bytes,
nothing added. Each row is reported as ``ok`` (hash as recorded), ``differs`` (written, hash not as recorded)
or ``missing`` (no saved answer, or no result with that url). The exit status is 1 when a row is missing,
2 on bad arguments or an unreadable split, 0 otherwise. Standard library only.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path


def read_hashes(path: Path) -> dict[str, str]:
    """Return {file name: sha256 hex digest} from a ``sha256sum`` output file."""
    hashes: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(maxsplit=1)
        if len(parts) == 2:
            hashes[parts[1].strip().lstrip("*")] = parts[0].lower()
    return hashes


def find_excerpt(answer: object, url: str) -> str | None:
    """Return the excerpt for ``url`` from a saved answer (object with results, list of results, or a string)."""
    if isinstance(answer, str):
        return answer
    if isinstance(answer, dict):
        results = answer.get("results", [])
    elif isinstance(answer, list):
        results = answer
    else:
        return None
    for result in results:
        if isinstance(result, dict) and result.get("url") == url and isinstance(result.get("excerpt"), str):
            return result["excerpt"]
    return None


def restore_row(row: dict, raw_dir: Path, out_dir: Path, hashes: dict[str, str]) -> tuple[str, str]:
    """Restore one manifest row; return (status, message)."""
    name = row["file"]
    src = raw_dir / f"{row['nn']}.json"
    if not src.is_file():
        return "missing", f"missing  {name}: no {src}; search (corpus pages) for {row['query']!r} and save the answer"
    try:
        answer = json.loads(src.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return "missing", f"missing  {name}: {src} is not readable JSON ({exc})"
    excerpt = find_excerpt(answer, row["url"])
    if excerpt is None:
        return "missing", f"missing  {name}: {src} has no result with url {row['url']}"
    text = f" date {row['date']} {excerpt}" if row.get("prefixed") else excerpt
    data = text.encode("utf-8")
    (out_dir / name).write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    if digest == hashes.get(name):
        return "ok", f"ok       {name}"
    return "differs", f"differs  {name}: written, but its sha256 is not the recorded one"


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: python3 eval/restore.py SPLIT_DIR RAW_DIR OUT_DIR", file=sys.stderr)
        return 2
    split_dir, raw_dir, out_dir = (Path(a) for a in argv)
    try:
        manifest = json.loads((split_dir / "manifest.json").read_text(encoding="utf-8"))
        hashes = read_hashes(split_dir / "sha256.txt") if (split_dir / "sha256.txt").exists() else {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        print(f"{split_dir}: cannot read the manifest or sha256.txt ({exc})", file=sys.stderr)
        return 2
    if not isinstance(manifest, list):
        print(f"{split_dir / 'manifest.json'}: expected a list of rows", file=sys.stderr)
        return 2
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {"ok": 0, "differs": 0, "missing": 0}
    for row in manifest:
        status, message = restore_row(row, raw_dir, out_dir, hashes)
        counts[status] += 1
        print(message)
    summary = f"{counts['ok']} ok, {counts['differs']} differ, {counts['missing']} missing"
    print(f"{summary}, of {len(manifest)} rows, in {out_dir}")
    return 1 if counts["missing"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
