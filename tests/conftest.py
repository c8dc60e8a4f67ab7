"""Shared fixtures: the repository's paths and a package built from the seeds into a temporary folder; and
the order in which ``nox -s tests`` hands the tests to its workers."""

from __future__ import annotations

import http.server
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from newsevents import REPO_ROOT
from newsevents.cli import build

SEEDS = REPO_ROOT / "seeds"


@pytest.fixture(scope="session", autouse=True)
def private_cache_and_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The builds the tests run keep their cache and the cache's signing key in a folder of the test run,
    never in the user's home (a test that needs its own sets them again)."""
    home = tmp_path_factory.mktemp("xdg")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(home / "cache"))
        mp.setenv("XDG_CONFIG_HOME", str(home / "config"))
        yield


@pytest.fixture(scope="session")
def seeds_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A package freshly built from seeds/ (read-only for tests: copy it before changing anything)."""
    out = tmp_path_factory.mktemp("seeds-package")
    build(SEEDS, out)
    return out


@pytest.fixture(scope="session")
def seeds_release(seeds_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds package published once: the versioned archive, in a folder that also holds the archive under
    the name without a version and the checksum of each (read-only for tests: copy the folder first)."""
    from newsevents.publish import publish

    return publish(seeds_package, tmp_path_factory.mktemp("seeds-release"))


@pytest.fixture
def package_copy(seeds_package: Path, tmp_path: Path) -> Path:
    """A private copy of the seeds package that a test may break."""
    copy = tmp_path / "package"
    shutil.copytree(seeds_package, copy)
    return copy


@contextmanager
def http_server(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 (a free port) answering with ``handler`` for as long as the block runs;
    yields its base URL (``http://127.0.0.1:PORT``, no trailing slash)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def write_article(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


#: The test files that take longest, longest first (CPU and waiting, measured with ``--durations``): a run starts
#: them first, so that the short files fill in at the end and the workers finish together.
LONGEST_FIRST = (
    "test_install.py",
    "test_site_browser.py",
    "test_validation_layers.py",
    "test_concurrency.py",
    "test_fuzz.py",
    "test_bench.py",
    "test_reliability.py",
    "test_engine.py",
    "test_site.py",
    "test_cache.py",
    "test_package.py",
    "test_publish.py",
)
#: Files whose tests the workers share one by one: long tests with cheap fixtures (a module fixture of theirs is
#: made once on each worker that runs one of them). Every other file runs on one worker, its fixtures made once.
SHARED_BY_TEST = ("test_concurrency.py", "test_fuzz.py", "test_bench.py")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest files first (:data:`LONGEST_FIRST`), the others after them in their own order."""
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own choice
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """``--dist loadfile`` (``nox -s tests``) as pytest-xdist does it, a file's tests on one worker, but for the
    files of :data:`SHARED_BY_TEST`, whose tests go one by one to whichever worker is free; and the files in the
    order of the collection (the longest first), not by their number of tests."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class ByFileButShared(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return nodeid if path.rsplit("/", 1)[-1] in SHARED_BY_TEST else path

    config.option.loadscopereorder = False
    return ByFileButShared(config, log)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--fuzz-articles", type=int, default=150, help="articles in the generated corpus (tests/fuzz.py)")
    parser.addoption("--fuzz-seed", type=int, default=None, help="seed of the generated corpus (default: random)")


@pytest.fixture
def fuzz_articles(request: pytest.FixtureRequest) -> int:
    return request.config.getoption("--fuzz-articles")


@pytest.fixture
def fuzz_seed(request: pytest.FixtureRequest) -> int | None:
    return request.config.getoption("--fuzz-seed")
