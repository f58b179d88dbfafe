package se.stockholm.brottsofferstod.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Where the coordinator may hand over a case from outside the city: other municipalities' own agreements with one of
 * our partners (seed 004: Norrtälje's IOP with Brottsofferjouren Stockholm-Gotland), read from the desk's data file.
 */
record Handovers(List<Handover> all) {

    /** @param id a short name for the form, {@code partner} the partner that takes the case under this agreement */
    record Handover(String id, String municipality, String partner) {
    }

    @SuppressWarnings("unchecked")
    static Handovers load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return new Handovers(((List<Map<String, Object>>) root.get("handovers")).stream()
                    .map(h -> new Handover((String) h.get("id"), (String) h.get("municipality"), (String) h.get("partner")))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the desk's hand-over data " + file, e);
        }
    }

    Optional<Handover> byId(String id) {
        return all.stream().filter(h -> h.id().equals(id)).findFirst();
    }
}
