"""Write graph/explorer/vendor/oxigraph/THIRD-PARTY-NOTICES.txt: the Rust crates compiled into Oxigraph's
WebAssembly build, with their licences and notices (see scripts/vendor-oxigraph.sh for when to run it).

Inputs (no cargo needed, nothing fetched by this script):
  --lock / --workspace   Cargo.lock and the workspace crates' Cargo.toml of the Oxigraph release
                         (a clone of the oxigraph repository at the release tag)
  --wasm                 the vendored web_bg.wasm: the crate-version source paths it embeds (panic locations)
                         confirm which crates and versions were compiled in
  --debian               a folder of Debian librust-<crate>-dev packages unpacked one per sub-folder: their
                         Cargo.toml gives the licence, their LICENSE files and debian/copyright the notices

The crate list is the lock's dependency graph from oxigraph-js, following the workspace crates' own
Cargo.toml (normal and wasm32 dependencies, no dev-dependencies) and leaving out the platform layers that
are gated off wasm32-unknown-unknown. Build-time crates (proc macros, build scripts) are listed apart.
A crate whose licence no input states is marked NOT VERIFIED, never guessed.
"""

from __future__ import annotations

import argparse
import re
import tomllib
from pathlib import Path

WORKSPACE = (
    "oxigraph",
    "oxrdf",
    "oxrdfio",
    "oxttl",
    "oxrdfxml",
    "oxjsonld",
    "spargebra",
    "sparesults",
    "sparopt",
    "spareval",
    "spargeo",
    "oxsdatatypes",
)
NOT_WASM = re.compile(
    r"^(windows.*|winapi.*|wasi|wasip2|wit-bindgen.*|libc|hermit-abi|redox_syscall|r-efi|"
    r"linux-raw-sys|rustix|errno|signal-hook-registry|mio|socket2)$"
)
BUILD_ONLY = {
    "syn",
    "quote",
    "proc-macro2",
    "unicode-ident",
    "peg-macros",
    "serde_derive",
    "thiserror-impl",
    "wasm-bindgen-macro",
    "wasm-bindgen-macro-support",
    "wasm-bindgen-shared",
    "tokio-macros",
    "autocfg",
    "rustc_version",
    "version_check",
    "semver",
    "zerocopy-derive",
    "rustversion",
}


def workspace_deps(manifest: dict, name: str) -> set[str]:
    """The dependencies a wasm32 build of a workspace crate compiles (serde of oxrdf: nothing enables it)."""
    names = set(manifest.get("dependencies", {}))
    for cfg, section in manifest.get("target", {}).items():
        if 'not(target_family = "wasm")' not in cfg:
            names |= set(section.get("dependencies", {}))
    if name == "oxrdf":
        names.discard("serde")
    return names


def crates(lock: dict, manifests: dict[str, dict]) -> list[tuple[str, str]]:
    by_name: dict[str, list[dict]] = {}
    for package in lock["package"]:
        by_name.setdefault(package["name"], []).append(package)

    def resolve(dep: str) -> dict:
        name, *version = dep.split(" ")
        found = [p for p in by_name[name] if not version or p["version"] == version[0]]
        if len(found) != 1:
            raise ValueError(f"Cargo.lock: {dep!r} matches {len(found)} packages")
        return found[0]

    seen: dict[tuple[str, str], dict] = {}
    stack = ["oxigraph-js"]
    while stack:
        package = resolve(stack.pop())
        key = (package["name"], package["version"])
        if key in seen:
            continue
        seen[key] = package
        deps = package.get("dependencies", [])
        if package["name"] in manifests:
            allowed = workspace_deps(manifests[package["name"]], package["name"])
            deps = [d for d in deps if d.split(" ")[0] in allowed]
        stack.extend(d for d in deps if not NOT_WASM.match(d.split(" ")[0]))
    return sorted(seen)


def wasm_crates(wasm: Path) -> set[str]:
    text = wasm.read_bytes().decode("latin-1")
    return set(re.findall(r"registry/src/[^/]+/([A-Za-z0-9_.+-]+-\d+\.\d+\.\d+[A-Za-z0-9.+-]*)/", text))


def debian_info(folder: Path) -> dict[str, tuple[str, str, str]]:
    """crate name -> (Debian's crate version, licence from its Cargo.toml, notice text)."""
    out = {}
    for registry in sorted(folder.glob("*/usr/share/cargo/registry/*")):
        manifest = tomllib.loads((registry / "Cargo.toml").read_text(encoding="utf-8"))["package"]
        notices = []
        for licence in sorted(registry.glob("LICEN[CS]E*")) + sorted(registry.glob("COPYING*")):
            if "APACHE" not in licence.name.upper():  # the Apache-2.0 text is given once, below
                notices.append(licence.read_text(encoding="utf-8", errors="replace").strip())
        if not notices:
            copyright_file = next(registry.parents[4].glob("usr/share/doc/*/copyright"))
            stanza = copyright_file.read_text(encoding="utf-8").split("\n\n")[1]
            notices.append("(from Debian's debian/copyright)\n" + stanza.strip())
        out[manifest["name"]] = (
            manifest["version"],
            manifest.get("license", "").replace("/", " OR "),
            "\n\n".join(notices),
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lock", type=Path, required=True)
    parser.add_argument("--workspace", type=Path, required=True, help="the oxigraph repository at the tag")
    parser.add_argument("--release", required=True, help="the release whose Cargo.lock is given, e.g. 0.5.9")
    parser.add_argument("--wasm", type=Path, required=True)
    parser.add_argument("--debian", type=Path, required=True)
    parser.add_argument("--apache", type=Path, default=Path("/usr/share/common-licenses/Apache-2.0"))
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    manifests = {n: tomllib.loads((args.workspace / "lib" / n / "Cargo.toml").read_text()) for n in WORKSPACE}
    manifests["oxigraph-js"] = tomllib.loads((args.workspace / "js" / "Cargo.toml").read_text())
    listed = crates(tomllib.loads(args.lock.read_text()), manifests)
    in_wasm = wasm_crates(args.wasm)
    debian = debian_info(args.debian)
    unlisted = in_wasm - {f"{n}-{v}" for n, v in listed}
    if unlisted:
        raise SystemExit(f"the wasm embeds crates the lock's graph does not reach: {sorted(unlisted)}")
    lines = [
        "Third-party notices: Rust crates compiled into Oxigraph's WebAssembly build",
        "(graph/explorer/vendor/oxigraph/web_bg.wasm, npm oxigraph 0.5.11; Oxigraph itself: LICENSE.txt)",
        "",
        f"Crate list: the dependency graph of oxigraph-js in Oxigraph {args.release}'s Cargo.lock for",
        "wasm32-unknown-unknown (scripts/oxigraph-notices.py says how). The 0.5.11 tag's Cargo.lock was not",
        f"available when this was written; {len(in_wasm)} crates name their exact version in source paths",
        f"embedded in the wasm, and every one of them is in the {args.release} lock at that same version",
        "(column 'in wasm'). Licences: from the crate's Cargo.toml as packaged by Debian (librust-<crate>-dev);",
        "when Debian's version differs, that version is named, so a licence change between versions would show",
        "there. 'NOT VERIFIED': no input of ours states the licence; Oxigraph's cargo-deny configuration",
        "(deny.toml, checked in its CI) admits only Apache-2.0, Apache-2.0 WITH LLVM-exception, BSD-3-Clause,",
        "CDLA-Permissive-2.0, ISC, MIT, Unicode-3.0 and Zlib for every dependency.",
        "",
        f"{'crate':28} {'version':10} {'in wasm':8} licence (source)",
    ]
    runtime = [(n, v) for n, v in listed if n not in BUILD_ONLY]
    build = [(n, v) for n, v in listed if n in BUILD_ONLY]
    for name, version in runtime:
        ours = name in manifests
        if ours:
            licence = "MIT OR Apache-2.0 (Oxigraph's workspace Cargo.toml)"
        elif name in debian:
            deb_version, deb_licence, _ = debian[name]
            where = "Debian, same version" if deb_version == version else f"Debian's {deb_version}"
            licence = f"{deb_licence or 'NOT VERIFIED (no licence field)'} ({where})"
        else:
            licence = "NOT VERIFIED (not packaged in Debian)"
        seen = "yes" if f"{name}-{version}" in in_wasm else ("ours" if ours else "-")
        lines.append(f"{name:28} {version:10} {seen:8} {licence}")
    lines += [
        "",
        "Build-time only (proc macros, build scripts: their code is not in the wasm):",
        "  " + ", ".join(f"{n} {v}" for n, v in build),
        "",
    ]
    lines += [
        "=" * 100,
        "Notices of the crates above, as their packages ship them (MIT, Unlicense, Zlib ...)",
        "=" * 100,
    ]
    for name in sorted({n for n, _ in runtime if n in debian and n not in manifests}):
        lines += ["", f"--- {name} (Debian's librust package, crate version {debian[name][0]})", debian[name][2]]
    lines += [
        "",
        "=" * 100,
        "Apache License 2.0 (the text every 'Apache-2.0' above refers to)",
        "=" * 100,
        "",
        args.apache.read_text(encoding="utf-8").strip(),
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    unverified = sum(1 for n, _ in runtime if n not in debian and n not in manifests)
    print(f"wrote {args.out}: {len(runtime)} crates, {unverified} not verified")


if __name__ == "__main__":
    main()
