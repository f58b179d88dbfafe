package se.stockholm.brottsofferstod.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.stockholm.brottsofferstod.cases.CaseMessages.Appended;
import se.stockholm.brottsofferstod.cases.CaseMessages.FollowUp;
import se.stockholm.brottsofferstod.intake.Consent;
import se.stockholm.brottsofferstod.intake.Person;
import se.stockholm.brottsofferstod.intake.Source;
import se.stockholm.brottsofferstod.intake.SupportRequest;
import se.stockholm.brottsofferstod.routing.KnownAge;
import se.stockholm.brottsofferstod.routing.Router;
import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Follow-up messages through the real case store: found by sender, added once, listed in order, erased with the case. */
class CaseMessagesTests extends IntakeIntegrationTest {

    @Autowired
    CaseIntake intake;

    @Autowired
    CaseMessages messages;

    @Autowired
    CaseWork work;

    @Autowired
    Router router;

    @Autowired
    JsonMapper json;

    private String phone;
    private String email;

    private String openCase(Instant receivedAt, String text) {
        String unique = Examples.unique();
        phone = "+4670" + String.format("%07d", Math.floorMod(unique.hashCode(), 10_000_000));
        email = "Person." + unique + "@Example.org";
        Person person = new Person("VICTIM", null, null, null, null, null, phone, email, null, "Hökarängen", "sv", null, false);
        SupportRequest request = new SupportRequest(Source.SMS, "SMS", "first-" + unique, receivedAt, person,
                new Consent(true, "SELF", null), null, text, 34, null,
                router.route(new KnownAge(34, "age written in the message"), "Hökarängen", null, null));
        return intake.open(List.of(request)).get(0).caseReference();
    }

    private static FollowUp followUp(String id, Instant at, String text) {
        return new FollowUp(Source.SMS, "SMS", id, at, text);
    }

    @Test
    void theOpenCaseIsFoundByThePhoneNumberInAnyCommonForm() {
        String reference = openCase(Instant.now(), "hej");
        String national = "0" + phone.substring(3);

        assertThat(messages.openCaseForPhone(phone)).map(CaseMessages.OpenCase::caseReference).contains(reference);
        assertThat(messages.openCaseForPhone(national)).map(CaseMessages.OpenCase::caseReference).contains(reference);
        assertThat(messages.openCaseForPhone("00" + phone.substring(1))).map(CaseMessages.OpenCase::partner)
                .contains("boj-sodra-stockholm");
        assertThat(storedCase(reference).get("PHONE_KEY")).isNotEqualTo(phone).asString().hasSize(64);
    }

    @Test
    void theOpenCaseIsFoundByTheEmailAddressWhateverItsCaseAndByItsReference() {
        String reference = openCase(Instant.now(), "hej");

        assertThat(messages.openCaseForEmail(email.toLowerCase())).map(CaseMessages.OpenCase::caseReference).contains(reference);
        assertThat(messages.openCase(reference)).isPresent();
        assertThat(messages.openCaseForEmail("nobody-" + Examples.unique() + "@example.org")).isEmpty();
    }

    @Test
    void aFollowUpIsAddedOnceHoweverOftenItsMessageIdComes() {
        String reference = openCase(Instant.now(), "hej");
        String id = "retry-" + Examples.unique();

        assertThat(messages.append(reference, followUp(id, Instant.now(), "en sak till"))).isEqualTo(Appended.APPENDED);
        assertThat(messages.append(reference, followUp(id, Instant.now(), "en sak till"))).isEqualTo(Appended.DUPLICATE);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_message m JOIN support_case c ON m.case_id = c.id"
                + " WHERE c.case_reference = ?", Integer.class, reference)).isEqualTo(1);
    }

    @Test
    void theMessageThatOpenedTheCaseIsNoFollowUp() {
        String reference = openCase(Instant.now(), "hej");
        String firstId = (String) storedCase(reference).get("EXTERNAL_ID");

        assertThat(messages.append(reference, followUp(firstId, Instant.now(), "hej"))).isEqualTo(Appended.DUPLICATE);
    }

    @Test
    void aFollowUpGoesToThePartnerHoldingTheCase() {
        String reference = openCase(Instant.now(), "hej");

        messages.append(reference, followUp("queued-" + Examples.unique(), Instant.now(), "han har skrivit igen"));

        await().atMost(Duration.ofSeconds(20)).until(() -> countOnQueue("cases.boj-sodra-stockholm",
                "caseReference = '" + reference + "'") == 2);
    }

    @Test
    void theCaseListsItsFirstTextAndEveryFollowUpInTimeOrder() {
        Instant opened = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(3));
        String reference = openCase(opened, "första");
        messages.append(reference, followUp("c-" + Examples.unique(), opened.plus(Duration.ofHours(2)), "tredje"));
        messages.append(reference, followUp("b-" + Examples.unique(), opened.plus(Duration.ofHours(1)), "andra"));

        JsonNode details = json.readTree(get("/api/cases/" + reference, "samordnare", "coord-secret").body());

        assertThat(details.path("messages").findValuesAsString("text")).containsExactly("första", "andra", "tredje");
        assertThat(OffsetDateTime.parse(details.path("messages").get(1).path("receivedAt").asString()).toInstant())
                .isEqualTo(opened.plus(Duration.ofHours(1)));
    }

    @Test
    void aClosedCaseTakesNoFollowUpAndIsNotFoundForItsSender() {
        String reference = openCase(Instant.now(), "hej");
        jdbc.update("UPDATE support_case SET status = 'CLOSED', closed_at = ? WHERE case_reference = ?",
                Timestamp.from(Instant.now()), reference);

        assertThat(messages.append(reference, followUp("late-" + Examples.unique(), Instant.now(), "hallå?")))
                .isEqualTo(Appended.CASE_NOT_OPEN);
        assertThat(messages.openCaseForPhone(phone)).isEmpty();
    }

    @Test
    void retentionErasesTheFollowUpTextsAndTheSenderKeys() {
        String reference = openCase(Instant.now().minus(Duration.ofDays(1)), "hej");
        messages.append(reference, followUp("old-" + Examples.unique(), Instant.now().minus(Duration.ofHours(20)), "mer"));
        assertThat(post("/api/cases/" + reference + "/close", "{\"at\":\"" + OffsetDateTime.now().minusHours(1)
                + "\",\"outcome\":\"SUPPORT_GIVEN\"}", "sodra-1", "staff-secret").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofDays(400));
        work.erasePersonalData();

        assertThat(jdbc.queryForList("SELECT m.text, m.external_id FROM case_message m JOIN support_case c ON m.case_id = c.id"
                + " WHERE c.case_reference = ?", reference)).singleElement()
                .satisfies(row -> assertThat(row.values()).containsOnlyNulls());
        assertThat(storedCase(reference)).containsEntry("PHONE_KEY", null).containsEntry("EMAIL_KEY", null);
    }

    private static org.awaitility.core.ConditionFactory await() {
        return org.awaitility.Awaitility.await();
    }
}
