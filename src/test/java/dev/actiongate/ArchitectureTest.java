package dev.actiongate;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The package rules of docs/ARCHITECTURE.md, on the production classes: one core, several faces, and
 * each outside system behind a port whose adapter is the only place its types appear.
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.actiongate");
    }

    @Test
    void theAwsSdkAppearsOnlyInTheDynamoDbAndSsmAdapters() {
        check(noClasses().that().resideOutsideOfPackages("dev.actiongate.dynamodb..", "dev.actiongate.ssm..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk.."));
    }

    @Test
    void lambdaTypesAppearOnlyInTheLambdaPackage() {
        check(noClasses().that().resideOutsideOfPackage("dev.actiongate.lambda..")
                .should().dependOnClassesThat().resideInAPackage("com.amazonaws.services.lambda.."));
    }

    @Test
    void gitHubsClientAndModelsStayInTheirAdapter() {
        check(noClasses().that().resideOutsideOfPackage("dev.actiongate.devops.github..")
                .should().dependOnClassesThat().resideInAPackage("dev.actiongate.devops.github.."));
    }

    @Test
    void nothingButTheLambdaBootstrapKnowsTheAdaptersOfTheStoresAndSecrets() {
        check(noClasses().that().resideOutsideOfPackages("dev.actiongate.dynamodb..")
                .should().dependOnClassesThat().resideInAPackage("dev.actiongate.dynamodb.."));
        check(noClasses().that().resideOutsideOfPackages("dev.actiongate.ssm..", "dev.actiongate.lambda..")
                .should().dependOnClassesThat().resideInAPackage("dev.actiongate.ssm.."));
    }

    @Test
    void theOperationsAndTheStoresKnowNothingOfHttp() {
        check(noClasses().that().resideInAnyPackage("dev.actiongate.devops", "dev.actiongate.usage", "dev.actiongate.store",
                        "dev.actiongate.config", "dev.actiongate.dynamodb", "dev.actiongate.ssm")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut.http..", "io.micronaut.web.."));
    }

    @Test
    void jwtAndJoseTypesStayWithTheResourceServerAndTheProvider() {
        check(noClasses().that().resideOutsideOfPackages("dev.actiongate.security..", "dev.actiongate.upstream..")
                .should().dependOnClassesThat().resideInAPackage("com.nimbusds.."));
    }

    @Test
    void settingsAndPortsDependOnNoOtherPartOfActionGate() {
        check(noClasses().that().resideInAPackage("dev.actiongate.config")
                .should().dependOnClassesThat(inActionGateBut("dev.actiongate.config")));
        check(noClasses().that().resideInAPackage("dev.actiongate.store")
                .should().dependOnClassesThat(inActionGateBut("dev.actiongate.store")));
        check(noClasses().that().resideInAPackage("dev.actiongate.web")
                .should().dependOnClassesThat(inActionGateBut("dev.actiongate.web", "dev.actiongate.config")));
    }

    @Test
    void theFacesAreNotDependedUpon() {
        check(noClasses().that().resideOutsideOfPackage("dev.actiongate.gpt..")
                .should().dependOnClassesThat().resideInAPackage("dev.actiongate.gpt.."));
        check(noClasses().that().resideOutsideOfPackage("dev.actiongate.mcp..")
                .should().dependOnClassesThat().resideInAPackage("dev.actiongate.mcp.."));
        check(noClasses().that().resideOutsideOfPackage("dev.actiongate.admin..")
                .should().dependOnClassesThat().resideInAPackage("dev.actiongate.admin.."));
    }

    @Test
    void theMcpSdkStaysInTheMcpFace() {
        check(noClasses().that().resideOutsideOfPackage("dev.actiongate.mcp..")
                .should().dependOnClassesThat().resideInAPackage("io.modelcontextprotocol.."));
    }

    @Test
    void telemetryDependsOnTheSettingsAlone() {
        // Everything may report to it, so it may know nothing but config: anything else would make a cycle.
        check(noClasses().that().resideInAPackage("dev.actiongate.telemetry")
                .should().dependOnClassesThat(inActionGateBut("dev.actiongate.telemetry", "dev.actiongate.config")));
    }

    @Test
    void noPackageCycles() {
        check(slices().matching("dev.actiongate.(**)").should().beFreeOfCycles());
    }

    private static DescribedPredicate<JavaClass> inActionGateBut(String... allowed) {
        return new DescribedPredicate<>("reside in another ActionGate package than " + String.join(", ", allowed)) {
            @Override
            public boolean test(JavaClass type) {
                String name = type.getPackageName();
                if (!name.startsWith("dev.actiongate")) {
                    return false;
                }
                for (String package_ : allowed) {
                    if (name.equals(package_)) {
                        return false;
                    }
                }
                return true;
            }
        };
    }

    private static void check(ArchRule rule) {
        EvaluationResult result = rule.evaluate(production);
        assertFalse(result.hasViolation(), result.getFailureReport().toString());
    }
}
