"""Make Great Expectations' Data Docs render offline.

The pages load jQuery, Bootstrap and bootstrap-table from public CDNs (offline the index renders
empty) and a logo from a remote bucket with an identifier in its query string. This copies the
vendored assets (``data_docs_assets/``) next to the pages, points the links at them, and uses
the logo GE already writes locally. Remaining remote links (icons, charts, dark theme) fail quietly offline.
"""

from __future__ import annotations

import os
import re
import shutil
from importlib import resources
from pathlib import Path

__all__ = ["make_offline"]

VENDOR_DIR = "static/vendor"
_ASSETS = {
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery-3.7.1.min.js",
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": "bootstrap-4.3.1.min.css",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": "bootstrap-4.3.1.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": "popper-1.12.9.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": (
        "bootstrap-table-1.19.1.min.css"
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": (
        "bootstrap-table-1.19.1.min.js"
    ),
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css": (
        "bootstrap-table-filter-control-1.19.1.min.css"
    ),
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css": (
        "bootstrap-table-filter-control-1.19.1.min.css"
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js": (
        "bootstrap-table-filter-control-1.19.1.min.js"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js": (
        "bootstrap-datepicker-1.9.0.min.js"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css": (
        "bootstrap-datepicker-1.9.0.min.css"
    ),
}  # fmt: skip
# The light and dark logos, fetched with a tracking query string: both become the local logo.
_REMOTE_LOGO = re.compile(r"https://great-expectations-web-assets\.[^\"')]*?\.png[^\"')]*")
_SRI = re.compile(r'\s+(?:integrity|crossorigin)="[^"]*"')


def _copy_assets(site: Path) -> Path:
    target = site / VENDOR_DIR
    target.mkdir(parents=True, exist_ok=True)
    source = resources.files("expectations").joinpath("data_docs_assets")
    for name in set(_ASSETS.values()):
        with resources.as_file(source.joinpath(name)) as path:
            shutil.copyfile(path, target / name)
    return target


def _rewrite(html: str, prefix: str) -> str:
    for url, name in _ASSETS.items():
        if url in html:
            html = html.replace(url, f"{prefix}{VENDOR_DIR}/{name}")
    html = _REMOTE_LOGO.sub(f"{prefix}static/images/logo-long.png", html)
    # Integrity checks on local files with crossorigin fail under file:// in some browsers.
    return re.sub(
        r"<(script|link)\b[^>]*>",
        lambda m: _SRI.sub("", m.group(0)) if VENDOR_DIR in m.group(0) else m.group(0),
        html,
    )


def make_offline(site: Path) -> int:
    """Rewrite every page under ``site``; returns how many pages changed."""
    _copy_assets(site)
    changed = 0
    for page in site.rglob("*.html"):
        depth = len(page.relative_to(site).parts) - 1
        prefix = "../" * depth
        text = page.read_text(encoding="utf-8")
        new = _rewrite(text, prefix)
        if new != text:
            tmp = page.with_suffix(".html.tmp")
            tmp.write_text(new, encoding="utf-8")
            os.replace(tmp, page)
            changed += 1
    return changed
