package se.stockholm.brottsofferstod.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The routes in {@code routes/} keep the shape the README promises: one flow per file, every route named and
 * described, timings and consumer options from the settings, the HTTP answers of the error policy only on the
 * routes an HTTP caller waits for.
 */
class RoutesTests {

    private static final Set<String> SETTINGS = Set.of("period", "delay", "readLockCheckInterval", "readLockMinAge",
            "concurrentConsumers", "maxConcurrentConsumers");

    private record RouteFile(Path path, List<Map<String, Object>> items) {

        List<Map<String, Object>> all(String kind) {
            List<Map<String, Object>> found = new ArrayList<>();
            for (Map<String, Object> item : items) {
                if (item.get(kind) instanceof Map<?, ?> definition) {
                    found.add(cast(definition));
                }
            }
            return found;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static List<RouteFile> routeFiles() throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<RouteFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.list(Path.of("routes"))) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList()) {
                files.add(new RouteFile(path, (List<Map<String, Object>>) yaml.load(Files.readString(path))));
            }
        }
        return files;
    }

    @Test
    void eachFileHoldsOneFlowNamedAfterIt() throws IOException {
        for (RouteFile file : routeFiles()) {
            List<Map<String, Object>> routes = file.all("route");
            assertThat(routes).as(file.path() + ": one route per file").hasSize(1);
            String name = file.path().getFileName().toString().replace(".camel.yaml", "");
            assertThat(name).as(file.path() + ": routes/<area>-<purpose>.camel.yaml").matches("[a-z]+-[a-z-]+");
        }
    }

    @Test
    void everyRouteAndConfigurationHasAnIdAndADescription() throws IOException {
        for (RouteFile file : routeFiles()) {
            for (String kind : List.of("route", "routeConfiguration", "rest")) {
                for (Map<String, Object> definition : file.all(kind)) {
                    assertThat(definition.get("id")).as(file.path() + ": " + kind + " id").isNotNull();
                    assertThat(definition.get("description")).as(file.path() + ": " + kind + " description").isNotNull();
                }
            }
        }
    }

    @Test
    void timingsAndConsumerOptionsComeFromTheSettings() throws IOException {
        for (RouteFile file : routeFiles()) {
            for (Map<String, Object> route : file.all("route")) {
                Map<String, Object> parameters = cast(cast(route.get("from")).getOrDefault("parameters", Map.of()));
                parameters.forEach((name, value) -> {
                    if (SETTINGS.contains(name) && !"0".equals(String.valueOf(value))) {
                        assertThat(String.valueOf(value)).as(file.path() + ": " + name).matches("\\{\\{[a-z.-]+}}");
                    }
                });
            }
        }
    }

    @Test
    void onlyTheRoutesAnHttpCallerWaitsForAnswerInHttp() throws IOException {
        Set<String> restTargets = new HashSet<>();
        List<RouteFile> files = routeFiles();
        for (RouteFile file : files) {
            for (Map<String, Object> rest : file.all("rest")) {
                for (Object verb : rest.values()) {
                    if (verb instanceof List<?> operations) {
                        operations.forEach(operation -> restTargets.add(String.valueOf(cast(cast(operation).get("to")).get("uri"))));
                    }
                }
            }
        }
        assertThat(restTargets).isNotEmpty();
        for (RouteFile file : files) {
            for (Map<String, Object> route : file.all("route")) {
                String from = String.valueOf(cast(route.get("from")).get("uri"));
                String configurations = String.valueOf(route.get("routeConfigurationId"));
                if (restTargets.contains(from)) {
                    assertThat(configurations).as(file.path() + " answers an HTTP caller").isEqualTo("httpErrors");
                } else {
                    assertThat(configurations).as(file.path() + " has no HTTP caller").doesNotContain("httpErrors");
                }
            }
        }
    }

    @Test
    void oneErrorPolicyForEachKindOfCallerAndOneRedeliveryPolicy() throws IOException {
        Set<String> redelivering = new HashSet<>();
        Set<String> configurations = new HashSet<>();
        for (RouteFile file : routeFiles()) {
            for (Map<String, Object> configuration : file.all("routeConfiguration")) {
                String id = String.valueOf(configuration.get("id"));
                configurations.add(id);
                for (Object clause : (List<?>) configuration.getOrDefault("onException", List.of())) {
                    Map<String, Object> onException = cast(cast(clause).get("onException"));
                    Object redeliveries = cast(onException.getOrDefault("redeliveryPolicy", Map.of())).get("maximumRedeliveries");
                    if (redeliveries != null && !"0".equals(String.valueOf(redeliveries))) {
                        redelivering.add(id);
                    }
                }
            }
        }
        assertThat(configurations).as("the error policies (sources, HTTP callers) and the redelivery policy")
                .containsExactlyInAnyOrder("intakeErrors", "httpErrors", "redelivery");
        assertThat(redelivering).as("the route configurations that redeliver").containsExactly("redelivery");
    }
}
