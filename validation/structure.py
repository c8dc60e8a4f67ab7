"""Layer 0, structure: what every other layer takes for granted, checked first.

``datapackage.json`` is readable JSON of the right shape; it lists each table of the package once, with the
schema in ``schemas/`` (a loosened schema would let bad rows through the other layers); each resource's
file lies inside the package, exists, is UTF-8 and starts with the schema's header. When any of this
fails, the other layers are not run: they would only fail again, or not at all, on a package they cannot
read (see :mod:`validation.runner`).
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

from newsevents.package import table_resources
from newsevents.schemas import published_schema, table_schemas
from validation.report import CheckResult, Failure

LAYER = "structure"
DESCRIPTOR = "datapackage.json"


def _descriptor(package_dir: Path) -> tuple[dict | None, list[Failure]]:
    """The descriptor, or the failure that says why it cannot be read."""
    path = package_dir / DESCRIPTOR
    try:
        descriptor = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        return None, [Failure("(package)", "(descriptor)", "datapackage.json is readable", exc.strerror or str(exc))]
    except UnicodeDecodeError as exc:
        return None, [Failure("(package)", "(descriptor)", "datapackage.json is UTF-8", f"byte at offset {exc.start}")]
    except json.JSONDecodeError as exc:
        evidence = f"line {exc.lineno} column {exc.colno}: {exc.msg}"
        return None, [Failure("(package)", "(descriptor)", "datapackage.json is valid JSON", evidence)]
    except RecursionError:
        return None, [
            Failure("(package)", "(descriptor)", "datapackage.json is valid JSON", "nested too deeply to read")
        ]
    problem = _shape_problem(descriptor)
    if problem:
        return None, [Failure("(package)", "(descriptor)", "datapackage.json has the shape of a data package", problem)]
    return descriptor, []


def _shape_problem(descriptor: object) -> str | None:
    if not isinstance(descriptor, dict):
        return f"the top level is a {type(descriptor).__name__}, not an object"
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        return "no list of resources"
    for i, resource in enumerate(resources):
        if not isinstance(resource, dict):
            return f"resource {i} is not an object"
        kind_of = resource.get("type", "table")
        if kind_of not in ("table", "file"):
            return f"resource {i} has the type {kind_of!r} (a table, or a file a release ships beside the tables)"
        needed = (("name", str), ("path", str), ("schema", dict))
        for key, kind in needed if kind_of == "table" else needed[:2]:
            if not isinstance(resource.get(key), kind):
                return f"resource {i} has no {key} ({kind.__name__})"
        if kind_of == "table" and not isinstance(resource["schema"].get("fields"), list):
            return f"resource {resource['name']!r} has a schema without a list of fields"
    return None


def _resources(descriptor: dict) -> list[Failure]:
    """Each table once, with its schema; the files a release lists beside them (Parquet, DuckDB) are not
    tables and take no table's name."""
    expected = {s.name: published_schema(s) for s in table_schemas()}
    tables = table_resources(descriptor)
    names = [r["name"] for r in tables]
    every_name = [r["name"] for r in descriptor["resources"]]
    failures = [
        Failure(name, "(resource)", "every table of the package is listed in datapackage.json", "missing")
        for name in expected
        if name not in names
    ]
    for name in sorted(set(every_name)):
        if every_name.count(name) > 1:
            failures.append(
                Failure(name, "(resource)", "each resource is listed once", f"listed {every_name.count(name)} times")
            )
        if name in names and name not in expected:
            failures.append(Failure(name, "(resource)", "only the package's tables are listed", "not a table of it"))
        if name not in names and name in expected:
            failures.append(Failure(name, "(resource)", "a table of the package is listed as a table", "a file"))
    for resource in tables:
        schema = expected.get(resource["name"])
        if schema is not None and resource["schema"] != schema:
            failures.append(
                Failure(
                    resource["name"],
                    "(schema)",
                    f"the published schema is schemas/{resource['name']}.schema.json",
                    _schema_difference(resource["schema"], schema),
                )
            )
    return failures


def _schema_difference(published: dict, expected: dict) -> str:
    fields = {f.get("name"): f for f in published.get("fields", []) if isinstance(f, dict)}
    for field in expected["fields"]:
        if fields.get(field["name"]) != field:
            return f"field {field['name']}: {json.dumps(fields.get(field['name']))} instead of {json.dumps(field)}"
    keys = sorted(k for k in {*published, *expected} if published.get(k) != expected.get(k))
    return f"differs in {', '.join(keys)}"


def _file(package_dir: Path, resource: dict) -> list[Failure]:
    name, path = resource["name"], resource["path"]
    file, failures = _inside(package_dir, resource)
    if file is None:
        return failures
    try:
        first_line = file.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    except OSError as exc:
        return [Failure(name, "(file)", "the resource's file is readable", f"{path}: {exc.strerror or exc}")]
    except UnicodeDecodeError as exc:
        return [Failure(name, "row 1", "the CSV is UTF-8", f"{path}: byte at offset {exc.start} of the header")]
    if not first_line:
        return [Failure(name, "row 1", "the CSV starts with a header row", f"{path} is empty")]
    expected = ",".join(f.get("name", "") for f in resource["schema"]["fields"] if isinstance(f, dict))
    if first_line != expected:
        return [
            Failure(name, "row 1", "the CSV header is the schema's field names", f"{first_line!r}, not {expected!r}")
        ]
    return []


def structure_failures(package_dir: Path) -> list[Failure]:
    """Every structural problem of the package (empty when the other layers can run)."""
    descriptor, failures = _descriptor(package_dir)
    if descriptor is None:
        return failures
    failures = _resources(descriptor)
    tables = table_resources(descriptor)
    for resource in descriptor["resources"]:
        failures += _file(package_dir, resource) if resource in tables else _other_file(package_dir, resource)
    return failures


def _inside(package_dir: Path, resource: dict) -> tuple[Path | None, list[Failure]]:
    """The resource's file, if its path lies inside the package and the file exists."""
    name, path = resource["name"], resource["path"]
    parts = PurePosixPath(path).parts
    if PurePosixPath(path).is_absolute() or ".." in parts or "\\" in path or not parts:
        return None, [Failure(name, "(path)", "a resource's file lies inside the package", path)]
    file = package_dir.joinpath(*parts)
    if not file.is_file():
        return None, [Failure(name, "(file)", "the resource's file exists", f"{path} is missing")]
    return file, []


def _other_file(package_dir: Path, resource: dict) -> list[Failure]:
    """A file a release ships beside the tables: inside the package and there (the frictionless layer
    checks its size and hash)."""
    return _inside(package_dir, resource)[1]


def first_problem(package_dir: Path) -> str | None:
    """The first structural problem as one line, for commands that need a readable package."""
    failures = structure_failures(package_dir)
    return failures[0].line() if failures else None


def check(package_dir: Path) -> list[CheckResult]:
    return [
        CheckResult(
            LAYER,
            "package structure",
            "datapackage.json is a data package listing each table once with its schema; every file is there",
            structure_failures(package_dir),
        )
    ]
