package se.stockholm.brottsofferstod.support;

import java.util.List;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives every integration test class the settings of its {@link TestService}. They go in below the test class's
 * own property sources ({@code @DynamicPropertySource}, {@code @TestPropertySource}), so a test can change any of
 * them, and above the environment and {@code config/application.yml}. Classes on one service share a context.
 * The service's {@link TestClock} is its primary clock.
 */
class TestServiceContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        Class<?> outermost = testClass;
        while (outermost.getEnclosingClass() != null) {
            outermost = outermost.getEnclosingClass();
        }
        boolean integrationTest = IntakeIntegrationTest.class.isAssignableFrom(testClass)
                || IntakeIntegrationTest.class.isAssignableFrom(outermost) || testClass.isAnnotationPresent(OwnContext.class);
        return integrationTest ? new Customizer(TestService.of(testClass)) : null;
    }

    private record Customizer(TestService service) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            MapPropertySource settings = new MapPropertySource("intake-test-service", service.properties());
            if (sources.contains(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
                sources.addBefore(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, settings);
            } else {
                sources.addLast(settings);
            }
            if (context instanceof BeanDefinitionRegistry registry) {
                RootBeanDefinition clock = new RootBeanDefinition(TestClock.class, service::clock);
                clock.setPrimary(true);
                registry.registerBeanDefinition("testClock", clock);
            }
            service.started(context);
        }
    }
}
