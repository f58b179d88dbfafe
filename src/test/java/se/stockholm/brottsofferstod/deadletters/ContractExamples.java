package se.stockholm.brottsofferstod.deadletters;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The contract's example referral as the service packages it (for the OpenAPI document), with a referral id of our own. */
final class ContractExamples {

    private ContractExamples() {
    }

    static String adult(String referralId) {
        try (InputStream in = ContractExamples.class.getResourceAsStream("/contract/examples/police-referral-adult.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("PM-STHLM-2024-000917", referralId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
