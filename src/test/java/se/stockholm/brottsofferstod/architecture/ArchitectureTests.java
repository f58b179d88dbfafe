package se.stockholm.brottsofferstod.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jms.core.JmsTemplate;

/**
 * The package rules of the README's architecture, kept by the build: channels above cases and apart from each
 * other, the rules plain Java below everything, statistics on its roll-ups, a kernel that knows no feature.
 */
class ArchitectureTests {

    private static final String ROOT = "se.stockholm.brottsofferstod";
    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    private static String pkg(String name) {
        return ROOT + "." + name + "..";
    }

    private static final String[] FEATURES = {pkg("police"), pkg("sms"), pkg("email"), pkg("cases"), pkg("statistics"),
            pkg("demo"), pkg("audit"), pkg("security"), pkg("broker"), pkg("web"), pkg("texts"), pkg("deadletters"),
            pkg("operations")};

    @Nested
    class TheRules {

        private final ArchRule plainJava = noClasses()
                .that(or(resideInAnyPackage(pkg("routing"), pkg("freetext")),
                        belongTo(nameMatching(ROOT.replace(".", "\\.")
                                + "\\.(cases\\.CaseRules|sms\\.SmsDialogue|email\\.MailReader|statistics\\.ReportBuilder)"))))
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.camel..",
                        "jakarta.persistence..", "jakarta.jms..")
                .because("the rules are plain Java, unit-tested without Spring or Camel, their data in config/");

        private final ArchRule belowEverything = noClasses()
                .that().resideInAnyPackage(pkg("routing"), pkg("freetext"))
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .orShould().dependOnClassesThat().resideInAnyPackage(pkg("intake"))
                .because("the rules sit below everything: features use them, never the other way round");

        @Test
        void importNeitherSpringNorCamel() {
            plainJava.check(PRODUCT);
        }

        @Test
        void dependOnNoFeatureAndNotOnTheKernel() {
            belowEverything.check(PRODUCT);
        }
    }

    @Nested
    class TheChannels {

        @Test
        void policeImportsNoOtherChannel() {
            noClasses().that().resideInAPackage(pkg("police")).should().dependOnClassesThat()
                    .resideInAnyPackage(pkg("sms"), pkg("email")).check(PRODUCT);
        }

        @Test
        void smsImportsNoOtherChannel() {
            noClasses().that().resideInAPackage(pkg("sms")).should().dependOnClassesThat()
                    .resideInAnyPackage(pkg("police"), pkg("email")).check(PRODUCT);
        }

        @Test
        void emailImportsNoOtherChannel() {
            noClasses().that().resideInAPackage(pkg("email")).should().dependOnClassesThat()
                    .resideInAnyPackage(pkg("police"), pkg("sms")).check(PRODUCT);
        }

        @Test
        void nothingBelowTheChannelsImportsThem() {
            noClasses().that().resideOutsideOfPackages(pkg("police"), pkg("sms"), pkg("email"))
                    .and().resideOutsideOfPackage(ROOT)
                    .should().dependOnClassesThat().resideInAnyPackage(pkg("police"), pkg("sms"), pkg("email"))
                    .because("channels sit above cases: cases, statistics and the kernel know no channel")
                    .check(PRODUCT);
        }
    }

    @Test
    void statisticsReadsRollUpsNeverEntities() {
        noClasses().that().resideInAPackage(pkg("statistics")).should().dependOnClassesThat()
                .resideInAnyPackage(pkg("cases"), "jakarta.persistence..", "org.springframework.data.jpa..")
                .because("the statistics sum daily roll-ups with SQL; reading case entities would walk whole graphs")
                .check(PRODUCT);
    }

    @Test
    void theKernelKnowsNoFeature() {
        noClasses().that().resideInAPackage(pkg("intake")).should().dependOnClassesThat()
                .resideInAnyPackage(FEATURES)
                .because("intake is the shared kernel: the support request, rejections, problems; features build on it")
                .check(PRODUCT);
    }

    /**
     * Every hop out of the service is a Camel producer in routes/ (JMS to the partners' queues and intake.dlq, SMTP
     * for the replies, HTTP to 46elks): no class sends by hand. Taking expired messages off a queue (erasure,
     * the dead-letter desk) is no hop and may still use a JMS consumer.
     */
    @Test
    void noClassSendsByHand() {
        // one exception, named: the sender the replies' smtp: producer is given (javaMailSender), which keeps one SMTP
        // session per block of replies instead of Camel's one per mail; the hop stays the route's Camel producer
        noClasses().that().doNotHaveFullyQualifiedName("se.stockholm.brottsofferstod.email.KeptSmtpConnection").should().dependOnClassesThat().haveFullyQualifiedName("jakarta.jms.MessageProducer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.jms.JMSProducer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.jms.Session")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.jms.MessageConsumer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.jms.JMSContext")
                .orShould().dependOnClassesThat().areAssignableTo(JmsTemplate.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.mail.Transport")
                .orShould().dependOnClassesThat().resideInAPackage("java.net.http..")
                .orShould().dependOnClassesThat().resideInAPackage("org.apache.hc..")
                .because("every hop in and out is a Camel consumer or producer in routes/, with the routes' redelivery and transactions")
                .check(PRODUCT);
    }
}
