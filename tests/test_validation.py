"""The data checks: the real package passes; a package changed after publishing fails with a named row."""

from __future__ import annotations

from validation.runner import run


def test_seeds_package_passes_every_check(seeds_package):
    report = run(seeds_package)
    assert report.ok, report.summary()
    assert report.results


def test_a_byte_changed_after_publishing_is_caught(package_copy):
    csv_path = package_copy / "data" / "sentences.csv"
    csv_path.write_bytes(csv_path.read_bytes().replace(b"attacks", b"attackz", 1))
    report = run(package_copy, ["frictionless"])
    assert not report.ok
    failures = [f for r in report.results for f in r.failures]
    assert any(f.table == "sentences" and f.rule == "hash-count" for f in failures)


def test_an_orphan_foreign_key_names_the_table_and_row(package_copy):
    csv_path = package_copy / "data" / "sentences.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("000_7e98ed4d59bacc3e", "000_orphan", 1)
    csv_path.write_text("".join(lines), encoding="utf-8")
    failures = [f for r in run(package_copy, ["frictionless"]).results for f in r.failures]
    assert any(f.table == "sentences" and f.rule == "foreign-key" and "000_orphan" in f.row for f in failures)


def _without_timings(report: dict) -> dict:
    tasks = [{**t, "stats": {k: v for k, v in t["stats"].items() if k != "seconds"}} for t in report["tasks"]]
    return {"valid": report["valid"], "errors": report["errors"], "tasks": tasks}


def test_the_tables_validated_on_two_processes_give_frictionless_own_report(package_copy):
    import frictionless

    from validation.frictionless_checks import validate

    sentences = package_copy / "data" / "sentences.csv"
    lines = sentences.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("000_7e98ed4d59bacc3e", "000_orphan", 1)  # a foreign key and the hash broken
    sentences.write_text("".join(lines), encoding="utf-8")
    descriptor = package_copy / "datapackage.json"
    expected = _without_timings(frictionless.Package(str(descriptor)).validate().to_descriptor())
    assert not expected["valid"] and len(expected["tasks"]) > 3
    assert _without_timings(validate(descriptor, workers=2, parallel_from=0)) == expected
    assert _without_timings(validate(descriptor, workers=1)) == expected
    assert _without_timings(validate(descriptor)) == expected  # a small package: one process
