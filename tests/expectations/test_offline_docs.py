"""Data Docs offline: assets from registry packages, every link local, nothing remote left."""

from __future__ import annotations

import base64
import hashlib
import io
import subprocess
import tarfile
from pathlib import Path

import pytest

from expectations.common import ValidationSession
from expectations.offline_docs import VENDOR_DIR, _rewrite
from expectations.web_assets import (
    LINKS,
    PACKAGES,
    MissingWebAssets,
    Package,
    _check_integrity,
    _unpack,
    missing,
)
from tests.expectations.test_suites import mention, validate_mentions
from tests.pages import loaded_resources

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    session = ValidationSession(tmp_path_factory.mktemp("docs") / "data_docs")
    validate_mentions(session, [mention()])
    index = session.build_docs()
    assert index is not None and index.is_file()
    return index.parent


def test_every_registry_package_the_pages_need_is_installed() -> None:
    assert missing() == [], "run: python -m expectations.web_assets install"


def test_every_asset_link_in_every_page_resolves_to_a_local_file(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 3  # the index, a suite page and a validation page
    assert any("validations" in p.parts for p in pages)
    for page in pages:
        resources = loaded_resources(page)
        assert resources, f"{page.name} loads nothing?"
        for url, target in resources:
            assert target.is_file(), f"{page.relative_to(site)} loads {url}: no file {target}"
            assert site.resolve() in target.parents, f"{url} is outside the Data Docs site"
        html = page.read_text(encoding="utf-8")
        for cdn in ("jquery.com", "bootstrapcdn", "unpkg.com", "cdnjs", "jsdelivr", "amazonaws"):
            assert cdn not in html, f"{page.name} still names {cdn}"
        assert 'integrity="' not in html  # local files: no integrity check under file://
    # The icon font and the logo: the stylesheets' url()s are followed too.
    index_loads = {t.name for _, t in loaded_resources(site / "index.html")}
    assert {"fa-solid-900.woff2", "logo-long.png", "jquery.min.js", "vega.min.js"} <= index_loads
    assert "bootstrap-table.min.js" in index_loads and "bootstrap.bundle.min.js" in index_loads


def test_unused_stylesheets_name_no_remote_logo_either(site: Path) -> None:
    for sheet in (site / "static" / "styles").glob("*.css"):
        assert "great-expectations-web-assets" not in sheet.read_text(encoding="utf-8")


def test_every_cdn_link_maps_to_a_listed_package_file() -> None:
    by_name = {p.name: p for p in PACKAGES}
    for link in LINKS:
        if link.package:  # "" drops the tag: Popper is inside Bootstrap's bundle
            package = by_name[link.package]
            assert any(link.path == f or link.path.startswith(f + "/") for f in package.files)


def test_a_missing_package_drops_its_tag_rather_than_loading_it_remotely() -> None:
    html = (
        '<link rel="stylesheet" href="https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css"/>\n'
        '<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>\n'
        '<script src="https://cdn.jsdelivr.net/npm/vega@5"></script>'
    )
    present = {"jquery/jquery.min.js"}
    out = _rewrite(html, "../", present)
    assert out.count("<script") == 1 and f'src="../{VENDOR_DIR}/jquery/jquery.min.js"' in out
    assert "https://" not in out and "<link" not in out


@pytest.mark.skipif(not (REPO / ".git").exists(), reason="not a git checkout")
def test_no_third_party_asset_is_committed() -> None:
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    vendored = [
        f for f in tracked
        if f.endswith((".js", ".css", ".woff", ".woff2", ".ttf", ".otf", ".eot"))
    ]  # fmt: skip
    assert vendored == []


def _tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_npm_tarballs_are_checked_and_only_listed_files_unpacked(tmp_path: Path) -> None:
    data = _tarball(
        {
            "package/dist/widget.min.js": b"window.widget = 1;",
            "package/dist/extra/helper.js": b"1",
            "package/src/other.js": b"2",
            "package/LICENSE": b"MIT",
        }
    )
    tarball = tmp_path / "widget-1.0.0.tgz"
    tarball.write_bytes(data)
    integrity = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    _check_integrity(tarball, integrity)
    package = Package(
        "widget", "npm", "widget@1.0.0", ("dist/widget.min.js", "dist/extra", "LICENSE")
    )
    _unpack(tarball, package, tmp_path / "out")
    unpacked = sorted(
        p.relative_to(tmp_path / "out").as_posix()
        for p in (tmp_path / "out").rglob("*")
        if p.is_file()
    )
    assert unpacked == ["LICENSE", "dist/extra/helper.js", "dist/widget.min.js"]

    tarball.write_bytes(data + b"tampered")
    with pytest.raises(MissingWebAssets, match="refusing to unpack"):
        _check_integrity(tarball, integrity)
