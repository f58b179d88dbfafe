package se.stockholm.brottsofferstod.sms;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.stockholm.brottsofferstod.freetext.FreeText;
import se.stockholm.brottsofferstod.routing.Router;

/** The chatbot's dialogue on the texts and words in config. */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

    @Bean
    SmsDialogue smsDialogue(FreeText freeText, Router router, @Value("${intake.sms.texts-dir}") Path textsDir,
                            @Value("${intake.sms.words-file}") Path wordsFile,
                            @Value("${intake.service-level.first-attempt-within}") Duration firstAttemptWithin) {
        return new SmsDialogue(freeText, router.districts(), router.partners(), BotTexts.load(textsDir),
                ChatWords.load(wordsFile, freeText.languageData()),
                (int) firstAttemptWithin.toDays());
    }
}
