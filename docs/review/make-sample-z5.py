"""Round Z5: a fresh random sample of the merged curation (seed fixed and committed before the full concept reading (round K2) was merged: 20261205).
Method (as rounds S and Z): files in sorted name order, concepts and relations in file order; random.seed(SEED);
random.sample(range(n_relations), 60); random.seed(SEED); random.sample(range(n_concepts), 40)."""
import glob, random, sys, yaml
SEED = 20261205
root = sys.argv[1]
concepts, rels = [], []
for f in sorted(glob.glob(f"{root}/ontology/curation/*.yaml")):
    d = yaml.safe_load(open(f)) or {}
    concepts += d.get("concepts") or []
    rels += d.get("relations") or []
labels = {c["id"]: c for c in concepts}
random.seed(SEED); ri = sorted(random.sample(range(len(rels)), 60))
random.seed(SEED); ci = sorted(random.sample(range(len(concepts)), 40))
yaml.safe_dump({"seed": SEED, "method": __doc__.split("\n", 1)[1], "n_relations": len(rels), "n_concepts": len(concepts),
                "relation_indices": ri, "concept_indices": ci}, open("/work/review/z5/sample.yaml", "w"), allow_unicode=True, sort_keys=False, width=200)
def end(i): c = labels[i]; return {"id": i, "zh": c["zh"], "en": c["en"], "class": c["class"]}
items = [{"index": i, "relation": f'{rels[i]["subject"]} {rels[i]["predicate"]} {rels[i]["object"]}', "subject": end(rels[i]["subject"]),
          "predicate": rels[i]["predicate"], "object": end(rels[i]["object"]), "evidence": rels[i]["evidence"]} for i in ri]
for k in (0, 1):
    yaml.safe_dump({"relations": items[k*30:(k+1)*30]}, open(f"/work/review/z5/packet-z5-{k+1}.yaml", "w"), allow_unicode=True, sort_keys=False, width=200)
keep = ("id", "class", "zh", "en", "alt_zh", "alt_en", "definition_zh", "definition_en", "evidence")
yaml.safe_dump({"concepts": [{"index": i, **{k: concepts[i][k] for k in keep if k in concepts[i]}} for i in ci]},
               open("/work/review/z5/packet-z5-concepts.yaml", "w"), allow_unicode=True, sort_keys=False, width=200)
print(len(rels), "relations,", len(concepts), "concepts; sample written")
