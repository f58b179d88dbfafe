package se.stockholm.brottsofferstod.broker;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.ha.PrimaryOnlyPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.PropertiesLoginModule;
import org.apache.activemq.artemis.utils.DefaultSensitiveStringCodec;

/**
 * An Artemis server started in this JVM from the repository's deploy/artemis files, as the official image starts
 * it: broker.xml with the chosen ha-policy.xml beside it, logins checked by the JAAS properties login module against
 * an artemis-users.properties of hashed passwords and the shipped artemis-roles.properties.example. Only what a
 * test machine must change is changed: the ports (free ones on 127.0.0.1) and the data folder.
 */
public final class ExternalBroker {

    static final Path DEPLOY = Path.of("deploy", "artemis");
    /** Made up per test run; a broker in a process of its own gets it as this system property. */
    public static final String SECRET_PROPERTY = "intake.test.broker-secret";
    public static final String SECRET = System.getProperty(SECRET_PROPERTY, UUID.randomUUID().toString());
    /** The users of artemis-roles.properties.example, each with a password made up for the test. */
    public static final Map<String, String> PASSWORDS = Map.of(
            "intake-service", "service-" + SECRET,
            "police-feed", "police-" + SECRET,
            "samordnare", "coordinator-" + SECRET,
            "sodra-system", "sodra-" + SECRET,
            "vasterort-system", "vasterort-" + SECRET,
            "stodcentrum-system", "stodcentrum-" + SECRET,
            "stockholm-gotland-system", "gotland-" + SECRET);
    private static final String INSTANCE_ETC = "artemis.instance.etc";
    static final String CLUSTER_PASSWORD = "cluster-" + SECRET;

    private ExternalBroker() {
    }

    /** broker.xml parsed by Artemis itself, with {@code haFile} (ha-primary.xml or ha-backup.xml) as its ha-policy.xml. */
    static FileConfiguration parse(Path etc, String haFile) throws Exception {
        Files.createDirectories(etc);
        Files.copy(DEPLOY.resolve("broker.xml"), etc.resolve("broker.xml"));
        Files.copy(DEPLOY.resolve(haFile), etc.resolve("ha-policy.xml"));
        FileConfiguration configuration = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(etc.resolve("broker.xml").toUri().toString());
        deployment.addDeployable(configuration);
        // the artemis launcher sets this to the instance's etc folder; broker.xml includes ha-policy.xml from there
        synchronized (ExternalBroker.class) {
            String before = System.getProperty(INSTANCE_ETC);
            System.setProperty(INSTANCE_ETC, etc.toAbsolutePath().toString());
            try {
                deployment.readConfiguration();
            } finally {
                if (before == null) {
                    System.clearProperty(INSTANCE_ETC);
                } else {
                    System.setProperty(INSTANCE_ETC, before);
                }
            }
        }
        return configuration;
    }

    /**
     * A server from broker.xml on {@code port} under {@code dir}; its cluster connector "peer" points at
     * {@code peerPort} on 127.0.0.1. Not started.
     */
    public static ActiveMQServer server(Path dir, String haFile, int port, int peerPort) throws Exception {
        FileConfiguration configuration = parse(dir.resolve("etc"), haFile);
        configuration.setBrokerInstance(dir.toFile());
        configuration.setClusterPassword(CLUSTER_PASSWORD);
        configuration.setJMXManagementEnabled(false);
        configuration.getAcceptorConfigurations().clear();
        configuration.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(),
                Map.of(TransportConstants.HOST_PROP_NAME, "127.0.0.1", TransportConstants.PORT_PROP_NAME, port), "artemis"));
        configuration.getConnectorConfigurations().put("self", connector("self", port));
        configuration.getConnectorConfigurations().put("peer", connector("peer", peerPort));
        return new ActiveMQServerImpl(configuration, securityManager(dir.resolve("etc")));
    }

    /** A broker from broker.xml on its own, no pair (primary only, no cluster), on {@code port}, started. */
    static ActiveMQServer startSingle(Path dir, int port) throws Exception {
        ActiveMQServer server = server(dir, "ha-primary.xml", port, se.stockholm.brottsofferstod.support.TestPorts.free());
        server.getConfiguration().setHAPolicyConfiguration(new PrimaryOnlyPolicyConfiguration());
        server.getConfiguration().getClusterConfigurations().clear();
        server.start();
        return server;
    }

    private static TransportConfiguration connector(String name, int port) {
        return new TransportConfiguration(NettyConnectorFactory.class.getName(),
                Map.of(TransportConstants.HOST_PROP_NAME, "127.0.0.1", TransportConstants.PORT_PROP_NAME, port), name);
    }

    /** JAAS with the properties login module, as the image's login.config has it, on files in {@code etc}. */
    static ActiveMQJAASSecurityManager securityManager(Path etc) throws Exception {
        writeUsers(etc.resolve("artemis-users.properties"));
        Files.copy(DEPLOY.resolve("artemis-roles.properties.example"), etc.resolve("artemis-roles.properties"));
        Map<String, Object> options = new HashMap<>();
        options.put("baseDir", etc.toString());
        options.put("org.apache.activemq.jaas.properties.user", "artemis-users.properties");
        options.put("org.apache.activemq.jaas.properties.role", "artemis-roles.properties");
        SecurityConfiguration loginConfig = new SecurityConfiguration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(PropertiesLoginModule.class.getName(),
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
            }
        };
        return new ActiveMQJAASSecurityManager("activemq", loginConfig);
    }

    /** artemis-users.properties as {@code artemis mask --hash} makes it: ENC(hash) per user, no password in clear. */
    private static void writeUsers(Path file) throws Exception {
        DefaultSensitiveStringCodec codec = new DefaultSensitiveStringCodec();
        codec.init(Map.of("algorithm", "one-way"));
        StringBuilder users = new StringBuilder();
        for (var user : PASSWORDS.entrySet()) {
            users.append(user.getKey()).append(" = ENC(").append(codec.encode(user.getValue())).append(")\n");
        }
        try {
            Files.writeString(file, users);
        } catch (IOException e) {
            throw new IOException("cannot write " + file, e);
        }
    }

    /**
     * Starts one broker of the pair from {@code haFile} in a process of its own (so that it can be killed with SIGKILL),
     * on the classpath of this JVM, and waits until it serves clients. Its output goes to broker.log in {@code dir}.
     */
    public static Process startInItsOwnProcess(Path dir, String haFile, int port, int peerPort) throws Exception {
        Files.createDirectories(dir);
        Path log = dir.resolve("broker.log");
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(javaCommand, "-Xmx256m", "-D" + SECRET_PROPERTY + "=" + SECRET,
                "-cp", classpath, ExternalBroker.class.getName(), dir.toString(), haFile,
                String.valueOf(port), String.valueOf(peerPort))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> !process.isAlive() || Files.readString(log).lines().anyMatch("active"::equals));
        if (!process.isAlive()) {
            throw new IllegalStateException("the broker stopped while starting: " + tail(log));
        }
        return process;
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /**
     * Runs one broker of the pair in a process of its own (so that a test can kill it with SIGKILL): arguments
     * folder, ha file, port, peer port. Prints "active" once it serves clients and then runs until killed.
     */
    public static void main(String[] args) throws Exception {
        ActiveMQServer server = server(Path.of(args[0]), args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        server.start();
        if (server.waitForActivation(60, java.util.concurrent.TimeUnit.SECONDS)) {
            System.out.println("active");
            System.out.flush();
        }
        Thread.currentThread().join();
    }
}
