"""Downloading a release: verified, safe and atomic, against an HTTP server on 127.0.0.1 started here."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsevents.cli import main
from newsevents.download import DownloadError, download
from newsevents.publish import publish


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the folder; ``/short/<file>`` announces the whole file but sends only half of it."""

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:
        if not self.path.startswith("/short/"):
            return super().do_GET()
        content = (Path(self.directory) / self.path.removeprefix("/short/")).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/zip")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content[: len(content) // 2])
        self.close_connection = True


@pytest.fixture(scope="module")
def served(seeds_package, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """(base URL, folder): the seeds release and its checksum, served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("served")
    publish(seeds_package, root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()


def archive_in(root: Path) -> Path:
    (path,) = root.glob("*.zip")
    return path


def leaves_nothing(parent: Path) -> bool:
    return not parent.exists() or not any(parent.iterdir())


def test_a_good_archive_is_verified_and_unpacked(served, seeds_package, tmp_path):
    url, root = served
    out = download(f"{url}/{archive_in(root).name}", tmp_path / "pkg")
    assert (out / "datapackage.json").read_bytes() == (seeds_package / "datapackage.json").read_bytes()
    for csv_path in (seeds_package / "data").glob("*.csv"):
        assert (out / "data" / csv_path.name).read_bytes() == csv_path.read_bytes()
    name = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))["name"]
    assert (out / f"{name}.duckdb").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]  # no temporary files left beside it


def test_the_command_line_downloads_by_path_with_an_explicit_checksum(served, tmp_path, capsys):
    _, root = served
    archive = archive_in(root)
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    assert main(["download", str(archive), "--out", str(tmp_path / "pkg"), "--sha256", digest]) == 0
    assert "verified and unpacked" in capsys.readouterr().out
    assert (tmp_path / "pkg" / "datapackage.json").is_file()


def test_a_bad_checksum_leaves_nothing_behind(served, tmp_path, capsys):
    url, root = served
    parent = tmp_path / "downloads"
    code = main(["download", f"{url}/{archive_in(root).name}", "--out", str(parent / "pkg"), "--sha256", "0" * 64])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "SHA-256" in err and "expected" in err
    assert leaves_nothing(parent)


def test_a_truncated_download_leaves_nothing_behind(served, tmp_path):
    url, root = served
    parent = tmp_path / "downloads"
    with pytest.raises(DownloadError, match="truncated"):
        download(f"{url}/short/{archive_in(root).name}", parent / "pkg", sha256="0" * 64)
    assert leaves_nothing(parent)


def test_a_truncated_file_fails_its_checksum(served, tmp_path):
    _, root = served
    archive = archive_in(root)
    short = tmp_path / "serve" / archive.name
    short.parent.mkdir()
    short.write_bytes(archive.read_bytes()[:-1000])
    (tmp_path / "serve" / f"{archive.name}.sha256").write_bytes(root.joinpath(f"{archive.name}.sha256").read_bytes())
    with pytest.raises(DownloadError, match="SHA-256 is"):
        download(short, tmp_path / "out" / "pkg")
    assert leaves_nothing(tmp_path / "out")


def _zip_with(path: Path, members: dict[str, bytes], link: str | None = None) -> str:
    with zipfile.ZipFile(path, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)
        if link:
            info = zipfile.ZipInfo(link)
            info.create_system = 3
            info.external_attr = 0o120777 << 16  # a symbolic link
            zf.writestr(info, "/etc/passwd")
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("members", "link", "problem"),
    [
        ({"pkg/datapackage.json": b"{}", "pkg/../../escaped.txt": b"x"}, None, "'..'"),
        ({"pkg/datapackage.json": b"{}", "/tmp/absolute.txt": b"x"}, None, "absolute"),
        ({"pkg/datapackage.json": b"{}"}, "pkg/data", "symbolic link"),
    ],
    ids=["dot-dot", "absolute", "symlink"],
)
def test_unsafe_members_are_refused_before_anything_is_written(served, tmp_path, members, link, problem):
    url, root = served
    bad = root / "bad" / f"{tmp_path.name}.zip"
    bad.parent.mkdir(exist_ok=True)
    digest = _zip_with(bad, members, link)
    parent = tmp_path / "downloads"
    with pytest.raises(DownloadError, match=problem):
        download(f"{url}/bad/{bad.name}", parent / "pkg", sha256=digest)
    assert leaves_nothing(parent)
    assert not (tmp_path / "escaped.txt").exists() and not Path("/tmp/absolute.txt").exists()


def test_a_file_that_does_not_match_the_descriptor_is_refused(seeds_package, tmp_path):
    descriptor = (seeds_package / "datapackage.json").read_bytes()
    bad = tmp_path / "tampered.zip"
    digest = _zip_with(bad, {"pkg/datapackage.json": descriptor, "pkg/data/articles.csv": b"article_id\n"})
    with pytest.raises(DownloadError, match=r"articles\.csv does not match its hash"):
        download(bad, tmp_path / "out" / "pkg", sha256=digest)
    assert leaves_nothing(tmp_path / "out")


def test_an_existing_folder_is_never_overwritten(served, tmp_path):
    url, root = served
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mine.txt").write_text("keep me")
    with pytest.raises(DownloadError, match="already exists"):
        download(f"{url}/{archive_in(root).name}", tmp_path / "pkg")
    assert [p.name for p in (tmp_path / "pkg").iterdir()] == ["mine.txt"]


def test_a_missing_checksum_is_an_error(served, tmp_path):
    url, root = served
    bad = root / "bad" / "unchecked.zip"
    bad.parent.mkdir(exist_ok=True)
    _zip_with(bad, {"pkg/datapackage.json": b"{}"})
    with pytest.raises(DownloadError, match="no checksum"):
        download(f"{url}/bad/{bad.name}", tmp_path / "pkg")
    assert not (tmp_path / "pkg").exists()
