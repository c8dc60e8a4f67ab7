"""Runs that overlap or are killed: one writer at a time per output and dist folder, readers that see a
whole package (the old one or the new one), a swap cut short by ``kill -9`` finished by the next command,
no worker process outliving its build, and the staging folders of killed runs removed by the next run.

The processes are real (``python -m newsevents``) and so are the signals; the packages are the seeds' and
a part of them, so that two builds can be told apart by their counts.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from conftest import SEEDS, http_server, write_article

from newsevents import REPO_ROOT
from newsevents.cli import BUILD_LAYERS, build, main
from newsevents.locks import LOCK_NAME, STAGING_MARK, folder_lock, writer_lock
from newsevents.package import SWAP_MARKER
from newsevents.schemas import table_schemas

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="flock, /proc/locks, prctl: Linux")

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "build"), str(REPO_ROOT)])}
TABLES = [schema.name for schema in table_schemas()]
COUNTS_SQL = "SELECT " + ", ".join(f"(SELECT count(*) FROM {t}) AS {t}" for t in TABLES)
DEADLINE = 120


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "newsevents", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV
    )


def newsevents(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsevents", *args], capture_output=True, text=True, env=ENV, timeout=300, check=False
    )


def wait_until(condition, what: str, process: subprocess.Popen | None = None, timeout: float = DEADLINE) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the process ended before {what}: {process.communicate()}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.005)


def package_files(folder: Path) -> dict[str, bytes]:
    """The package's own files (``datapackage.json``, ``data/``), without the locks and staging folders."""
    files = [folder / "datapackage.json", *sorted((folder / "data").glob("*"))]
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files if p.is_file()}


def row_counts(folder: Path) -> dict[str, int]:
    """Rows per table, but for ``event_id_changes``, whose rows depend on the package a build replaced."""
    counts = {}
    for table in TABLES:
        if table == "event_id_changes":
            continue
        with (folder / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
            counts[table] = sum(1 for _ in csv.reader(f)) - 1
    return counts


def hashes_match(folder: Path) -> bool:
    """Every file the descriptor lists has the SHA-256 it declares."""
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return all(
        "sha256:" + hashlib.sha256((folder / r["path"]).read_bytes()).hexdigest() == r["hash"]
        for r in descriptor["resources"]
    )


def waiting_for_a_lock(pid: int) -> bool:
    """The process ``pid`` is blocked on a lock (``/proc/locks`` lists its request after "->")."""
    lines = Path("/proc/locks").read_text(encoding="ascii").splitlines()
    return any("->" in line and line.split("->", 1)[1].split()[3] == str(pid) for line in lines)


def query_counts(package: Path, output: Path) -> dict[str, int]:
    assert main(["query", COUNTS_SQL, "--package", str(package), "--format", "csv", "--output", str(output)]) == 0
    with output.open(encoding="utf-8", newline="") as f:
        (row,) = csv.DictReader(f)
    return {table: int(n) for table, n in row.items() if table != "event_id_changes"}


def left_over(folder: Path) -> list[str]:
    """What a run left in ``folder`` beside the package: locks, staging folders."""
    return sorted(p.name for p in folder.iterdir() if p.name not in ("data", "datapackage.json"))


@pytest.fixture(scope="module")
def fewer_seeds(tmp_path_factory) -> Path:
    """Three of the seeds: a package whose counts differ from the seeds' in every table that has rows."""
    folder = tmp_path_factory.mktemp("fewer-seeds")
    for path in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copyfile(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def fewer_package(fewer_seeds, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fewer-package")
    build(fewer_seeds, out)
    return out


@pytest.fixture(scope="module")
def larger_corpus(tmp_path_factory) -> Path:
    """A corpus large enough for the per-article stage to run on two workers for a while."""
    from newsevents.bench_corpus import make_varied_corpus

    return make_varied_corpus(tmp_path_factory.mktemp("larger") / "corpus", 128)


def built_over(seeds: Path, previous: Path, folder: Path) -> Path:
    """The package of ``seeds`` built into a folder that held ``previous`` (``event_id_changes`` lists the
    events of the package a build replaces)."""
    shutil.copytree(previous, folder)
    build(seeds, folder)
    return folder


@pytest.fixture(scope="module")
def fewer_over_seeds(fewer_seeds, seeds_package, tmp_path_factory) -> Path:
    return built_over(fewer_seeds, seeds_package, tmp_path_factory.mktemp("fewer-over-seeds") / "out")


@pytest.fixture
def out(seeds_package, tmp_path) -> Path:
    """An output folder holding the seeds' package."""
    folder = tmp_path / "out"
    shutil.copytree(seeds_package, folder)
    return folder


# --- one writer at a time -----------------------------------------------------------------------------


def test_a_build_into_a_folder_another_run_is_writing_fails_at_once(out, seeds_package):
    with writer_lock(out, "build"):
        done = newsevents("build", "--seeds", str(SEEDS), "--out", str(out), "--no-cache")
    assert done.returncode == 1
    assert done.stderr == f"error: {out}: another build is writing to this folder (pid {os.getpid()})\n"
    assert package_files(out) == package_files(seeds_package)
    assert left_over(out) == []  # the lock file went with its holder


def test_a_failed_build_leaves_no_folder_it_created_for_its_lock(tmp_path, capsys):
    write_article(tmp_path / "seeds", "a.txt", "no date header here")
    assert main(["build", "--seeds", str(tmp_path / "seeds"), "--out", str(tmp_path / "new" / "out")]) == 1
    assert "a.txt: missing date header" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds"]


@pytest.mark.slow
def test_two_builds_into_one_folder_the_second_is_refused_and_the_first_is_whole(out, larger_corpus):
    first = start("build", "--seeds", str(larger_corpus), "--out", str(out), "--no-cache", "--workers", "2")
    lock = out / LOCK_NAME
    wait_until(lambda: lock.exists() and lock.read_text().strip() == str(first.pid), "the first build's lock", first)
    second = newsevents("build", "--seeds", str(SEEDS), "--out", str(out), "--no-cache")
    first_running = first.poll() is None
    _, stderr = first.communicate(timeout=600)
    assert first.returncode == 0, stderr
    assert first_running  # else the two did not overlap and this test showed nothing
    assert second.returncode == 1
    assert second.stderr == f"error: {out}: another build is writing to this folder (pid {first.pid})\n"
    assert hashes_match(out)
    assert row_counts(out)["articles"] == len(list(larger_corpus.glob("*.txt")))
    assert newsevents("validate", "--package", str(out), "--layers", ",".join(BUILD_LAYERS)).returncode == 0
    assert left_over(out) == []


def test_two_publishes_into_one_dist_leave_archives_that_match_their_checksums(seeds_package, fewer_package, tmp_path):
    dist = tmp_path / "dist"
    runs = [start("publish", "--package", str(p), "--dist", str(dist)) for p in (seeds_package, fewer_package)]
    results = [(run.wait(timeout=600), *run.communicate()) for run in runs]
    for status, _, stderr in results:
        assert status == 0 or (status == 1 and "another publish is writing to this folder (pid " in stderr), stderr
    assert any(status == 0 for status, _, _ in results)
    archives = sorted(dist.glob("*.zip"))
    assert len(archives) == 2
    for archive in archives:
        digest = hashlib.sha256(archive.read_bytes()).hexdigest()
        assert archive.with_name(archive.name + ".sha256").read_text(encoding="utf-8") == f"{digest}  {archive.name}\n"
    assert archives[0].read_bytes() == archives[1].read_bytes()  # the versioned and the latest: one publish's
    assert not list(dist.glob(".*"))


def test_a_publish_into_a_dist_another_is_writing_fails_at_once(seeds_package, tmp_path):
    dist = tmp_path / "dist"
    dist.mkdir()
    with writer_lock(dist, "publish"):
        done = newsevents("publish", "--package", str(seeds_package), "--dist", str(dist))
    assert done.returncode == 1
    assert done.stderr == f"error: {dist}: another publish is writing to this folder (pid {os.getpid()})\n"
    assert sorted(dist.iterdir()) == []


# --- readers see a whole package ----------------------------------------------------------------------


@pytest.mark.slow
def test_queries_during_builds_see_one_package_or_the_other(
    out, seeds_package, fewer_seeds, fewer_package, fewer_over_seeds, tmp_path
):
    counts = {"seeds": row_counts(seeds_package), "fewer": row_counts(fewer_package)}
    assert counts["seeds"] != counts["fewer"]

    def builds() -> None:  # the seeds' package, in ``out``, replaced by the other one
        done = newsevents("build", "--seeds", str(fewer_seeds), "--out", str(out), "--no-cache", "--workers", "1")
        assert done.returncode == 0, done.stderr

    thread = threading.Thread(target=builds)
    thread.start()
    seen = []
    while (thread.is_alive() or len(seen) < 20) and len(seen) < 400:
        got = query_counts(out, tmp_path / "counts.csv")
        assert got in counts.values(), got  # never one package's tables beside the other's
        seen.append(next(name for name, c in counts.items() if c == got))
    thread.join()
    assert set(seen) == {"seeds", "fewer"}  # the queries ran while the packages were swapped
    assert package_files(out) == package_files(fewer_over_seeds)


def test_a_query_waits_while_a_package_is_being_swapped(out, seeds_package, tmp_path):
    result: dict[str, object] = {}

    def query() -> None:
        result["counts"] = query_counts(out, tmp_path / "counts.csv")

    with folder_lock(out, exclusive=True):  # what a build's swap holds
        thread = threading.Thread(target=query)
        thread.start()
        wait_until(lambda: waiting_for_a_lock(os.getpid()), "the query to wait for the lock")
        time.sleep(0.2)
        assert "counts" not in result
    thread.join(timeout=DEADLINE)
    assert result["counts"] == row_counts(seeds_package)


def test_a_swap_waits_for_the_readers(out, seeds_package, fewer_seeds, fewer_over_seeds):
    with folder_lock(out, exclusive=False):  # what a query or a validate holds while it reads
        run = start("build", "--seeds", str(fewer_seeds), "--out", str(out), "--no-cache", "--workers", "1")
        wait_until(lambda: waiting_for_a_lock(run.pid), "the build to wait for the readers", run)
        assert package_files(out) == package_files(seeds_package)
    _, stderr = run.communicate(timeout=DEADLINE)
    assert run.returncode == 0, stderr
    assert package_files(out) == package_files(fewer_over_seeds)


# --- a swap cut short ---------------------------------------------------------------------------------

#: Runs the real swap and kills its own process (``os._exit``, no clean-up) before the rename numbered
#: ``cut`` (0: before the first; 3: after the last, before the marker goes).
CUT_SWAP = """
import os, sys
from pathlib import Path
from newsevents import package

out, staging, cut = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
real_replace, real_unlink, done = os.replace, Path.unlink, []

def replace(src, dst):
    if len(done) == cut:
        os._exit(137)
    done.append(dst)
    real_replace(src, dst)

def unlink(self, *args, **kwargs):
    if self.name == package.SWAP_MARKER:
        os._exit(137)
    return real_unlink(self, *args, **kwargs)

os.replace, Path.unlink = replace, unlink
package._swap_into_place(staging, out)
"""


def cut_swap(out: Path, new: Path, cut: int) -> Path:
    """``out`` as a build killed during its swap of ``new`` leaves it."""
    staging = out / ".build-cut00000"
    staging.mkdir()
    shutil.copytree(new / "data", staging / "data")
    shutil.copyfile(new / "datapackage.json", staging / "datapackage.json")
    done = subprocess.run([sys.executable, "-c", CUT_SWAP, str(out), str(staging), str(cut)], env=ENV, check=False)
    assert done.returncode == 137
    assert (staging / SWAP_MARKER).exists()
    return staging


@pytest.mark.parametrize("cut", [0, 1, 2, 3], ids=["before-any", "old-data-aside", "new-data-in", "descriptor-in"])
def test_a_swap_killed_half_way_is_finished_by_the_next_query(cut, out, fewer_package, tmp_path, capsys):
    staging = cut_swap(out, fewer_package, cut)
    assert query_counts(out, tmp_path / "counts.csv") == row_counts(fewer_package)
    assert not staging.exists()
    assert package_files(out) == package_files(fewer_package)
    assert main(["validate", "--package", str(out), "--layers", ",".join(BUILD_LAYERS)]) == 0
    assert left_over(out) == []


def test_a_swap_killed_half_way_is_finished_by_validate(out, fewer_package):
    cut_swap(out, fewer_package, 1)  # the old data/ moved aside, the new one not yet in: no data/ at all
    assert not (out / "data").exists()
    assert main(["validate", "--package", str(out), "--layers", ",".join(BUILD_LAYERS)]) == 0
    assert package_files(out) == package_files(fewer_package)
    assert left_over(out) == []


def test_a_build_finishes_a_swap_killed_half_way_before_its_own(
    fewer_package, seeds_package, fewer_seeds, fewer_over_seeds, tmp_path
):
    out = tmp_path / "out"
    shutil.copytree(fewer_package, out)
    cut_swap(out, seeds_package, 1)  # the seeds' package half in place over the fewer seeds'
    assert main(["build", "--seeds", str(fewer_seeds), "--out", str(out), "--no-cache"]) == 0
    # The package the build replaced is the one the killed swap was putting in place: its events that the
    # fewer seeds do not have are listed as removed, as after a build over the seeds' package.
    assert package_files(out) == package_files(fewer_over_seeds)
    assert left_over(out) == []


# --- kill -9 ------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_build_killed_with_sigkill_leaves_no_worker_process(tmp_path, larger_corpus, seeds_package):
    out = tmp_path / "out"
    run = start("build", "--seeds", str(larger_corpus), "--out", str(out), "--no-cache", "--workers", "2")
    parent = psutil.Process(run.pid)
    wait_until(lambda: len(parent.children(recursive=True)) >= 2, "the two workers", run)
    workers = parent.children(recursive=True)
    time.sleep(0.5)  # at work on their chunks
    run.kill()
    run.communicate(timeout=DEADLINE)
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert alive == [], [p.pid for p in alive]
    # The lock died with the build: the next one runs, and leaves the folder as a build leaves it.
    assert main(["build", "--seeds", str(SEEDS), "--out", str(out), "--no-cache"]) == 0
    assert package_files(out) == package_files(seeds_package)
    assert left_over(out) == []


def test_the_staging_folder_of_a_build_killed_with_sigkill_is_removed_by_the_next(out, fewer_seeds, fewer_over_seeds):
    run = start("build", "--seeds", str(fewer_seeds), "--out", str(out), "--no-cache", "--workers", "1")
    wait_until(lambda: list(out.glob(".build-*")), "the staging folder", run)
    run.kill()
    run.communicate(timeout=DEADLINE)
    assert [p.name for p in out.glob(".build-*")] and (out / LOCK_NAME).exists()  # what the kill left
    done = newsevents("build", "--seeds", str(fewer_seeds), "--out", str(out), "--no-cache")
    assert done.returncode == 0, done.stderr
    assert package_files(out) == package_files(fewer_over_seeds)
    assert left_over(out) == []


def test_the_staging_folder_of_a_publish_killed_with_sigkill_is_removed_by_the_next(seeds_package, tmp_path):
    dist = tmp_path / "dist"
    run = start("publish", "--package", str(seeds_package), "--dist", str(dist))
    wait_until(lambda: dist.exists() and list(dist.glob(".publish-*/*/data")), "the staging folder", run)
    run.kill()
    run.communicate(timeout=DEADLINE)
    assert list(dist.glob(".publish-*"))  # what the kill left
    done = newsevents("publish", "--package", str(seeds_package), "--dist", str(dist))
    assert done.returncode == 0, done.stderr
    assert not list(dist.glob(".*"))
    for archive in dist.glob("*.zip"):
        digest = hashlib.sha256(archive.read_bytes()).hexdigest()
        assert archive.with_name(archive.name + ".sha256").read_text(encoding="utf-8").split()[0] == digest


#: Set by a test to let the held downloads finish.
GO_ON = threading.Event()


class HoldingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the folder; ``/held/<file>`` sends half the file, then the rest once :data:`GO_ON` is set."""

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        if not self.path.startswith("/held/"):
            return super().do_GET()
        content = (Path(self.directory) / self.path.removeprefix("/held/")).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/zip")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        try:
            self.wfile.write(content[: len(content) // 2])
            self.wfile.flush()
            GO_ON.wait(timeout=DEADLINE)
            self.wfile.write(content[len(content) // 2 :])
        except OSError:
            pass  # the client was killed


@pytest.fixture(scope="module")
def held_release(seeds_release, tmp_path_factory) -> Iterator[tuple[str, str]]:
    """(URL served up to half until :data:`GO_ON`, URL served at once) of (a copy of) the seeds release."""
    root = tmp_path_factory.mktemp("served")
    shutil.copytree(seeds_release.parent, root, dirs_exist_ok=True)
    archive = root / seeds_release.name
    with http_server(functools.partial(HoldingHandler, directory=str(root))) as base:
        yield f"{base}/held/{archive.name}", f"{base}/{archive.name}"


def test_the_staging_folder_of_a_download_killed_with_sigkill_is_removed_by_the_next(held_release, tmp_path):
    held, fast = held_release
    parent = tmp_path / "downloads"
    parent.mkdir()
    mine = parent / ".download-mine1234"  # a folder of the user's with a name like ours: not ours to remove
    mine.mkdir()
    (mine / "notes.txt").write_text("kept", encoding="utf-8")
    sha256 = newsevents_sha256(fast)
    GO_ON.clear()
    run = start("download", held, "--out", str(parent / "a"), "--sha256", sha256)
    wait_until(lambda: list(parent.glob(".a.download-*/archive.zip")), "the download to start", run)
    run.kill()
    run.communicate(timeout=DEADLINE)
    GO_ON.set()
    assert list(parent.glob(".a.download-*"))  # what the kill left
    assert main(["download", fast, "--out", str(parent / "b"), "--sha256", sha256]) == 0
    assert sorted(p.name for p in parent.iterdir()) == [".download-mine1234", "b"]
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "kept"


def test_a_download_leaves_the_staging_folder_of_one_still_running(held_release, tmp_path):
    held, fast = held_release
    sha256 = newsevents_sha256(fast)
    GO_ON.clear()
    run = start("download", held, "--out", str(tmp_path / "a"), "--sha256", sha256)
    try:
        wait_until(lambda: list(tmp_path.glob(".a.download-*/archive.zip")), "the download to start", run)
        assert main(["download", fast, "--out", str(tmp_path / "b"), "--sha256", sha256]) == 0
        (staging,) = tmp_path.glob(".a.download-*")
        assert (staging / STAGING_MARK).exists()
    finally:
        GO_ON.set()
    _, stderr = run.communicate(timeout=DEADLINE)
    assert run.returncode == 0, stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]


def newsevents_sha256(url: str) -> str:
    import urllib.request

    with urllib.request.urlopen(url + ".sha256", timeout=30) as response:
        return response.read().decode("ascii").split()[0]
