package se.stockholm.brottsofferstod.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.FileSystemResource;

import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.StandaloneService;
import se.stockholm.brottsofferstod.support.TestPorts;
import se.stockholm.brottsofferstod.support.TestService;

/**
 * The service as a new user starts it: the data folder of the shipped settings is relative to the working folder
 * (H2 refuses such a file URL unless the service makes it absolute first).
 */
class DefaultSettingsTests {

    private final Path relativeDataDir = Path.of("target", "relative-data-" + Examples.unique());

    @AfterEach
    void deleteDataFolder() {
        TestService.delete(relativeDataDir);
    }

    @Test
    void theShippedDataFolderIsRelativeToTheWorkingFolder() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource("config/application.yml"));
        Properties settings = yaml.getObject();

        assertThat(Path.of(settings.getProperty("intake.data-dir"))).isRelative();
        assertThat(settings.getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:${intake.data-path}/");
    }

    @Test
    void serviceStartsOnARelativeDataFolderAndStoresItsDatabaseThere() throws Exception {
        try (ConfigurableApplicationContext service = StandaloneService.start(relativeDataDir, TestPorts.free(), "DefaultSettingsServlet")) {
            String port = service.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> referral = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/referrals/police"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("police-feed:police-secret".getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(Examples.withFreshIds(Examples.ADULT, Examples.unique()))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(referral.statusCode()).as(referral.body()).isEqualTo(202);
            assertThat(service.getEnvironment().getProperty("intake.data-path")).isEqualTo(relativeDataDir.toAbsolutePath().toString());
            assertThat(relativeDataDir.resolve("db").resolve("intake.mv.db")).exists();
            assertThat(relativeDataDir.resolve("broker")).isDirectory();
        }
    }
}
