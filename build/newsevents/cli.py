"""The ``newsevents`` command: build, validate, query, publish, browse (``site``), download and benchmark a
news-event data package (``python -m newsevents`` is the same; the nox sessions run it, see README)."""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, redirect_stdout
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from newsevents import DEFAULT_SEEDS, IN_REPOSITORY, REPO_ROOT, project_version
from newsevents.download import DEFAULT_DEADLINE_SECONDS
from newsevents.errors import BuildError, one_line

#: Layers run on the staging copy before a build replaces the published package: all but Great
#: Expectations, whose import alone takes seconds; ``nox -s validate`` runs every layer.
BUILD_LAYERS = ("frictionless", "pandera", "duckdb-sql")


class ChecksFailed(BuildError):
    """The package failed its checks: one line for the error, the whole summary kept for the screen."""

    def __init__(self, message: str, report: object) -> None:
        super().__init__(message)
        self.report = report


def build(
    seeds: Path,
    out: Path,
    layers: Sequence[str] = BUILD_LAYERS,
    workers: int = 1,
    scheduler: str | None = None,
    cache_dir: Path | None = None,
    previous: Path | None = None,
) -> dict[str, int]:
    """Build the package from ``seeds`` into ``out``; validate it before it replaces anything. The
    per-article stage runs on ``workers`` local processes, or on the Dask scheduler at ``scheduler``, and
    keeps each article's readings in ``cache_dir`` (none: no cache); the package is the same either way.
    ``previous`` is the release (package folder or zip) whose event ids are carried forward; the package
    depends on the articles and that release only, never on what ``out`` holds."""
    from newsevents.events.ids import read_previous
    from newsevents.package import publish_atomically, writing
    from newsevents.pipeline import METADATA, BuildContext, run_steps
    from validation.runner import run as run_checks

    with writing(out):  # the output folder checked and locked before the build, not after minutes of it
        previous_ids = read_previous(previous) if previous is not None else None  # a bad one stops it first
        tables = run_steps(BuildContext(seeds, out, workers, scheduler, cache_dir, previous_ids))
        (metadata,) = tables[METADATA]
        tables = {name: rows for name, rows in tables.items() if not name.startswith("_")}

        def check(staging: Path) -> None:
            report = run_checks(staging, layers)
            if not report.ok:
                raise ChecksFailed(
                    f"{out}: the built package failed its checks; nothing was replaced ({report.first()})", report
                )

        from newsevents.schemas import table_schemas

        counts = {schema.name: len(tables[schema.name]) for schema in table_schemas()}
        publish_atomically(tables, out, check, metadata, release_rows=True)  # the checks read the files, not the rows
        return counts


#: Where a command finds the package and writes its output when not told: the repository in a checkout,
#: the current folder for the installed command.
DEFAULT_PACKAGE = REPO_ROOT if IN_REPOSITORY else Path(".")
DEFAULT_DIST = REPO_ROOT / "dist" if IN_REPOSITORY else Path("dist")
DEFAULT_SITE = REPO_ROOT / "site" if IN_REPOSITORY else Path("site")


def _folder(path: Path) -> Path:
    """The package folder ``--package`` names (the folder, or its ``datapackage.json``)."""
    return path.parent if path.name == "datapackage.json" else path


def _package_dir(path: Path) -> Path:
    folder = _folder(path)
    if not (folder / "datapackage.json").is_file():
        raise BuildError(
            f"{folder / 'datapackage.json'}: no data package here (build one with: newsevents build, or give --package)"
        )
    return folder


def _descriptor_of(package: Path) -> dict:
    return json.loads((package / "datapackage.json").read_text(encoding="utf-8"))


def cmd_build(args: argparse.Namespace) -> int:
    from newsevents.engine import default_cache_dir, default_workers

    for option, value in (("--seeds", args.seeds), ("--out", args.out)):
        if value is None:
            raise BuildError(f"give {option} DIR (only a checkout of the repository has default seeds and output)")
    workers = args.workers if args.workers is not None else default_workers()
    if workers < 1:
        raise BuildError(f"--workers {workers}: give 1 or more")
    cache_dir = None if args.no_cache else (args.cache or default_cache_dir())
    counts = build(
        args.seeds, args.out, workers=workers, scheduler=args.scheduler, cache_dir=cache_dir, previous=args.previous
    )
    tables = ", ".join(f"{n} {name}" for name, n in counts.items())
    print(f"built and validated {args.out / 'datapackage.json'}: {tables}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from newsevents.package import reading
    from validation.runner import LAYERS
    from validation.runner import run as run_checks

    layers = [name for name in args.layers.split(",") if name != "structure"] if args.layers else None
    unknown = sorted(set(layers or ()) - set(LAYERS))
    if unknown:
        raise BuildError(f"--layers {args.layers}: no layer {', '.join(unknown)} (the layers: {', '.join(LAYERS)})")
    with reading(_folder(args.package)):  # a build's swap waits until the checks are done
        package = _package_dir(args.package)
        report = run_checks(package, layers, args.docs)
    print(report.summary())
    if args.json:
        report.write_json(args.json)
        print(f"JSON summary written to {args.json}")
    if not report.ok:
        raise BuildError(f"{package}: the package fails its checks ({report.first()})")
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from newsevents.package import reading

    with reading(_folder(args.package)):  # the whole old package or the whole new one, never a mix
        return _query(args)


def _query(args: argparse.Namespace) -> int:
    import duckdb

    from newsevents.duck import connect
    from validation.structure import first_problem

    package = _package_dir(args.package)
    problem = first_problem(package)
    if problem:
        raise BuildError(f"{package}: {problem} (newsevents validate lists every problem)")
    try:
        con = connect(package)
    except duckdb.Error as exc:
        raise BuildError(
            f"{package}: the tables do not load ({_first_line(exc)}); newsevents validate says why"
        ) from None
    try:
        relation = con.sql(args.sql)
        if relation is None:  # a statement without a result (SET, CREATE ...)
            return 0
        if args.format == "table":
            text = _table_text(relation, args.width, args.max_rows)
        else:
            text = QUERY_FORMATS[args.format](relation.columns, relation.fetchall())
    except duckdb.Error as exc:
        raise BuildError(f"query: {_first_line(exc)}") from None
    if args.output is None:
        sys.stdout.write(text)
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote the result ({args.format}) to {one_line(str(args.output))}")
    return 0


def _table_text(relation, width: int, max_rows: int) -> str:
    """DuckDB's own rendering of the result, as ``show()`` prints it."""
    import io

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        relation.show(max_width=width, max_rows=max_rows)
    return buffer.getvalue()


def _csv_cell(value: object) -> str:
    """As the package's CSVs write it: empty for null, ``true``/``false``, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    return str(value)


def _csv_text(columns: list[str], rows: list[tuple]) -> str:
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[_csv_cell(v) for v in row] for row in rows])
    return buffer.getvalue()


def _json_value(value: object) -> object:
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return str(value)


def _json_text(columns: list[str], rows: list[tuple]) -> str:
    """A JSON array with one object per row (null for a missing value), one row per line."""
    objects = [
        json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False, default=_json_value) for row in rows
    ]
    return "[\n" + ",\n".join(objects) + ("\n]\n" if objects else "]\n")


QUERY_FORMATS = {"csv": _csv_text, "json": _json_text}


def _first_line(exc: BaseException) -> str:
    return next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)


def cmd_docs(args: argparse.Namespace) -> int:
    from newsevents.docs import update_readme

    if not IN_REPOSITORY:
        raise BuildError("docs regenerates the repository's README and examples: run it in a checkout (nox -s docs)")
    changed = update_readme(args.readme)
    print(f"{args.readme}: data dictionary and query examples {'updated' if changed else 'already up to date'}")
    print("regenerated queries/expected/*.csv and docs/timeline.png")
    from newsevents.site import write_screenshots

    shots = write_screenshots(REPO_ROOT, REPO_ROOT / "docs")
    if shots is None:
        print("kept docs/site-home.png and docs/site-event.png: no Chromium here (apt-get install chromium)")
    else:
        print(f"regenerated {' and '.join(f'docs/{p.name}' for p in shots)} (the site in headless Chromium)")
    return 0


def _passing_checks(package: Path, otherwise: str) -> object:
    """The report of the build's checks on ``package``; :class:`ChecksFailed` ("... fails its checks;
    ``otherwise``") when it does not pass them."""
    from validation.runner import run as run_checks

    report = run_checks(package, BUILD_LAYERS)
    if not report.ok:
        raise ChecksFailed(f"{package}: the package fails its checks; {otherwise} ({report.first()})", report)
    return report


def cmd_publish(args: argparse.Namespace) -> int:
    from newsevents.package import reading
    from newsevents.publish import latest_name, publish

    with reading(_folder(args.package)):  # the archive is of one package, not of a build's swap half seen
        package = _package_dir(args.package)
        report = _passing_checks(package, "nothing was published")
        archive = publish(package, args.dist, report)  # the site in the release shows the checks run here
        latest = archive.with_name(latest_name(_descriptor_of(package)))
    digest = archive.with_name(archive.name + ".sha256").read_text(encoding="utf-8").split()[0]
    print(f"published {archive} and the same as {latest.name} ({archive.stat().st_size:,} bytes, sha256 {digest})")
    return 0


def cmd_site(args: argparse.Namespace) -> int:
    from newsevents.site import build_site, site_summary

    package = _package_dir(args.package)
    stats = build_site(package, args.out, _passing_checks(package, "no site was written"))
    print(site_summary(stats, args.out))
    return 0


def cmd_download(args: argparse.Namespace) -> int:
    from newsevents.download import download

    if not args.timeout > 0:
        raise BuildError(f"--timeout {args.timeout:g}: give a number of seconds above 0")
    out = download(args.source, args.out, args.sha256, args.timeout)
    print(f"verified and unpacked {one_line(args.source)} into {one_line(str(out))}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from newsevents.bench import main as bench

    return bench(args.options)


def parser() -> argparse.ArgumentParser:
    where = "the repository" if IN_REPOSITORY else "the current folder"
    package_help = f"package folder or its datapackage.json (default: {where})"
    p = argparse.ArgumentParser(
        prog="newsevents",
        description="Build, validate, query, publish, download and benchmark a news-event data package.",
        epilog="Every command has --help. A failure is one line on stderr and a non-zero exit status.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {project_version()}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="build and validate a package from a folder of articles")
    b.add_argument(
        "--seeds",
        type=Path,
        default=DEFAULT_SEEDS if IN_REPOSITORY else None,
        help="folder of articles, with corpus.json and sources.csv if it has them (default in a checkout: seeds/)",
    )
    b.add_argument(
        "--out",
        type=Path,
        default=REPO_ROOT if IN_REPOSITORY else None,
        help="output folder (default in a checkout: the repository)",
    )
    b.add_argument(
        "--workers", type=int, help="local processes for the per-article stage (default: all cores of this machine)"
    )
    b.add_argument("--scheduler", help="run the per-article stage on this Dask scheduler (tcp://host:8786)")
    b.add_argument(
        "--cache", type=Path, help="keep each article's readings here between builds (default: ~/.cache/newsevents)"
    )
    b.add_argument("--no-cache", action="store_true", help="read every article again, keep nothing")
    b.add_argument(
        "--previous",
        type=Path,
        metavar="DIR|ZIP",
        help="a previous release (package folder or release zip) whose event ids are kept and whose id changes "
        "are recorded in event_id_changes (default: none, every id fresh; what --out holds is never read)",
    )
    b.set_defaults(func=cmd_build)

    v = sub.add_parser("validate", help="run the data checks on a built package")
    v.add_argument("--package", type=Path, default=DEFAULT_PACKAGE, help=package_help)
    v.add_argument("--layers", help="comma-separated layers to run (default: all)")
    v.add_argument("--json", type=Path, help="also write the summary as JSON to this file")
    v.add_argument("--docs", type=Path, help="write Great Expectations Data Docs into this folder")
    v.set_defaults(func=cmd_validate)

    q = sub.add_parser("query", help="run DuckDB SQL on the package's typed tables")
    q.add_argument(
        "sql", help="the SQL (tables, and the views events_detailed, contradictions_quoted, claims_detailed)"
    )
    q.add_argument("--package", type=Path, default=DEFAULT_PACKAGE, help=package_help)
    q.add_argument("--format", choices=["table", "csv", "json"], default="table", help="table (default), csv or json")
    q.add_argument("--output", type=Path, help="write the result to this file instead of the screen")
    q.add_argument("--width", type=int, default=160, help="table: characters per line at most")
    q.add_argument("--max-rows", type=int, default=100, help="table: rows shown at most (csv and json give all)")
    q.set_defaults(func=cmd_query)

    d = sub.add_parser(
        "docs", help="regenerate the README's data dictionary and queries, expected results, figure, screenshots"
    )
    d.add_argument("--readme", type=Path, default=REPO_ROOT / "README.md")
    d.set_defaults(func=cmd_docs)

    r = sub.add_parser("publish", help="write the release archive <name>-<version>.zip, <name>.zip and their .sha256")
    r.add_argument("--package", type=Path, default=DEFAULT_PACKAGE, help=package_help)
    r.add_argument("--dist", type=Path, default=DEFAULT_DIST, help=f"output folder (default: dist/ in {where})")
    r.set_defaults(func=cmd_publish)

    s = sub.add_parser("site", help="write a static website to browse the package: events, evidence, contradictions")
    s.add_argument("--package", type=Path, default=DEFAULT_PACKAGE, help=package_help)
    s.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_SITE,
        help=f"folder for the site, new or a site written before (default: site/ in {where})",
    )
    s.set_defaults(func=cmd_site)

    g = sub.add_parser("download", help="fetch a release archive, verify every file and unpack it")
    g.add_argument("source", help="URL (http, https, file) or path of the .zip")
    g.add_argument(
        "--out",
        type=Path,
        help="folder to create for the package (must not exist; default: the archive's folder, <name>/)",
    )
    g.add_argument("--sha256", help="expected checksum (default: read from SOURCE.sha256)")
    g.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_DEADLINE_SECONDS,
        help=f"seconds the download (checksum and archive) may take in all (default: {DEFAULT_DEADLINE_SECONDS})",
    )
    g.set_defaults(func=cmd_download)

    n = sub.add_parser(
        "bench", add_help=False, help="time every stage on a synthetic corpus at two sizes (newsevents bench --help)"
    )
    n.add_argument("options", nargs=argparse.REMAINDER)
    n.set_defaults(func=cmd_bench)
    return p


class Interrupted(KeyboardInterrupt):
    """SIGTERM, raised like SIGINT's KeyboardInterrupt so that every ``finally`` cleans up."""


def _raise_interrupted(signum: int, frame: object) -> None:
    raise Interrupted(signum)


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """While a command runs, SIGTERM unwinds the stack as SIGINT does (its default would kill the process
    with the staging folder still on disk)."""
    try:
        previous = signal.signal(signal.SIGTERM, _raise_interrupted)
    except ValueError:  # not the main thread: signals are not ours to handle
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _error(message: str) -> None:
    print(f"error: {one_line(message)}", file=sys.stderr)


def run_command(args: argparse.Namespace) -> int:
    """Run the command; every failure becomes one line on stderr and a non-zero exit status."""
    try:
        return args.func(args)
    except ChecksFailed as exc:
        print(exc.report.summary())
        _error(str(exc))
    except BuildError as exc:
        _error(str(exc))
    except KeyboardInterrupt as exc:
        signum = exc.args[0] if isinstance(exc, Interrupted) else signal.SIGINT
        _error(f"interrupted by {signal.Signals(signum).name}; nothing was half written")
        return 128 + signum
    except OSError as exc:
        _error(f"{exc.filename or args.command}: {exc.strerror or exc}")
    except Exception as exc:
        if os.environ.get("NEWSEVENTS_TRACEBACK"):
            raise
        _error(f"internal error {type(exc).__name__}: {exc} (a bug: please report it; NEWSEVENTS_TRACEBACK=1 shows it)")
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")  # no usage report leaves the machine
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["bench"]:  # every option after it is the benchmark's own (argparse would take --help)
        args = argparse.Namespace(command="bench", func=cmd_bench, options=argv[1:])
    else:
        args = parser().parse_args(argv)
    with _sigterm_interrupts():
        return run_command(args)
