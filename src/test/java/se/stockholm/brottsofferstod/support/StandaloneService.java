package se.stockholm.brottsofferstod.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import se.stockholm.brottsofferstod.IntakeApplication;

/**
 * The service started outside the shared test context, to be stopped and started again on the same data folder
 * (restart tests): its own data folder, broker port and Camel servlet name, the test users; on PostgreSQL
 * ({@link TestDatabase}) the database that belongs to the data folder.
 */
public final class StandaloneService {

    private StandaloneService() {
    }

    public static ConfigurableApplicationContext start(Path dataDir, int brokerPort, String servletName) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--intake.data-dir=" + dataDir,
                "--intake.broker.port=" + brokerPort,
                "--intake.security.users-file=" + TestService.USERS_FILE,
                "--intake.dispatch.period-ms=50",
                "--intake.http.servlet-name=" + servletName));
        arguments.addAll(TestDatabase.arguments(dataDir));
        return new SpringApplicationBuilder(IntakeApplication.class).run(arguments.toArray(String[]::new));
    }
}
