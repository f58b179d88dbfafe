package se.stockholm.brottsofferstod.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The partnership's partners and the age limit between the youth partner and the jours, from the routing data. */
public record Partners(String youthPartner, int ageLimit, List<Partner> all) {

    public record Partner(String id, String name, String organisationNumber, String serves) {
    }

    public static Partners load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read routing data " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Partners load(InputStream yaml) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        List<Partner> partners = ((List<Map<String, Object>>) root.get("partners")).stream()
                .map(p -> new Partner((String) p.get("id"), (String) p.get("name"),
                        (String) p.get("organisationNumber"), (String) p.get("serves")))
                .toList();
        return new Partners((String) root.get("youthPartner"), ((Number) root.get("ageLimit")).intValue(), partners);
    }

    /** The partner's name, if {@code id} is one of the partners (triage and outside area are not). */
    public java.util.Optional<String> nameOf(String id) {
        return all.stream().filter(p -> p.id().equals(id)).map(Partner::name).findFirst();
    }

    public List<String> ids() {
        return all.stream().map(Partner::id).toList();
    }

    /** Every queue a case can go to: one per partner, triage and outside area. */
    public List<String> caseQueues() {
        List<String> destinations = new ArrayList<>(ids());
        destinations.add(RoutingDecision.TRIAGE);
        destinations.add(RoutingDecision.OUTSIDE_AREA);
        return destinations.stream().map(RoutingDecision::queueOf).toList();
    }
}
