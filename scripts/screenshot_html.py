"""Render an HTML page in headless Chromium: save a screenshot, report its console messages.

    python scripts/screenshot_html.py PAGE.html OUT.png [--width 1280 --height 2400] [--dump-dom DOM.html]

Every console message the page logs (script errors) and every URL it asks the network for is printed
to stderr and makes the exit status 1; host names resolve nowhere, so nothing is fetched. --dump-dom
also writes the DOM as rendered, to check what the page shows. Needs `chromium` (or --chromium
PATH); it runs without Chromium's sandbox (root can only run it so).
"""
import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import List, Optional, Sequence

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--enable-logging=stderr",
    "--v=1",
)
CONSOLE_LINE = re.compile(r":CONSOLE[^\]]*\]\s*(.*)")
REQUEST_LINE = re.compile(r"NotifyBeforeURLRequest: (\S+)")
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome:", "chrome-extension:", "devtools:")
BROWSER_OWN_REQUESTS = (  # what Chromium itself asks for at start, whatever the page
    "://clients2.google.com/time/",
    "://update.googleapis.com/service/update2/",
    "://accounts.google.com/ListAccounts",
)
TIMEOUT_S = 120


def find_chromium() -> str:
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit(f"no Chromium on PATH (looked for {', '.join(CHROMIUM_NAMES)})")


def run_chromium(chromium: str, page: Path, action: Sequence[str]) -> subprocess.CompletedProcess:
    """One headless run on `page` with `action` flags (e.g. --screenshot=...), in a fresh profile."""
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *action, page.resolve().as_uri()]
        return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)


def console_messages(stderr: str) -> List[str]:
    """The page's console messages in Chromium's log (`...:CONSOLE(12)] "message", source: ...`),
    less those of the browser's own pages (chrome://)."""
    messages = [match.group(1) for match in map(CONSOLE_LINE.search, stderr.splitlines()) if match]
    return [message for message in messages if "source: chrome://" not in message]


def network_requests(stderr: str) -> List[str]:
    """The URLs requested from the network (not local files), less the browser's own requests."""
    urls = [match.group(1) for match in map(REQUEST_LINE.search, stderr.splitlines()) if match]
    return [
        url
        for url in urls
        if not url.startswith(LOCAL_SCHEMES) and not any(part in url for part in BROWSER_OWN_REQUESTS)
    ]


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("out", type=Path, help="the screenshot (PNG)")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=2400)
    parser.add_argument("--dump-dom", type=Path, default=None, help="also write the rendered DOM here")
    parser.add_argument("--chromium", default=None, help="the browser (default: the first Chromium on PATH)")
    args = parser.parse_args(argv)
    if not args.page.is_file():
        parser.error(f"no such page: {args.page}")
    chromium = args.chromium or find_chromium()
    screenshot = [f"--window-size={args.width},{args.height}", f"--screenshot={args.out}"]
    runs = [run_chromium(chromium, args.page, screenshot)]
    if args.dump_dom is not None:
        runs.append(run_chromium(chromium, args.page, ["--dump-dom"]))
        args.dump_dom.write_text(runs[-1].stdout, encoding="utf-8")
    messages = [message for run in runs for message in console_messages(run.stderr)]
    requests = sorted({url for run in runs for url in network_requests(run.stderr)})
    for message in messages:
        print(f"console: {message}", file=sys.stderr)
    for url in requests:
        print(f"request: {url}", file=sys.stderr)
    if not args.out.is_file():
        print(f"no screenshot written; Chromium said:\n{runs[0].stderr[-2000:]}", file=sys.stderr)
        return 2
    return 1 if messages or requests else 0


if __name__ == "__main__":
    sys.exit(main())
