"""The third-party styles, scripts and fonts that Data Docs need, installed from package registries.

Great Expectations' Data Docs link jQuery, Bootstrap, bootstrap-table, Font Awesome, Vega and a
dark theme from public CDNs. None of those files is committed here: PyPI's XStatic packages carry
jQuery, Bootstrap (its bundle includes Popper), Font Awesome and the datepicker, pinned in
``pyproject.toml``; what PyPI lacks (bootstrap-table, Vega, the dark theme) comes from the npm
registry as single tarballs (``npm pack``, no dependency tree), pinned below by version and
checked against their sha512 before extraction. ``python -m expectations.web_assets install``
(run by ``bootstrap.sh``) fetches them into the virtual environment; ``offline_docs`` copies them
next to the built pages.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = [
    "LINKS",
    "PACKAGES",
    "Link",
    "MissingWebAssets",
    "Package",
    "install",
    "missing",
    "npm_root",
    "package_files",
]


class MissingWebAssets(RuntimeError):
    """A registry package the offline Data Docs need is not installed."""


@dataclass(frozen=True, slots=True)
class Package:
    """One registry package and the files of it that pages use (copied with their folders)."""

    name: str  # folder under static/vendor/ in a Data Docs site
    registry: Literal["pypi", "npm"]
    spec: str  # an XStatic module ("xstatic.pkg.jquery") or an npm spec ("vega@5.33.1")
    files: tuple[str, ...]  # paths inside the package: files, or folders copied whole
    integrity: str = ""  # npm: the tarball's sha512, as npm writes it (SRI form)


@dataclass(frozen=True, slots=True)
class Link:
    """A CDN address in GE's templates and the local file that replaces it."""

    url: str
    package: str  # Package.name, or "" to drop the tag (its code is in another file)
    path: str = ""


PACKAGES: tuple[Package, ...] = (
    Package("jquery", "pypi", "xstatic.pkg.jquery", ("jquery.min.js",)),
    Package("bootstrap", "pypi", "xstatic.pkg.bootstrap",
            ("css/bootstrap.min.css", "js/bootstrap.bundle.min.js")),
    Package("font-awesome", "pypi", "xstatic.pkg.font_awesome",
            ("css/all.min.css", "webfonts", "LICENSE.txt")),
    Package("bootstrap-datepicker", "pypi", "xstatic.pkg.bootstrap_datepicker",
            ("bootstrap-datepicker.js", "bootstrap-datepicker3.standalone.css")),
    Package("bootstrap-table", "npm", "bootstrap-table@1.19.1",
            ("dist/bootstrap-table.min.css", "dist/bootstrap-table.min.js",
             "dist/extensions/filter-control/bootstrap-table-filter-control.min.css",
             "dist/extensions/filter-control/bootstrap-table-filter-control.min.js", "LICENSE"),
            "sha512-WvV+l1AI/C+zThaKmfHmi/IuayVNB0qdFyEhFx1jyZhO0oLtNJNANkCR3rvJf6Dkh72dsLElxpE/bzK9seEQLA=="),
    Package("bootstrap-dark", "npm", "@forevolve/bootstrap-dark@1.1.0",
            ("dist/css/bootstrap-prefers-dark.css", "LICENSE"),
            "sha512-A3ucpEpxPoTVO490lZZCfjPXxv832l7mm1IxX3bXyxvgwnPGXDLyh7dWrphXKO8YBAu3EswbBEu3VSW8NRMW3A=="),
    Package("vega", "npm", "vega@5.33.1", ("build/vega.min.js", "package.json"),  # licence in it
            "sha512-1fArfVDUqVbb5z8n+/nVQb+VNBzx8svY6CrsyTK4Ujm4yrd9I1auoKxBAPXLCavY1LcrbHUskQbGUP8gXOzyQw=="),
    Package("vega-lite", "npm", "vega-lite@5.23.0", ("build/vega-lite.min.js", "LICENSE"),
            "sha512-l4J6+AWE3DIjvovEoHl2LdtCUkfm4zs8Xxx7INwZEAv+XVb6kR6vIN1gt3t2gN2gs/y4DYTs/RPoTeYAuEg6mA=="),
    Package("vega-embed", "npm", "vega-embed@6.29.0", ("build/vega-embed.min.js", "LICENSE"),
            "sha512-PmlshTLtLFLgWtF/b23T1OwX53AugJ9RZ3qPE2c01VFAbgt3/GSNI/etzA/GzdrkceXFma+FDHNXUppKuM0U6Q=="),
)  # fmt: skip

_TABLE = "https://unpkg.com/bootstrap-table@1.19.1/dist/"
_FILTER = "extensions/filter-control/bootstrap-table-filter-control"
LINKS: tuple[Link, ...] = (
    Link("https://code.jquery.com/jquery-3.7.1.min.js", "jquery", "jquery.min.js"),
    Link("https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css",
         "bootstrap", "css/bootstrap.min.css"),
    Link("https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js",
         "bootstrap", "js/bootstrap.bundle.min.js"),
    # Popper 1 is inside Bootstrap's bundle: its own script tag is dropped.
    Link("https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js", ""),
    Link(f"{_TABLE}bootstrap-table.min.css", "bootstrap-table", "dist/bootstrap-table.min.css"),
    Link(f"{_TABLE}bootstrap-table.min.js", "bootstrap-table", "dist/bootstrap-table.min.js"),
    Link(f"{_TABLE}{_FILTER}.min.js", "bootstrap-table", f"dist/{_FILTER}.min.js"),
    Link(f"https://unpkg.com/bootstrap-table@1.19.0/dist/{_FILTER}.min.css",
         "bootstrap-table", f"dist/{_FILTER}.min.css"),
    Link(f"https://unpkg.com/bootstrap-table@1.19.0/dist/{_FILTER}.css",
         "bootstrap-table", f"dist/{_FILTER}.min.css"),
    Link("https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js",
         "bootstrap-datepicker", "bootstrap-datepicker.js"),
    Link("https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css",
         "bootstrap-datepicker", "bootstrap-datepicker3.standalone.css"),
    Link("https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css",
         "bootstrap-dark", "dist/css/bootstrap-prefers-dark.css"),
    Link("https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css",
         "font-awesome", "css/all.min.css"),
    Link("https://cdn.jsdelivr.net/npm/vega@5", "vega", "build/vega.min.js"),
    Link("https://cdn.jsdelivr.net/npm/vega-lite@5", "vega-lite", "build/vega-lite.min.js"),
    Link("https://cdn.jsdelivr.net/npm/vega-embed@6", "vega-embed", "build/vega-embed.min.js"),
)  # fmt: skip


def npm_root() -> Path:
    """Where the npm tarballs are unpacked: inside the virtual environment, like PyPI packages."""
    return Path(sys.prefix) / "share" / "aideals" / "npm"


def package_root(package: Package) -> Path:
    """The folder the package's ``files`` are relative to."""
    if package.registry == "pypi":
        module = importlib.import_module(package.spec)
        return Path(module.BASE_DIR)
    return npm_root() / package.name


def package_files(package: Package) -> Iterator[tuple[Path, str]]:
    """Every file to copy, as (installed path, path relative to the package's vendor folder)."""
    root = package_root(package)
    for item in package.files:
        source = root / item
        if source.is_dir():
            for path in sorted(p for p in source.rglob("*") if p.is_file()):
                yield path, path.relative_to(root).as_posix()
        else:
            yield source, item


def missing() -> list[str]:
    """Packages not installed, or installed without a file pages use (empty when all is there)."""
    gaps = []
    for package in PACKAGES:
        try:
            files = list(package_files(package))
        except ImportError:
            gaps.append(f"{package.spec} (PyPI: install the project's requirements.lock)")
            continue
        absent = [rel for path, rel in files if not path.is_file()]
        if absent or not files:
            gaps.append(f"{package.spec} ({package.registry}: missing {', '.join(absent)})")
    return gaps


def _check_integrity(tarball: Path, integrity: str) -> None:
    algorithm, _, expected = integrity.partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if digest != expected:
        raise MissingWebAssets(
            f"{tarball.name}: {algorithm} is {digest}, expected {expected}; refusing to unpack it"
        )


def _unpack(tarball: Path, package: Package, target: Path) -> None:
    """Extract only the listed files, from the tarball's ``package/`` folder."""
    wanted = tuple(f"package/{item}" for item in package.files)
    with tarfile.open(tarball) as archive:
        members = [
            m
            for m in archive.getmembers()
            if m.isfile() and any(m.name == w or m.name.startswith(w + "/") for w in wanted)
        ]
        for member in members:
            member.name = member.name.removeprefix("package/")
        archive.extractall(target, members=members, filter="data")


def install(npm: str = "npm") -> list[str]:
    """Fetch the npm packages that are not unpacked yet; returns the specs fetched."""
    fetched = []
    todo = [
        p
        for p in PACKAGES
        if p.registry == "npm" and not all(path.is_file() for path, _ in package_files(p))
    ]
    if todo and shutil.which(npm) is None:
        raise MissingWebAssets(
            "npm is needed to fetch "
            + ", ".join(p.spec for p in todo)
            + " from the npm registry (PyPI does not carry them): install Node.js and npm"
        )
    for package in todo:
        with tempfile.TemporaryDirectory(prefix="aideals-npm-") as tmp:
            subprocess.run(
                [npm, "pack", package.spec, "--pack-destination", tmp, "--silent"],
                check=True,
                cwd=tmp,
                stdout=subprocess.DEVNULL,
            )
            (tarball,) = Path(tmp).glob("*.tgz")
            _check_integrity(tarball, package.integrity)
            target = npm_root() / package.name
            npm_root().mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".{package.name}.", dir=npm_root()))
            try:
                _unpack(tarball, package, staging)
                shutil.rmtree(target, ignore_errors=True)
                staging.rename(target)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        fetched.append(package.spec)
    return fetched


def main(argv: list[str]) -> int:
    if argv[:1] == ["install"]:
        try:
            fetched = install()
        except (MissingWebAssets, subprocess.CalledProcessError) as exc:
            print(f"web assets: {exc}", file=sys.stderr)
            return 1
        if fetched:
            print(f"web assets: fetched {', '.join(fetched)} into {npm_root()}", file=sys.stderr)
    gaps = missing()
    for gap in gaps:
        print(f"web assets: not installed: {gap}", file=sys.stderr)
    return 1 if gaps else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
