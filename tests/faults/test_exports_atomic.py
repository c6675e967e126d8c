"""Exports are published as one set: a SIGKILL injected (with strace) at every step of a publication leaves
the complete old set or the complete new set, and the next build removes what the killed one left."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, require
from kg1571.cli import main
from kg1571.exports import write_exports, writers

pytestmark = pytest.mark.slow  # real builds, forks, servers or timeouts

OLD = {
    name: f"old {name}\n".encode()
    for name in writers()  # every export file name (a public contract)
}
NEW = {name: f"new {name}\n".encode() * 1000 for name in OLD}

#: The system calls of a publication: staging folder, each file's fsync, the swap, the clean-up.
STEPS = ("mkdir", "fsync", "rename", "renameat2", "unlink", "unlinkat", "rmdir")

DRIVER = textwrap.dedent("""\
    import sys
    from pathlib import Path
    import kg1571.exports as exports
    if sys.argv[2] == "two-renames":
        exports._exchange = lambda a, b: False  # as on a system without renameat2(RENAME_EXCHANGE)
    new = {name: f"new {name}\\n".encode() * 1000 for name in exports.writers()}
    exports.write_exports(new, Path(sys.argv[1]))
""")


def contents(folder: Path) -> dict[str, bytes] | None:
    if not folder.is_dir():
        return None
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.rglob(".kg1571-*"))


def publish(out: Path, mode: str, inject: str | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", DRIVER, str(out), mode]
    if inject:
        command = ["strace", "-f", "-o", os.devnull, "-e", f"inject={inject}", *command]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def count_steps(tmp_path: Path, mode: str) -> dict[str, int]:
    """How often each step's system call happens in one publication (strace -c of an uninjected run)."""
    out = tmp_path / "count" / "exports"
    out.mkdir(parents=True)
    write_exports(OLD, out)
    summary = tmp_path / "summary.txt"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run(
        [
            "strace",
            "-f",
            "-c",
            "-o",
            str(summary),
            "-e",
            f"trace={','.join(STEPS)}",
            sys.executable,
            "-c",
            DRIVER,
            str(out),
            mode,
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    counts = {}
    for line in summary.read_text().splitlines():
        parts = line.split()
        if parts and parts[-1] in STEPS:
            counts[parts[-1]] = int(parts[3]) if len(parts) >= 6 else int(parts[3])
    shutil.rmtree(tmp_path / "count")
    return counts


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["exchange", "two-renames"])
def test_a_sigkill_at_any_step_leaves_the_old_or_the_new_set(tmp_path, mode):
    require(shutil.which("strace") is not None, "strace is not installed")
    counts = count_steps(tmp_path, mode)
    swap = "renameat2" if mode == "exchange" else "rename"
    assert counts.get(swap, 0) >= 1, counts  # the swap is among the injected steps
    outcomes = {"old": 0, "new": 0}
    for call, times in sorted(counts.items()):
        for when in range(1, times + 1):
            case = tmp_path / f"{call}-{when}"
            out = case / "exports"
            out.mkdir(parents=True)
            write_exports(OLD, out)
            done = publish(out, mode, f"{call}:signal=KILL:when={when}")
            assert done.returncode != 0, f"{call} #{when}: the injected SIGKILL did not happen"
            seen = contents(out)
            if mode == "two-renames" and seen is None:
                pass  # killed between the two renames: no folder; the next build restores the old one
            else:
                assert seen in (OLD, NEW), f"{call} #{when}: a mixed set {sorted((seen or {}).items())[:2]}"
                outcomes["old" if seen == OLD else "new"] += 1
            done = publish(out, mode)  # the next build recovers and publishes
            assert done.returncode == 0, done.stderr
            assert contents(out) == NEW
            assert leftovers(case) == [], f"{call} #{when}: left behind"
    assert outcomes["old"] and outcomes["new"]  # kills landed before and after the swap


@pytest.mark.slow
def test_a_real_build_killed_at_the_swap_keeps_the_old_set(tmp_project):
    require(shutil.which("strace") is not None, "strace is not installed")
    kg1571 = [sys.executable, "-m", "kg1571", "build", "--root", str(tmp_project)]
    assert subprocess.run(kg1571, capture_output=True, check=False).returncode == 0
    exports = tmp_project / "exports"
    before = contents(exports)
    (tmp_project / "ontology" / "curation" / "core.yaml").write_text(
        (tmp_project / "ontology" / "curation" / "core.yaml")
        .read_text(encoding="utf-8")
        .replace("The “1571” work plan", "The 1571 work plan"),
        encoding="utf-8",
    )
    done = subprocess.run(
        ["strace", "-f", "-o", os.devnull, "-e", "inject=renameat2:signal=KILL:when=1", *kg1571],
        capture_output=True,
        check=False,
    )
    assert done.returncode != 0
    assert contents(exports) == before
    assert leftovers(tmp_project) != []  # the staging folder of the killed build ...
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "--no-index", leftovers(tmp_project)[0] + "/"], cwd=ROOT, check=False
    )
    assert ignored.returncode == 0  # ... is ignored by git
    assert subprocess.run(kg1571, capture_output=True, check=False).returncode == 0
    assert leftovers(tmp_project) == []  # ... and removed by the next build
    assert b"The 1571 work plan" in (exports / "kg1571.ttl").read_bytes()


def test_out_on_another_filesystem(tmp_project, capsys):
    shm = Path("/dev/shm")
    require(shm.is_dir() and os.stat(shm).st_dev != os.stat(tmp_project).st_dev, "no /dev/shm on another filesystem")
    out = shm / f"kg1571-test-{os.getpid()}" / "exports"
    try:
        assert main(["build", "--root", str(tmp_project), "--out", str(out)]) == 0
        assert sorted(p.name for p in out.iterdir()) == sorted(OLD)
        assert main(["build", "--root", str(tmp_project), "--out", str(out)]) == 0  # and the swap over an old set
        assert leftovers(out.parent) == []
    finally:
        shutil.rmtree(out.parent, ignore_errors=True)


def test_out_that_is_a_mount_point_is_written_file_by_file(tmp_project, capsys):
    shm = Path("/dev/shm")
    require(os.path.ismount(shm) and os.access(shm, os.W_OK), "/dev/shm is not a writable mount point")
    # /dev/shm itself cannot be renamed: the files are replaced one by one, and the command says so.
    # (Checked on a private copy of the publication logic's decision only, not by writing into /dev/shm.)
    from kg1571.exports import _why_not_one_set

    assert _why_not_one_set(shm, set(OLD)) == "/dev/shm is a mount point"


def test_a_folder_with_other_files_keeps_them(tmp_project, tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert main(["build", "--root", str(tmp_project), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"note: {out} holds files that are not exports (notes.txt), so the files were replaced one by one" in printed
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in out.iterdir()) == sorted([*OLD, "notes.txt"])


def test_out_that_is_a_file(tmp_project, tmp_path, capsys):
    target = tmp_path / "a-file"
    target.write_text("x", encoding="utf-8")
    assert main(["build", "--root", str(tmp_project), "--out", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"Error: {target}: is a file, not a folder; pass --out a folder (it is created if missing)\n"
    )
    assert target.read_text(encoding="utf-8") == "x"


def test_an_export_path_that_is_a_folder_fails_before_anything_is_replaced(tmp_project, capsys):
    assert main(["build", "--root", str(tmp_project)]) == 0
    exports = tmp_project / "exports"
    (exports / "kg1571.html").unlink()
    (exports / "kg1571.html").mkdir()
    before = {p.name: p.read_bytes() for p in exports.iterdir() if p.is_file()}
    capsys.readouterr()
    assert main(["build", "--root", str(tmp_project)]) == 2
    assert capsys.readouterr().err == (
        f"Error: {exports / 'kg1571.html'}: is a folder, where the export kg1571.html goes; "
        "remove it or choose another --out\n"
    )
    assert {p.name: p.read_bytes() for p in exports.iterdir() if p.is_file()} == before
