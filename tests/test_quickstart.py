"""The README's download commands, run as written on a release served the way GitHub serves one (the
``latest`` name redirecting to the version's), from an HTTP server on 127.0.0.1 started here: every file
the release lists is checked, and the README's query runs on what was unpacked."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import http_server

from newsevents import REPO_ROOT, project_version

README = REPO_ROOT / "README.md"
GITHUB = "https://github.com/OWNER/REPO"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "build"), str(REPO_ROOT)])}
ENV.update(NO_PROXY="127.0.0.1", no_proxy="127.0.0.1")


def readme_blocks() -> tuple[list[str], list[str]]:
    """The two ``sh`` blocks under "Just want the data?": with curl and unzip, and with the command."""
    top = README.read_text(encoding="utf-8").split("**Just want the data?**")[1].split("\n## ")[0]
    blocks = re.findall(r"```sh\n(.*?)```", top, re.DOTALL)
    assert len(blocks) == 2, "the README's quick start has changed shape"
    return blocks[0].strip().splitlines(), blocks[1].strip().splitlines()


class GitHubLikeHandler(http.server.SimpleHTTPRequestHandler):
    """``/OWNER/REPO/releases/latest/download/<file>`` redirects (302) to ``.../download/v<version>/<file>``."""

    latest = "/OWNER/REPO/releases/latest/download/"

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        if not self.path.startswith(self.latest):
            return super().do_GET()
        self.send_response(302)
        self.send_header(
            "Location", f"/OWNER/REPO/releases/download/v{project_version()}/" + self.path[len(self.latest) :]
        )
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def github(seeds_release, tmp_path_factory) -> Iterator[str]:
    """The base URL standing for https://github.com/OWNER/REPO, with (a copy of) the seeds' release attached."""
    root = tmp_path_factory.mktemp("github")
    shutil.copytree(seeds_release.parent, root / "OWNER" / "REPO" / "releases" / "download" / f"v{project_version()}")
    with http_server(functools.partial(GitHubLikeHandler, directory=root)) as base:
        yield f"{base}/OWNER/REPO"


def assert_every_listed_file_is_there(folder: Path) -> int:
    """Every file of the manifest and of the descriptor is there with its size and SHA-256; return how
    many files the descriptor lists."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        content = (folder / entry["path"]).read_bytes()
        assert (len(content), hashlib.sha256(content).hexdigest()) == (entry["bytes"], entry["sha256"]), entry
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert on_disk == {e["path"] for e in manifest["files"]} | {"manifest.json"}
    resources = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    for resource in resources:
        content = (folder / resource["path"]).read_bytes()
        assert resource["bytes"] == len(content), resource["path"]
        assert resource["hash"] == f"sha256:{hashlib.sha256(content).hexdigest()}", resource["path"]
    kinds = {Path(r["path"]).suffix for r in resources}
    assert kinds == {".csv", ".parquet", ".duckdb"}
    return len(resources)


def events_in(seeds_package: Path) -> int:
    return len((seeds_package / "data" / "events.csv").read_text(encoding="utf-8").splitlines()) - 1


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("bash", "curl", "unzip", "sha256sum")),
    reason="the README's commands need bash, curl, unzip and sha256sum",
)
def test_the_readmes_download_commands_work_as_written(github, seeds_package, tmp_path):
    lines, _ = readme_blocks()
    # The one line not run: installing duckdb (it is installed here, and the tests use no network).
    install = [line for line in lines if line.startswith("python -m pip install")]
    assert install == ['python -m pip install -q "duckdb<2"']
    script = "\n".join(line.replace(GITHUB, github) for line in lines if line not in install)
    assert github in script and GITHUB not in script
    bin_dir = tmp_path / "bin"  # `python` is this interpreter, which has duckdb
    bin_dir.mkdir()
    (bin_dir / "python").write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} "$@"\n', encoding="utf-8")
    (bin_dir / "python").chmod(0o755)
    env = {k: v for k, v in ENV.items() if k != "PYTHONPATH"}  # the release alone, not the repository's code
    env["PATH"] = f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"
    work = tmp_path / "work"
    work.mkdir()
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script], cwd=work, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "us-iran-militia-news-events.zip: OK" in done.stdout  # sha256sum -c
    assert re.search(r"│\s*date_start\s*│\s*description\s*│\s*fatalities_best\s*│", done.stdout), done.stdout
    assert f"{events_in(seeds_package)} rows" in done.stdout
    assert_every_listed_file_is_there(work / "us-iran-militia-news-events")


def test_the_readmes_newsevents_commands_work_as_written(github, seeds_package, tmp_path):
    _, lines = readme_blocks()
    assert [line.split()[:2] for line in lines] == [["newsevents", "download"], ["newsevents", "query"]]
    outputs = []
    for line in lines:
        args = shlex.split(line.replace(GITHUB, github))[1:]
        done = subprocess.run(
            [sys.executable, "-m", "newsevents", *args], cwd=tmp_path, env=ENV, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0].startswith("verified and unpacked ") and outputs[0].endswith(" us-iran-militia-news-events\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["us-iran-militia-news-events"]
    folder = tmp_path / "us-iran-militia-news-events"
    assert (folder / "us-iran-militia-news-events.duckdb").is_file()  # the path of the first block's query
    assert assert_every_listed_file_is_there(folder) > 9
    assert re.search(r"│\s*date_start\s*│\s*description\s*│\s*fatalities_best\s*│", outputs[1])
    assert f"{events_in(seeds_package)} rows" in outputs[1]


def test_the_versioned_name_serves_the_same_release(github, tmp_path):
    """Both names of the release verify against their own checksum and unpack to the same files."""
    from newsevents.download import download

    latest = download(f"{github}/releases/latest/download/us-iran-militia-news-events.zip", tmp_path / "latest")
    versioned = f"{github}/releases/download/v{project_version()}/us-iran-militia-news-events-{project_version()}.zip"
    pinned = download(versioned, tmp_path / "pinned")
    files = sorted(p.relative_to(latest).as_posix() for p in latest.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(pinned).as_posix() for p in pinned.rglob("*") if p.is_file())
    assert all((latest / f).read_bytes() == (pinned / f).read_bytes() for f in files)
