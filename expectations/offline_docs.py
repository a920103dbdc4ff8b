"""Make Great Expectations' Data Docs render offline, with no request beyond local files.

The pages load their styles, scripts and icon font from public CDNs (offline the index renders
empty) and a logo from a remote bucket with an identifier in its query string. After each build,
this copies the registry-installed assets (``web_assets``) next to the pages, points every link at
them, drops the integrity attributes that file:// pages cannot satisfy, and uses the logo GE
already writes locally. An asset that is not installed has its tag dropped (the page degrades,
but still makes no remote request) and is named in the result.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from expectations.web_assets import LINKS, PACKAGES, package_files

__all__ = ["VENDOR_DIR", "OfflineDocs", "make_offline"]

log = logging.getLogger(__name__)

VENDOR_DIR = "static/vendor"
# The light and dark logos, fetched with a tracking query string: both become the local logo.
_REMOTE_LOGO = re.compile(r"https://great-expectations-web-assets\.[^\"')]*?\.png[^\"')]*")
_SRI = re.compile(r'\s+(?:integrity|crossorigin)="[^"]*"')
_LOCAL_LOGO = "static/images/logo-long.png"
_LOCAL_STATIC = re.compile(r'\b(src|href)="(?:\./|\.\./)*static/')


@dataclass(frozen=True)
class OfflineDocs:
    pages_changed: int
    missing: tuple[str, ...]  # packages whose files were not installed (their tags dropped)


def _copy_assets(site: Path) -> tuple[set[str], list[str]]:
    """Copy every package's files; returns the vendor paths present and the packages missing."""
    present: set[str] = set()
    missing: list[str] = []
    for package in PACKAGES:
        try:
            files = list(package_files(package))
        except ImportError:
            missing.append(package.spec)
            continue
        if not files or not all(path.is_file() for path, _ in files):
            missing.append(package.spec)
            continue
        for path, rel in files:
            target = site / VENDOR_DIR / package.name / rel
            if not target.is_file() or target.stat().st_size != path.stat().st_size:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
            present.add(f"{package.name}/{rel}")
    return present, missing


def _tag_pattern(url: str) -> re.Pattern[str]:
    """The whole <script ...src=url...></script> or <link ...href=url...> tag."""
    quoted = re.escape(url)
    return re.compile(
        rf'<script\b[^>]*\bsrc="{quoted}"[^>]*>\s*</script>|<link\b[^>]*\bhref="{quoted}"[^>]*>'
    )


def _rewrite(html: str, prefix: str, present: set[str]) -> str:
    for link in LINKS:
        if link.url not in html:
            continue
        local = f"{link.package}/{link.path}"
        if link.package and local in present:
            html = re.sub(
                rf'(?<=")({re.escape(link.url)})(?=")', f"{prefix}{VENDOR_DIR}/{local}", html
            )
        else:
            html = _tag_pattern(link.url).sub("", html)
    html = _REMOTE_LOGO.sub(prefix + _LOCAL_LOGO, html)
    # GE counts a validation page's depth one level short for the favicon: recompute them all.
    html = _LOCAL_STATIC.sub(rf'\1="{prefix}static/', html)
    # Integrity checks on local files with crossorigin fail under file:// in some browsers.
    return re.sub(
        r"<(script|link)\b[^>]*>",
        lambda m: _SRI.sub("", m.group(0)) if VENDOR_DIR in m.group(0) else m.group(0),
        html,
    )


def _replace(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def make_offline(site: Path) -> OfflineDocs:
    """Rewrite every page and stylesheet GE wrote under ``site``."""
    present, missing = _copy_assets(site)
    if missing:
        log.warning(
            "Data Docs: not installed, left out of the pages: %s "
            "(run `python -m expectations.web_assets install`)",
            ", ".join(missing),
        )
    changed = 0
    for page in site.rglob("*.html"):
        depth = len(page.relative_to(site).parts) - 1
        text = page.read_text(encoding="utf-8")
        new = _rewrite(text, "../" * depth, present)
        if new != text:
            _replace(page, new)
            changed += 1
    styles = site / "static" / "styles"
    for sheet in styles.glob("*.css") if styles.is_dir() else ():
        text = sheet.read_text(encoding="utf-8")
        new = _REMOTE_LOGO.sub("../images/logo-long.png", text)
        if new != text:
            _replace(sheet, new)
    return OfflineDocs(changed, tuple(missing))
