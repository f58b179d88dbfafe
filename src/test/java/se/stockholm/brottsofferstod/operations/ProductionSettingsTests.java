package se.stockholm.brottsofferstod.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import se.stockholm.brottsofferstod.IntakeApplication;
import se.stockholm.brottsofferstod.support.ServiceLog;

/** The production profile refuses to start, in one line naming what to set, when a secret or a file is missing. */
class ProductionSettingsTests {

    private static Map<String, Object> complete() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("spring.datasource.url", "jdbc:postgresql://db:5432/intake");
        settings.put("spring.datasource.password", "a-database-password");
        settings.put("intake.security.users-file", "src/test/resources/test-users.yml");
        settings.put("intake.broker.embedded", "false");
        settings.put("spring.artemis.broker-url", "tcp://broker:61616");
        settings.put("spring.artemis.user", "intake");
        settings.put("spring.artemis.password", "a-broker-password");
        return settings;
    }

    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        return environment;
    }

    @Test
    void aStartWithoutTheSecretsUsersFileAndBrokerUserFailsAtOnceInOneLine() {
        long log = ServiceLog.mark();
        assertThatThrownBy(() -> new SpringApplicationBuilder(IntakeApplication.class).run(
                "--spring.profiles.active=postgres", "--server.port=0", "--spring.datasource.password=",
                "--spring.artemis.user=", "--intake.security.users-file="))
                .isInstanceOf(ProductionSettings.MissingSettingsException.class)
                .hasMessageNotContaining("\n")
                .hasMessageContaining("INTAKE_DB_PASSWORD")
                .hasMessageContaining("INTAKE_SECURITY_USERS_FILE")
                .hasMessageContaining("SPRING_ARTEMIS_USER");
        assertThat(ServiceLog.since(log)).contains("APPLICATION FAILED TO START", "The production profile cannot start: ")
                .doesNotContain("HikariPool-1 - Start", "Artemis");
    }

    @Test
    void completeSettingsPass() {
        assertThat(ProductionSettings.problems(environment(complete()))).isEmpty();
    }

    @Test
    void aWrongBrokerUrlAnUnreadableUsersFileAndAnH2UrlAreNamedButNoValue() {
        Map<String, Object> settings = complete();
        settings.put("spring.artemis.broker-url", "broker:61616");
        settings.put("intake.security.users-file", "/nowhere/users-secret-name.yml");
        settings.put("spring.datasource.url", "jdbc:h2:file:data/db/intake");
        settings.put("intake.mail.enabled", "true");

        assertThat(String.join("; ", ProductionSettings.problems(environment(settings))))
                .contains("SPRING_ARTEMIS_BROKER_URL", "INTAKE_SECURITY_USERS_FILE", "SPRING_DATASOURCE_URL", "INTAKE_MAIL_IMAP_PASSWORD")
                .doesNotContain("users-secret-name", "a-database-password", "a-broker-password");
    }

    @Test
    void anHaPairOfBrokersPasses() {
        Map<String, Object> settings = complete();
        settings.put("spring.artemis.broker-url", "(tcp://live:61616,tcp://backup:61616)?ha=true");
        assertThat(ProductionSettings.problems(environment(settings))).isEmpty();
    }
}
