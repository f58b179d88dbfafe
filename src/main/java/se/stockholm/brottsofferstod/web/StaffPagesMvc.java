package se.stockholm.brottsofferstod.web;

import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;

/** Swedish by default, English on request ({@code ?lang=en}, kept for the session): the pages' language toggle. */
@Configuration(proxyBeanMethods = false)
class StaffPagesMvc implements WebMvcConfigurer {

    static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");

    @Bean
    LocaleResolver localeResolver() {
        SessionLocaleResolver resolver = new SessionLocaleResolver();
        resolver.setDefaultLocale(SWEDISH);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor toggle = new LocaleChangeInterceptor();
        toggle.setParamName("lang");
        toggle.setIgnoreInvalidLocale(true);
        registry.addInterceptor(toggle).addPathPatterns(StaffPagesSecurity.PAGES).excludePathPatterns("/web/**");
    }
}
