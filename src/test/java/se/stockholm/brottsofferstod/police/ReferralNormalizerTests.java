package se.stockholm.brottsofferstod.police;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import se.stockholm.brottsofferstod.intake.SupportRequest;
import se.stockholm.brottsofferstod.routing.DistrictDirectory;
import se.stockholm.brottsofferstod.routing.Partners;
import se.stockholm.brottsofferstod.routing.Router;
import se.stockholm.brottsofferstod.support.Examples;
import tools.jackson.databind.json.JsonMapper;

class ReferralNormalizerTests {

    private static final Router ROUTER = new Router(Partners.load(Path.of("config/routing/partners.yml")),
            DistrictDirectory.load(Path.of("config/routing/districts.yml")));
    private final ReferralNormalizer normalizer = new ReferralNormalizer(ROUTER);
    private final JsonMapper json = JsonMapper.builder().build();

    private PoliceReferral referral(String text) {
        return json.readValue(text, PoliceReferral.class);
    }

    @Test
    void referralWithoutConsentCarriesNothingPersonal() {
        SupportRequest request = normalizer.normalize(referral(Examples.read(Examples.MINOR_NO_CONSENT)), "REST", Instant.now());

        assertThat(request.hasConsent()).isFalse();
        assertThat(request.person()).isNull();
        assertThat(request.offence()).isNull();
        assertThat(request.text()).isNull();
        assertThat(request.police()).isNull();
        assertThat(request.routing()).isNull();
        assertThat(request.externalId()).isEqualTo("PM-STHLM-2024-000918");
    }

    @Test
    void adultGetsAgeFromThePersonnummerAtTheReferralsDateAndIsRouted() {
        SupportRequest request = normalizer.normalize(referral(Examples.read(Examples.ADULT)), "FILE", Instant.now());

        assertThat(request.ageYears()).isEqualTo(38);
        assertThat(request.routing().partner()).isEqualTo("boj-sodra-stockholm");
        assertThat(request.routing().reason()).contains("personnummer").contains("postal code").doesNotContain("123 47");
        assertThat(request.person().personalIdentityNumber()).isEqualTo("19851104-5547");
        assertThat(request.police().reportNumber()).isEqualTo("5000-K204511-24");
    }

    @Test
    void birthYearGivesTheAgeWhenThereIsNoIdentityNumber() {
        String line = Examples.read(Examples.BATCH).strip().split("\n")[1];
        SupportRequest request = normalizer.normalize(referral(line), "JMS", Instant.now());

        assertThat(request.ageYears()).isEqualTo(18);
        assertThat(request.routing().partner()).isEqualTo("stodcentrum");
        assertThat(request.routing().reason()).contains("birth year").doesNotContain("2006");
    }

    @Test
    void identityNumberWithAWrongCheckDigitIsAViolationOfThatField() {
        String text = Examples.read(Examples.ADULT).replace("19851104-5547", "19851104-5546");

        assertThatThrownBy(() -> normalizer.normalize(referral(text), "REST", Instant.now()))
                .isInstanceOfSatisfying(ReferralNormalizer.InvalidReferralException.class,
                        e -> assertThat(e.violation().field()).isEqualTo("person.personalIdentityNumber"));
    }
}
