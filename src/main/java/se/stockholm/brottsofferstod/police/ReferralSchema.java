package se.stockholm.brottsofferstod.police;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;

/**
 * The police referral schema of the contract (a copy is kept in the project and a test keeps it equal to
 * the contract's), with format assertions on, so that a {@code sentAt} of "yesterday" is refused.
 */
final class ReferralSchema {

    static final String RESOURCE = "/contract/police-referral.schema.json";

    private final Schema schema;

    ReferralSchema() {
        // English messages whatever the machine's locale: the validator also ships Swedish ones
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).locale(Locale.ENGLISH).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
        try (InputStream in = ReferralSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema " + RESOURCE + " is missing from the classpath");
            }
            this.schema = registry.getSchema(SchemaLocation.of("urn:brottsofferstod:police-referral.schema.json"), in,
                    InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Violation> check(JsonNode referral) {
        return schema.validate(referral).stream().map(ReferralSchema::toViolation).toList();
    }

    /** The field as a dotted path; the validator's messages name the rule, not the value. */
    private static Violation toViolation(Error error) {
        String location = error.getInstanceLocation().toString();
        String path = location.startsWith("/") ? location.substring(1).replace('/', '.') : location;
        if (error.getProperty() != null) {
            path = path.isEmpty() ? error.getProperty() : path + "." + error.getProperty();
        }
        String reason = switch (error.getKeyword()) {
            case "required" -> "is required";
            case "additionalProperties" -> "is not a field of a police referral";
            default -> error.getMessage();
        };
        return new Violation(path.isEmpty() ? null : path, reason);
    }
}
