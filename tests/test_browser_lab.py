"""The explorer widget in a real JupyterLab: start a server, open 05_explore.ipynb, run all, click, read the DOM.

The server runs on a free port with its own token, on a copy of the notebook (autosave writes into it)
and of the sample page (reviews are saved beside it), with its own config, settings, workspace and
runtime folders; it is stopped by its own PID.
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from browser import expect, launch, screenshot, sync_playwright

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(url: str, proc, timeout: float = 90) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"jupyter lab did not answer {url} within {timeout} s")


@pytest.fixture(scope="module")
def lab(sample_path, tmp_path_factory):
    """A JupyterLab server on a copy of 05_explore.ipynb (reading a copy of the sample); yields (url, folder)."""
    pytest.importorskip("jupyterlab")
    tmp = tmp_path_factory.mktemp("lab")
    work = tmp / "work"
    work.mkdir()
    shutil.copy(sample_path, work / "page.txt")
    nb = nbformat.read(ROOT / "notebooks" / "05_explore.ipynb", as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    params.source = re.sub(r'^source = .*$', 'source = "page.txt"', params.source, flags=re.M)
    params.source = re.sub(r'^out_dir = .*$', 'out_dir = "figures"', params.source, flags=re.M)
    nbformat.write(nb, work / "05_explore.ipynb")
    # quiet, private settings: no news or update prompts over the notebook
    settings = tmp / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp / "config"), "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(tmp / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"),
           "JUPYTER_PLATFORM_DIRS": "1"}
    port, token = free_port(), secrets.token_hex(16)
    log = open(tmp / "lab.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
         "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work}",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--LabApp.extension_manager=readonly",
         "--ServerApp.terminals_enabled=False", *(["--allow-root"] if os.geteuid() == 0 else [])],
        cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(f"{base}/api/status?token={token}", proc)
        yield f"{base}/lab/tree/05_explore.ipynb?reset&token={token}", work
    finally:
        try:  # shut the server (and its kernels) down by asking it, then by its own PID
            urllib.request.urlopen(urllib.request.Request(f"{base}/api/shutdown?token={token}", method="POST"),
                                   timeout=10).close()
            proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()


def test_widget_in_jupyterlab_runs_jumps_and_reviews(lab):
    url, work = lab
    t_start = time.perf_counter()
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url)
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
        expect(page.locator("#jp-main-statusbar")).to_contain_text("| Idle", timeout=90_000)
        # Run > Run All Cells
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        t0 = time.perf_counter()
        explorer = page.locator(".jp-OutputArea .cg-explorer")
        expect(explorer).to_be_visible(timeout=120_000)
        expect(explorer.locator(".cg-thread")).to_have_count(6, timeout=30_000)
        run_seconds = time.perf_counter() - t0
        # the status line comes from the kernel: where reviews are saved
        expect(explorer.locator(".cg-status")).to_have_text("reviews are saved to page.reviews.csv")

        # pick the longest thread, click '@9 W. Merseburger', see comment 9 highlighted
        first = explorer.locator(".cg-thread").first
        assert first.get_attribute("data-size") == "4"
        first.locator("button").click()
        explorer.locator('.cg-comment[data-number="10"] .cg-ref').click()
        sel = explorer.locator(".cg-comment.cg-selected")
        expect(sel).to_have_attribute("data-number", "9")
        expect(sel.locator(".cg-author")).to_have_text("W. Merseburger")
        explorer.scroll_into_view_if_needed()
        screenshot(page, "lab_widget_jump")

        # review in place: the kernel saves the review beside the data and answers with the scores
        explorer.locator('.cg-comment[data-number="10"] .cg-right').click()
        expect(explorer.locator(".cg-status")).to_have_text(re.compile(
            r"^1 reviewed, saved to page\.reviews\.csv · precision 1\.00, recall 1\.00 on 1 fully reviewed comment$"),
            timeout=30_000)
        expect(explorer.locator('.cg-comment[data-number="10"] .cg-reviewed')).to_contain_text("✓ right")
        # search an author
        explorer.locator(".cg-search").fill("Sabrina")
        expect(explorer.locator(".cg-count")).to_have_text("1 of 6 threads with “Sabrina”")
        screenshot(page, "lab_widget_review")
        assert errors == []
        browser.close()
    rows = pd.read_csv(work / "page.reviews.csv", dtype=str, keep_default_na=False)
    assert rows[["raw", "verdict", "correct_target"]].values.tolist() == [["@9 W. Merseburger", "right", ""]]
    print(f"\nJupyterLab: run-all to widget {run_seconds:.1f} s, whole test {time.perf_counter() - t_start:.1f} s")
