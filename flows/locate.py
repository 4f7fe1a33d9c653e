"""For the key holder: the files of a case, found again from its case_key.

The warehouse keeps only keyed hashes of paths. With the key, the path of every file under the export
is hashed the same way and matched against the paths the warehouse holds for the case.
"""

from __future__ import annotations

from pathlib import Path

from flows.discover import walk
from nlp.privacy import Pseudonymizer, load_or_create_key
from warehouse.publish import open_for_reading


def locate(case_key: str, export_root: Path, db_path: Path, key_file: Path) -> list[str]:
    """The paths under ``export_root`` (relative to it) of the documents the warehouse holds for the case."""
    pseudonymizer = Pseudonymizer(load_or_create_key(key_file, create=False))
    with open_for_reading(db_path) as con:
        rows = con.execute("SELECT path_key FROM documents WHERE case_key = ?", [case_key]).fetchall()
    wanted = {path_key for (path_key,) in rows}
    found = []
    for path in walk(export_root):
        relative = path.relative_to(export_root).as_posix()
        if pseudonymizer.path_key(relative) in wanted:
            found.append(relative)
    return found
