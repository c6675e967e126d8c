"""A fresh random sample of the curation for the second readers (rounds Z3, Z4, Z5, Z6).

Each round's seed was committed before the round it measures was merged: Z3 in a1c49a2, Z4 in e5fe442, Z5 in a2d2554
(each then as its own make-sample-zN.py, merged into this one script afterwards with the same method and output), Z6
in 9456e69 (added here, before round R5 was merged).

Method (as rounds S and Z): files in sorted name order, concepts and relations in file order; random.seed(SEED);
random.sample(range(n_relations), 60); random.seed(SEED); random.sample(range(n_concepts), 40).
Usage: python docs/review/make_sample.py z5 <checkout> [<out folder, default /work/review/z5>]
"""

import glob
import random
import sys

import yaml

SEEDS = {"z3": 20261203, "z4": 20261204, "z5": 20261205, "z6": 20261206}


def dump(data: object, path: str) -> None:
    yaml.safe_dump(data, open(path, "w"), allow_unicode=True, sort_keys=False, width=200)


def main(name: str, root: str, out: str) -> None:
    seed = SEEDS[name]
    concepts, rels = [], []
    for f in sorted(glob.glob(f"{root}/ontology/curation/*.yaml")):
        d = yaml.safe_load(open(f)) or {}
        concepts += d.get("concepts") or []
        rels += d.get("relations") or []
    labels = {c["id"]: c for c in concepts}
    random.seed(seed)
    ri = sorted(random.sample(range(len(rels)), 60))
    random.seed(seed)
    ci = sorted(random.sample(range(len(concepts)), 40))
    method = (__doc__ or "").split("\n\n")[2].split("Usage:")[0].strip()
    sample = {"seed": seed, "method": method, "n_relations": len(rels), "n_concepts": len(concepts)}
    dump(sample | {"relation_indices": ri, "concept_indices": ci}, f"{out}/sample.yaml")

    def end(i: str) -> dict:
        c = labels[i]
        return {"id": i, "zh": c["zh"], "en": c["en"], "class": c["class"]}

    items = [
        {
            "index": i,
            "relation": f"{rels[i]['subject']} {rels[i]['predicate']} {rels[i]['object']}",
            "subject": end(rels[i]["subject"]),
            "predicate": rels[i]["predicate"],
            "object": end(rels[i]["object"]),
            "evidence": rels[i]["evidence"],
        }
        for i in ri
    ]
    for k in (0, 1):
        dump({"relations": items[k * 30 : (k + 1) * 30]}, f"{out}/packet-{name}-{k + 1}.yaml")
    keep = ("id", "class", "zh", "en", "alt_zh", "alt_en", "definition_zh", "definition_en", "evidence")
    dump(
        {"concepts": [{"index": i, **{k: concepts[i][k] for k in keep if k in concepts[i]}} for i in ci]},
        f"{out}/packet-{name}-concepts.yaml",
    )
    print(len(rels), "relations,", len(concepts), "concepts; sample written")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else f"/work/review/{sys.argv[1]}")
