package se.stockholm.brottsofferstod.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** No Docker engine runs here, so the production shape is checked by reading docker-compose.yml. */
class DeploymentFilesTests {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(Path.of("docker-compose.yml")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTheServiceWithAnExternalBrokerPostgresAndAMailServer() throws IOException {
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose().get("services");

        // issue 13: the broker is a primary/backup pair (ProductionComposeTests checks the rest of the shape)
        assertThat(services).containsOnlyKeys("broker", "broker-backup", "db", "mail", "intake");
        assertThat((String) services.get("broker").get("image")).startsWith("apache/activemq-artemis:");
        assertThat((String) services.get("db").get("image")).startsWith("postgres:");
        Map<String, Object> environment = (Map<String, Object>) services.get("intake").get("environment");
        assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "postgres")
                .containsEntry("INTAKE_BROKER_EMBEDDED", "false");
        assertThat((String) environment.get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://db:5432/");
        // the failover URL over the pair is config/application-postgres.yml's; the pair's addresses come from here
        assertThat(environment).containsEntry("INTAKE_BROKER_PRIMARY", "broker:61616")
                .containsEntry("INTAKE_BROKER_BACKUP", "broker-backup:61616");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeTakesEverySecretFromTheEnvironment() throws IOException {
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose().get("services");
        services.forEach((name, service) -> {
            Map<String, Object> environment = (Map<String, Object>) service.getOrDefault("environment", Map.of());
            environment.forEach((key, value) -> {
                if (key.contains("PASSWORD")) {
                    assertThat(String.valueOf(value)).as(name + " " + key).startsWith("${");
                }
            });
        });
    }

    @Test
    void productionProfileSwitchesToPostgresAndAnExternalBroker() throws IOException {
        String profile = Files.readString(Path.of("config/application-postgres.yml"));
        assertThat(profile).contains("jdbc:postgresql://").contains("embedded: false").contains("mode: native");
    }
}
