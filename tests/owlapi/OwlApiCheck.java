// An independent judge: OWL API 5.1.9 (Protégé's and ROBOT's library) loads an RDF file as an ontology, reports
// its OWL 2 DL profile violations, and saves it again, so the tests can compare what went in with what came out.
//
//   java -cp '.cache/owlapi/*' tests/owlapi/OwlApiCheck.java FILE [SAVED_FILE turtle|rdfxml]
//   java -cp '.cache/owlapi/*' tests/owlapi/OwlApiCheck.java FILE --reason CLASS_IRI
//
// Prints one line per profile violation, then "violations: N" and "axioms: N"; with --reason, HermiT's
// "consistent: true|false" and "instances: N" (the named individuals it infers to be of CLASS_IRI).
// Exit 0 when it loaded.

import java.io.File;
import java.util.List;
import java.util.stream.Collectors;

import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.NTriplesDocumentFormat;
import org.semanticweb.owlapi.formats.RDFXMLDocumentFormat;
import org.semanticweb.owlapi.formats.TurtleDocumentFormat;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLDocumentFormat;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class OwlApiCheck {
    static OWLDocumentFormat formatFor(String name) {
        if (name.endsWith(".nt") || name.equals("ntriples")) return new NTriplesDocumentFormat();
        if (name.endsWith(".rdf") || name.equals("rdfxml")) return new RDFXMLDocumentFormat();
        return new TurtleDocumentFormat();
    }

    public static void main(String[] args) throws Exception {
        File input = new File(args[0]);
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntologyLoaderConfiguration config = new OWLOntologyLoaderConfiguration()
                .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT)
                .setStrict(false);
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(
                new FileDocumentSource(input, formatFor(args[0])), config);
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        List<String> lines = report.getViolations().stream()
                .map(OWLProfileViolation::toString)
                .map(s -> s.replace('\n', ' '))
                .sorted()
                .collect(Collectors.toList());
        for (String line : lines) System.out.println("violation: " + line);
        System.out.println("violations: " + lines.size());
        System.out.println("axioms: " + ontology.getAxiomCount());
        if (args.length >= 3 && args[1].equals("--reason")) {
            org.semanticweb.owlapi.reasoner.OWLReasoner reasoner =
                    new org.semanticweb.HermiT.ReasonerFactory().createReasoner(ontology);
            boolean consistent = reasoner.isConsistent();
            System.out.println("consistent: " + consistent);
            if (consistent) {
                org.semanticweb.owlapi.model.OWLClass cls =
                        manager.getOWLDataFactory().getOWLClass(IRI.create(args[2]));
                System.out.println("instances: " + reasoner.getInstances(cls, false).entities().count());
            }
            reasoner.dispose();
        } else if (args.length >= 3) {
            manager.saveOntology(ontology, formatFor(args[2]), IRI.create(new File(args[1]).toURI()));
        }
    }
}
