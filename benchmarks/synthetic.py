"""Generate a synthetic kg1571 project of N concepts, in the same format as ontology/ and source/.

Usage: python benchmarks/synthetic.py N OUT_DIR [--dense]

The source text grows in proportion to N (one sentence per concept and per relation), every quote is
unique in it, and every concept is connected to the framework, so the whole pipeline (checks, evidence
search, SHACL, exports, layout) runs exactly as on the real curation.

``--dense`` (what benchmarks/run.py measures, issue #12): about 3 relations and 2 quotes per concept,
about 105 triples per concept (1.05M at 10k), the density of the real curation's richest parts.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLASSES = ["Domain", "Industry", "Problem", "Initiative", "Goal", "Principle", "Theory", "RegionType"]
PREDICATES = ["supports", "focusesOn", "addresses", "contributesTo", "requires", "guides"]
SECTION_SIZE = 200  # sentences per synthetic section


def label(i: int) -> str:
    return f"第{i}号概念"


def generate(n: int, out: Path, dense: bool = False) -> Path:
    """Write the project under ``out`` and return it (``dense``: see the module's docstring)."""
    if out.exists():
        shutil.rmtree(out)
    (out / "ontology" / "curation").mkdir(parents=True)
    (out / "source").mkdir()
    for name in ("vocabulary.ttl", "shapes.ttl", "context.jsonld"):
        shutil.copy(ROOT / "ontology" / name, out / "ontology" / name)

    sentences: list[str] = [f"{label(0)}是总体工作部署。"]
    concepts = [
        "concepts:",
        "  - id: c0",
        "    class: Framework",
        f"    zh: {label(0)}",
        "    en: Concept 0",
        "    evidence:",
        f"      - {label(0)}是总体工作部署",
    ]
    relations = ["relations:"]
    for i in range(1, n):
        cls = CLASSES[i % len(CLASSES)]
        sentences.append(f"{label(i)}属于{cls}类别，其含义在此说明。")
        concepts += [
            f"  - id: c{i}",
            f"    class: {cls}",
            f"    zh: {label(i)}",
            f"    en: Concept {i}",
            f"    definition_zh: {label(i)}的定义",
            f"    definition_en: Definition of concept {i}",
            "    evidence:",
            f"      - {label(i)}属于{cls}类别",
        ]
        if dense:
            sentences.append(f"{label(i)}的第二条依据在此。")
            concepts.append(f"      - {label(i)}的第二条依据")
        parent = (i - 1) // 3  # a tree under the framework: every concept is connected
        predicate = "hasComponent" if parent == 0 else PREDICATES[i % len(PREDICATES)]
        if predicate == "hasComponent":
            concepts.append(f"    order: {i}")
        sentences.append(f"{label(parent)}与{label(i)}之间存在{predicate}关系。")
        relations += [
            f"  - subject: c{parent}",
            f"    predicate: {predicate}",
            f"    object: c{i}",
            "    evidence:",
            f"      - {label(parent)}与{label(i)}之间存在{predicate}关系",
        ]
        if dense and i > 1:  # two more relations per concept, to concepts nearer the framework
            for step, target in ((1, i // 2), (2, i // 3)):
                extra = PREDICATES[(i + step) % len(PREDICATES)]
                sentences.append(f"{label(i)}对{label(target)}具有{extra}作用。")
                relations += [
                    f"  - subject: c{i}",
                    f"    predicate: {extra}",
                    f"    object: c{target}",
                    "    evidence:",
                    f"      - {label(i)}对{label(target)}具有{extra}作用",
                ]
        elif i % 5 == 0 and i > 10:  # some cross links, so the network is not only a tree
            other = i // 2
            sentences.append(f"{label(i)}和{label(other)}相互关联。")
            relations += [
                f"  - subject: c{i}",
                "    predicate: skos:related",
                f"    object: c{other}",
                "    evidence:",
                f"      - {label(i)}和{label(other)}相互关联",
            ]

    text = ""
    sections = ["sections:"]
    for start_index in range(0, len(sentences), SECTION_SIZE):
        chunk = "\n".join(sentences[start_index : start_index + SECTION_SIZE]) + "\n"
        start = len(text)
        text += chunk
        number = start_index // SECTION_SIZE + 1
        sections += [
            f"  - id: part-{number}",
            "    kind: subsection",
            "    heading: null",
            "    parent: null",
            "    spans:",
            f'      - {{start: {start}, end: {len(text)}, begins: "{chunk[:6]}"}}',
        ]
    raw = text.encode("utf-8")
    (out / "source" / "synthetic.zh.txt").write_bytes(raw)
    (out / "source" / "metadata.yaml").write_text(
        "id: synthetic\nfile: synthetic.zh.txt\ntitle: 合成测试文本\ncreator: kg1571 benchmarks\nlanguage: zh-Hans\n"
        f"sha256: {hashlib.sha256(raw).hexdigest()}\n",
        encoding="utf-8",
    )
    (out / "source" / "structure.yaml").write_text("\n".join(sections) + "\n", encoding="utf-8")
    (out / "ontology" / "curation" / "synthetic.yaml").write_text(
        "\n".join(concepts + relations) + "\n", encoding="utf-8"
    )
    return out


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]), dense="--dense" in sys.argv[3:])
