package se.stockholm.brottsofferstod.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.annotation.DirtiesContext;

/**
 * An integration test class whose service runs in a context of its own: its own data folder (so its own H2
 * database, broker journal and inbox), broker port, SMS gateway port and Camel servlet, all derived by
 * {@link TestService} from that one folder. The context is closed after the class. Use it for tests that load
 * data the shared context must not see (demo years), change a setting every test would feel, or stop parts.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface OwnContext {
}
