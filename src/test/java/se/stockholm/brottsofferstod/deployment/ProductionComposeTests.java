package se.stockholm.brottsofferstod.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml, the production shape, read as data (no Docker engine runs here): every service, port, volume,
 * secret and environment variable is held against what the service, the broker configuration and the images read.
 */
@SuppressWarnings("unchecked")
class ProductionComposeTests {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?:[:?-][^}]*)?}");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN).*");

    private final Map<String, Object> compose = load(Path.of("docker-compose.yml"));
    private final Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

    private static Map<String, Object> load(Path file) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        ((Map<String, Object>) services.get(service).getOrDefault("environment", Map.of()))
                .forEach((key, value) -> environment.put(key, String.valueOf(value)));
        return environment;
    }

    private List<String> list(String service, String key) {
        return ((List<Object>) services.get(service).getOrDefault(key, List.of())).stream().map(String::valueOf).toList();
    }

    @Test
    void theShapeIsTwoInstancesOnAnArtemisPairPostgresAndAMailStandIn() {
        assertThat(services).containsOnlyKeys("broker", "broker-backup", "db", "mail", "intake");
        String artemisVersion = ActiveMQServer.class.getPackage().getImplementationVersion();
        assertThat(services.get("broker").get("image")).as("the broker the service is built and tested against")
                .isEqualTo("apache/activemq-artemis:" + (artemisVersion == null ? "2.53.0" : artemisVersion));
        assertThat(services.get("broker-backup").get("image")).isEqualTo(services.get("broker").get("image"));
        assertThat((String) services.get("db").get("image")).startsWith("postgres:");
        assertThat((String) services.get("mail").get("image")).startsWith("greenmail/standalone:");
        assertThat((Map<String, Object>) services.get("mail").get("labels"))
                .containsEntry("se.stockholm.brottsofferstod.local-stand-in", "true");
        Map<String, Object> intake = services.get("intake");
        assertThat(intake.get("build")).isEqualTo(".");
        assertThat((Map<String, Object>) intake.get("deploy")).containsEntry("replicas", 2);
        assertThat(environment("intake")).containsEntry("SPRING_PROFILES_ACTIVE", "postgres")
                .containsEntry("INTAKE_BROKER_EMBEDDED", "false");
    }

    @Test
    void eachBrokerRunsTheRepositorysConfigurationWithItsOwnHaPolicyAndPeer() throws IOException {
        String brokerXml = Files.readString(Path.of("deploy/artemis/broker.xml"));
        Map<String, String> ha = Map.of("broker", "ha-primary.xml", "broker-backup", "ha-backup.xml");
        Map<String, String> peer = Map.of("broker", "broker-backup", "broker-backup", "broker");
        for (String broker : ha.keySet()) {
            String etc = "/var/lib/artemis-instance/etc-override/";
            assertThat(list(broker, "volumes")).as(broker)
                    .contains("./deploy/artemis/broker.xml:" + etc + "broker.xml:ro")
                    .contains("./deploy/artemis/" + ha.get(broker) + ":" + etc + "ha-policy.xml:ro")
                    .anyMatch(volume -> volume.endsWith(":" + etc + "artemis-roles.properties:ro"));
            assertThat(secretTargets(broker)).as(broker).containsEntry("artemis-users", etc + "artemis-users.properties");
            Map<String, String> environment = environment(broker);
            assertThat(environment).containsEntry("ARTEMIS_HOST", broker).containsEntry("ARTEMIS_PEER", peer.get(broker));
            // each variable is one broker.xml reads, or the image's own (EXTRA_ARGS: arguments of artemis create)
            environment.keySet().stream().filter(name -> !name.equals("EXTRA_ARGS"))
                    .forEach(name -> assertThat(brokerXml).as(broker + " " + name).contains("${" + name));
        }
        // the service reaches both on the port broker.xml's acceptor listens on
        assertThat(brokerXml).contains("<acceptor name=\"artemis\">tcp://0.0.0.0:61616</acceptor>");
        assertThat(environment("intake")).containsEntry("INTAKE_BROKER_PRIMARY", "broker:61616")
                .containsEntry("INTAKE_BROKER_BACKUP", "broker-backup:61616")
                .containsEntry("SPRING_ARTEMIS_USER", "intake-service");
        // the service's broker user is the one that has the service's role, and no other role
        Properties roles = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("deploy/artemis/artemis-roles.properties.example"))) {
            roles.load(in);
        }
        roles.forEach((role, users) -> assertThat(List.of(users.toString().split("\\s*,\\s*")).contains("intake-service"))
                .as(role.toString()).isEqualTo(role.equals("intake-service")));
    }

    @Test
    void everyVariableOfTheServiceIsASettingTheServiceReads() throws IOException {
        Set<String> settings = knownSettings();
        assertThat(settings.stream().filter(key -> binds("INTAKE_SECURITY_USERS_FILE", key))).containsExactly("intake.security.users-file");
        assertThat(settings.stream().filter(key -> binds("INTAKE_NO_SUCH_SETTING", key))).isEmpty();
        for (String name : environment("intake").keySet()) {
            Optional<String> setting = settings.stream().filter(key -> binds(name, key)).findFirst();
            assertThat(setting).as(name + " sets nothing the service reads").isPresent();
        }
    }

    /** Whether Spring Boot binds the environment variable {@code name} to the setting {@code key}. */
    private static boolean binds(String name, String key) {
        if (!ConfigurationPropertyName.isValid(key)) {
            return false;
        }
        ConfigurationPropertySource source = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(name, "x")));
        return source.getConfigurationProperty(ConfigurationPropertyName.of(key)) != null;
    }

    /** The settings in config/application*.yml and every setting Spring Boot's own modules describe. */
    private static Set<String> knownSettings() throws IOException {
        Set<String> settings = new TreeSet<>();
        try (var files = Files.list(Path.of("config"))) {
            files.filter(file -> file.getFileName().toString().matches("application.*\\.yml")).forEach(file -> {
                YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
                yaml.setResources(new FileSystemResource(file));
                yaml.getObject().keySet().forEach(key -> settings.add(key.toString()));
            });
        }
        ObjectMapper json = new ObjectMapper();
        for (URL metadata : Collections.list(ProductionComposeTests.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = metadata.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    settings.add(property.path("name").asText());
                }
            }
        }
        assertThat(settings).contains("spring.artemis.password", "server.ssl.key-store", "intake.keys.secret");
        return settings;
    }

    @Test
    void theServiceAnswersHttpsWithItsKeystoreFromASecretOnThePortsItPublishes() {
        Map<String, String> environment = environment("intake");
        assertThat(environment).containsEntry("SERVER_SSL_ENABLED", "true").containsEntry("SERVER_SSL_KEY_STORE_TYPE", "PKCS12");
        Map<String, String> secrets = secretTargets("intake");
        assertThat(secrets.values()).contains(environment.get("SERVER_SSL_KEY_STORE"), environment.get("INTAKE_SECURITY_USERS_FILE"));
        String port = environment.get("SERVER_PORT");
        assertThat(list("intake", "ports")).isNotEmpty()
                .allSatisfy(mapping -> assertThat(mapping).endsWith(":" + port));
        // one host port per instance, so that both can run
        assertThat(list("intake", "ports")).singleElement().satisfies(mapping -> assertThat(mapping).startsWith("8443-8444:"));
    }

    @Test
    void theServiceUsesTheDatabaseAndUserThePostgresContainerCreates() {
        Map<String, String> db = environment("db");
        Map<String, String> intake = environment("intake");
        assertThat(intake.get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://db:5432/" + db.get("POSTGRES_DB") + "?");
        assertThat(intake.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(db.get("POSTGRES_USER"));
        assertThat(variables(intake.get("SPRING_DATASOURCE_PASSWORD"))).isEqualTo(variables(db.get("POSTGRES_PASSWORD")));
        Map<String, String> mail = environment("intake");
        assertThat(mail).containsEntry("INTAKE_MAIL_IMAP_HOST", "mail").containsEntry("INTAKE_MAIL_SMTP_HOST", "mail");
        assertThat(services.get("intake").get("depends_on").toString()).contains("db", "broker", "broker-backup", "mail");
    }

    @Test
    void noSecretIsWrittenInTheFileAndEverySecretFileComesFromTheEnvironment() {
        services.forEach((name, service) -> environment(name).forEach((key, value) -> {
            if (SECRET_NAME.matcher(key).matches()) {
                assertThat(value).as(name + " " + key).matches("\\$\\{[A-Z0-9_]+(:[?-][^}]*)?}");
            }
        }));
        Map<String, Map<String, Object>> secrets = (Map<String, Map<String, Object>>) compose.get("secrets");
        assertThat(secrets).containsOnlyKeys("intake-users", "intake-keystore", "artemis-users");
        secrets.forEach((name, secret) -> assertThat(String.valueOf(secret.get("file"))).as(name).startsWith("${"));
        Set<String> used = new HashSet<>();
        services.keySet().forEach(service -> used.addAll(secretTargets(service).keySet()));
        assertThat(used).isEqualTo(secrets.keySet());
    }

    @Test
    void everyVolumeIsDeclaredOrAFileOfTheRepository() {
        Set<String> named = ((Map<String, Object>) compose.get("volumes")).keySet();
        Set<String> used = new HashSet<>();
        services.keySet().forEach(service -> list(service, "volumes").forEach(volume -> {
            String source = volume.split(":")[0];
            if (source.startsWith("./")) {
                assertThat(Path.of(source)).as(service + " " + volume).exists();
            } else if (!source.startsWith("${")) {
                used.add(source);
            }
        }));
        assertThat(used).isEqualTo(named);
    }

    @Test
    void envExampleHasEveryVariableTheFileUsesAndNoValueForASecret() throws IOException {
        // what the file uses, not what its comments say
        Set<String> used = variables(Files.readString(Path.of("docker-compose.yml")).lines()
                .filter(line -> !line.strip().startsWith("#")).collect(java.util.stream.Collectors.joining("\n")));
        Properties example = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(".env.example"))) {
            example.load(in);
        }
        assertThat(example.stringPropertyNames()).isEqualTo(used);
        example.forEach((key, value) -> {
            if (SECRET_NAME.matcher(key.toString()).matches()) {
                assertThat(value.toString()).as(key.toString()).isEmpty();
            }
        });
        assertThat(Files.readString(Path.of(".gitignore")).lines()).contains(".env", "secrets/");
    }

    @Test
    void theImageRunsThePackagedJarWithItsRoutesAndSettings() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile).contains("COPY routes routes", "COPY config config",
                        "ENTRYPOINT [\"java\", \"-XX:SharedArchiveFile=intake.jsa\", \"-jar\", \"intake.jar\"]")
                // the archive the entry point uses is made in the image by a training run of the same jar
                .containsPattern("(?m)^RUN java -XX:ArchiveClassesAtExit=intake.jsa .*-Dspring.context.exit=onRefresh")
                .containsPattern("(?s)-Djarmode=tools -jar target/intake.jar extract --destination target/intake.*COPY --from=build /src/target/intake/ ./")
                .containsPattern("EXPOSE .*\\b" + environment("intake").get("SERVER_PORT") + "\\b")
                .doesNotContainPattern("(?m)^USER root");
    }

    private Map<String, String> secretTargets(String service) {
        Map<String, String> targets = new LinkedHashMap<>();
        for (Object secret : (List<Object>) services.get(service).getOrDefault("secrets", List.of())) {
            if (secret instanceof Map<?, ?> map) {
                targets.put(String.valueOf(map.get("source")), String.valueOf(map.get("target")));
            } else {
                targets.put(String.valueOf(secret), "/run/secrets/" + secret);
            }
        }
        return targets;
    }

    private static Set<String> variables(String text) {
        Set<String> variables = new TreeSet<>();
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        return variables;
    }
}
