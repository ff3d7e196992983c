// Print every OWL 2 DL profile violation the OWL API finds in one ontology document,
// one per line as "<violation kind>\t<description>". Run with the OWL API that
// owlready2's HermiT.jar bundles, through Java's source launcher (no build step):
//
//     java -cp HermiT.jar tests/owl/DLProfile.java ontology.nt
import java.io.File;

import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class DLProfile {
    public static void main(String[] args) throws Exception {
        OWLOntology ontology = OWLManager.createOWLOntologyManager()
            .loadOntologyFromOntologyDocument(new File(args[0]));
        for (OWLProfileViolation violation : new OWL2DLProfile().checkOntology(ontology).getViolations()) {
            String text = violation.toString().replace('\n', ' ');
            System.out.println(violation.getClass().getSimpleName() + "\t" + text);
        }
    }
}
