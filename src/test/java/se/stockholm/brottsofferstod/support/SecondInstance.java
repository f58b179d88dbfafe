package se.stockholm.brottsofferstod.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.artemis.autoconfigure.ArtemisProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import se.stockholm.brottsofferstod.IntakeApplication;

/**
 * A second instance of a test class's service, as production runs two on one database and one broker: the same
 * settings, data folder (so the same police inbox folder), database (the same H2 file, opened by both in this JVM,
 * or the same PostgreSQL database) and clock, and the first instance's embedded broker as its broker (in-VM, as the
 * service's own user); an HTTP port, Camel servlet and instance id of its own.
 */
public final class SecondInstance {

    private SecondInstance() {
    }

    /**
     * @param testClass the class whose service ({@link TestService#of}) the first instance is
     * @param first     the first instance's context (its broker is used)
     * @param extra     settings both instances have beyond the service's (e.g. the mail server's)
     */
    public static ConfigurableApplicationContext start(Class<?> testClass, ApplicationContext first, String instanceId,
                                                       Map<String, Object> extra) {
        TestService service = TestService.of(testClass);
        Map<String, Object> settings = new LinkedHashMap<>(service.properties());
        settings.putAll(extra);
        settings.put("spring.datasource.url", first.getEnvironment().getRequiredProperty("spring.datasource.url"));
        settings.put("server.port", "0");
        settings.put("intake.instance-id", instanceId);
        settings.put("intake.http.servlet-name", "TestServlet-" + instanceId);
        settings.put("intake.broker.embedded", "false");
        settings.put("spring.artemis.mode", "native");
        settings.put("spring.artemis.broker-url", "vm://" + first.getBean(ArtemisProperties.class).getEmbedded().getServerId());
        String[] arguments = settings.entrySet().stream().map(s -> "--" + s.getKey() + "=" + s.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext second = new SpringApplicationBuilder(IntakeApplication.class)
                .initializers(context -> {
                    if (context instanceof BeanDefinitionRegistry registry) {
                        RootBeanDefinition clock = new RootBeanDefinition(TestClock.class, service::clock);
                        clock.setPrimary(true);
                        registry.registerBeanDefinition("testClock", clock);
                    }
                })
                .run(arguments);
        service.started(second);
        return second;
    }
}
