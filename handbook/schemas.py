"""JSON Schemas for editors' YAML autocompletion, generated from the models (never written by hand).

Run `python -m handbook.schemas` to write them into data/schemas/; a test fails when they drift.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .models import FILE_MODELS

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "schemas"


def schema_text(name: str) -> str:
    schema = FILE_MODELS[name].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"data/{name}.yml"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_all(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FILE_MODELS:
        path = directory / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else SCHEMA_DIR):
        print(path.name)
