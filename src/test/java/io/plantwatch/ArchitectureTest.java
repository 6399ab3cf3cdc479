package io.plantwatch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The layering of DESIGN.md, checked on the main classes. */
@AnalyzeClasses(packages = "io.plantwatch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyStreamingUsesSpark = noClasses()
            .that().resideOutsideOfPackage("io.plantwatch.streaming..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.spark..")
            .because("Spark stays behind io.plantwatch.streaming so the console runs on without it");

    @ArchTest
    static final ArchRule onlyUiAndAppUseJavaFx = noClasses()
            .that().resideOutsideOfPackages("io.plantwatch.ui..", "io.plantwatch.app..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "eu.hansolo..", "org.controlsfx..",
                    "io.fair_acc..")
            .because("the model, alarms, storage and streaming must be testable without a display");

    @ArchTest
    static final ArchRule domainDependsOnlyOnTheJdk = classes()
            .that().resideInAPackage("io.plantwatch.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.plantwatch.domain..")
            .because("domain records are plain Java");

    @ArchTest
    static final ArchRule onlyIngestTalksToBrokers = noClasses()
            .that().resideOutsideOfPackage("io.plantwatch.ingest..")
            .should().dependOnClassesThat().resideInAnyPackage("com.hivemq..", "org.apache.kafka..",
                    "org.eclipse.tahu..")
            .because("ingest is the only package that talks to brokers");

    @ArchTest
    static final ArchRule onlyAppWritesToStandardStreams = noClasses()
            .that().resideOutsideOfPackage("io.plantwatch.app..")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("everything but the command-line entry points logs through SLF4J");

    /** One door into the FX thread (STYLE.md): data crosses only in UiCadence's Timeline, never through runLater. */
    @ArchTest
    static final ArchRule nothingCallsPlatformRunLater = noClasses()
            .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
            .because("background data reaches the FX thread only through ConsoleFeed and UiCadence (ADR 0004)");
}
