package se.stockholm.brottsofferstod.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KeysTests {

    private final Keys keys = new Keys("a-test-secret-of-at-least-32-characters");

    @Nested
    class Keyed {

        @Test
        void manyThreadsAtOnceGetTheKeysOneThreadGets() throws Exception {
            List<String> numbers = IntStream.range(0, 2_000).mapToObj(i -> "+4670%07d".formatted(i)).toList();
            List<String> alone = numbers.stream().map(keys::phone).toList();
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<String>> together = threads.invokeAll(numbers.stream()
                        .<Callable<String>>map(number -> () -> keys.phone(number)).toList());
                for (int i = 0; i < numbers.size(); i++) {
                    assertThat(together.get(i).get()).as(numbers.get(i)).isEqualTo(alone.get(i));
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(new HashSet<>(alone)).hasSize(numbers.size());
        }

        @Test
        void aPhoneKeyCannotBeBuiltFromTheNumberAlone() {
            assertThat(keys.phone("070-123 45 67")).isNotEqualTo(Sha256.hex("phone:46701234567")).hasSize(64);
        }

        @Test
        void anotherSecretGivesOtherKeys() {
            Keys other = new Keys("another-secret-of-at-least-32-characters");

            assertThat(other.phone("0701234567")).isNotEqualTo(keys.phone("0701234567"));
            assertThat(other.email("a@b.se")).isNotEqualTo(keys.email("a@b.se"));
            assertThat(other.receipt(Source.POLICE, "PM-1")).isNotEqualTo(keys.receipt(Source.POLICE, "PM-1"));
        }

        @Test
        void aNoConsentReceiptIsNotThePlainHashOfTheReferralId() {
            assertThat(keys.receipt(Source.POLICE, "PM-STHLM-2024-000918")).isNotEqualTo(Sha256.hex("POLICE:PM-STHLM-2024-000918"));
        }

        @Test
        void eachKindOfKeyHasItsOwnLabel() {
            assertThat(keys.email("x@y.se")).isNotEqualTo(keys.recipient("x@y.se"));
            assertThat(keys.logId("abc")).hasSize(12).isNotEqualTo(keys.receipt(Source.EMAIL, "abc").substring(0, 12));
        }
    }

    @Nested
    class SamePersonSameKey {

        @Test
        void aNumberInAnyCommonFormGivesOneKey() {
            String key = keys.phone("+46701234567");
            assertThat(keys.phone("070-123 45 67")).isEqualTo(key);
            assertThat(keys.phone("0046 70 123 45 67")).isEqualTo(key);
            assertThat(keys.phone("no number")).isNull();
        }

        @Test
        void anAddressInAnyCaseGivesOneKey() {
            assertThat(keys.email(" Anna@Example.SE ")).isEqualTo(keys.email("anna@example.se"));
            assertThat(keys.email(" ")).isNull();
        }
    }

    @Nested
    class TheSecret {

        @Test
        void isRequiredInProduction() {
            assertThatThrownBy(() -> KeysConfiguration.secretFor("", false)).hasMessageContaining("INTAKE_KEYS_SECRET");
        }

        @Test
        void mustBeLongAndNotTheDevelopmentOneInProduction() {
            assertThatThrownBy(() -> KeysConfiguration.secretFor("short", false)).hasMessageContaining("at least 32");
            assertThatThrownBy(() -> KeysConfiguration.secretFor(KeysConfiguration.DEVELOPMENT_SECRET, false))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void hasAPublicDefaultOnlyInDevelopment() {
            assertThat(KeysConfiguration.secretFor("", true)).isEqualTo(KeysConfiguration.DEVELOPMENT_SECRET);
            assertThat(KeysConfiguration.secretFor("x".repeat(40), false)).isEqualTo("x".repeat(40));
        }
    }
}
