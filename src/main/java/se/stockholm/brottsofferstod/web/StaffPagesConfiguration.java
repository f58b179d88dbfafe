package se.stockholm.brottsofferstod.web;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The desk's data file. */
@Configuration(proxyBeanMethods = false)
class StaffPagesConfiguration {

    @Bean
    Handovers handovers(@Value("${intake.desk.handovers-file}") String file) {
        return Handovers.load(Path.of(file));
    }
}
