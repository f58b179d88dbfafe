package se.stockholm.brottsofferstod.operations;

import java.util.Set;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code /actuator/health} as the contract has it while the liveness and readiness groups exist beside it:
 * its answer lists no groups (exactly {@code {"status":"UP"}}), and the mailbox counts for readiness only (a mail
 * server that is down must not make the whole service look down: the other channels keep working).
 */
@Component
class HealthGroups implements HealthEndpointGroupsPostProcessor {

    static final String READINESS_ONLY = "mailbox";

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        HealthEndpointGroup primary = new WithoutReadinessOnly(groups.getPrimary());
        return new HealthEndpointGroups() {
            @Override
            public HealthEndpointGroup getPrimary() {
                return primary;
            }

            @Override
            public Set<String> getNames() {
                return Set.of();
            }

            @Override
            public HealthEndpointGroup get(String name) {
                return groups.get(name);
            }
        };
    }

    private record WithoutReadinessOnly(HealthEndpointGroup group) implements HealthEndpointGroup {
        @Override
        public boolean isMember(String name) {
            return !READINESS_ONLY.equals(name) && group.isMember(name);
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return group.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return group.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return group.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return group.getHttpCodeStatusMapper();
        }

        @Override
        public AdditionalHealthEndpointPath getAdditionalPath() {
            return group.getAdditionalPath();
        }
    }
}
