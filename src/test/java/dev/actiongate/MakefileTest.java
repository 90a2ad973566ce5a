package dev.actiongate;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Makefile run the way {@code sam build} runs it for {@code BuildMethod: makefile} (aws-lambda-builders'
 * custom make workflow): once per function in template order, {@code make --makefile <project>/Makefile
 * build-<LogicalId>} in a scratch copy of the project, with {@code ARTIFACTS_DIR} set. The project here is a
 * stand-in whose {@code mvnw} only counts its runs and writes the jar, so the test takes a second, not a build.
 * Skipped where make is not installed.
 */
class MakefileTest {

    private static final List<String> FUNCTIONS = List.of("OAuthFunction", "ApiFunction");

    @TempDir
    Path project;

    @TempDir
    Path build;

    @BeforeEach
    void standIn() throws IOException {
        Files.copy(Path.of("Makefile"), project.resolve("Makefile"));
        Files.writeString(project.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(project.resolve(".mvn/wrapper"));
        Files.writeString(project.resolve(".mvn/wrapper/maven-wrapper.properties"), "\n");
        Files.createDirectories(project.resolve("src/main/java/dev/actiongate"));
        Files.writeString(project.resolve("src/main/java/dev/actiongate/One.java"), "class One {}\n");
        Files.writeString(project.resolve("src/main/java/dev/actiongate/Two.java"), "class Two {}\n");
        Path mvnw = project.resolve("mvnw");
        Files.writeString(mvnw, """
                #!/bin/sh
                echo "$*" >> maven-runs.log
                mkdir -p target && echo "jar built at $(date +%s%N)" > target/actiongate-lambda.jar
                """);
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void samBuildRunsMavenOnceAndShipsTheSameJarToBothFunctions() throws Exception {
        samBuild();

        assertEquals(List.of("-B -q -DskipTests package"), mavenRuns());
        String jar = Files.readString(project.resolve("target/actiongate-lambda.jar"));
        for (String function : FUNCTIONS) {
            assertEquals(jar, Files.readString(build.resolve(function).resolve("lib/actiongate-lambda.jar")), function);
        }
    }

    @Test
    void aLaterBuildRunsMavenAgainOnlyWhenASourceChangedOrWasRemoved() throws Exception {
        samBuild();
        samBuild();
        assertEquals(1, mavenRuns().size(), "nothing changed: the jar is reused");

        jarBuiltEarlier();
        Files.writeString(project.resolve("src/main/java/dev/actiongate/One.java"), "final class One {}\n");
        samBuild();
        assertEquals(2, mavenRuns().size(), "a changed source");

        jarBuiltEarlier();
        Files.delete(project.resolve("src/main/java/dev/actiongate/Two.java"));
        samBuild();
        assertEquals(3, mavenRuns().size(), "a removed source");

        jarBuiltEarlier();
        Files.writeString(project.resolve("pom.xml"), "<project><!-- changed --></project>\n");
        samBuild();
        assertEquals(4, mavenRuns().size(), "a changed pom.xml");
    }

    /** What {@code sam build} does, function by function: a fresh scratch copy, then the function's target. */
    private void samBuild() throws Exception {
        for (String function : FUNCTIONS) {
            Path scratch = Files.createTempDirectory(build, "scratch");
            Path artifacts = Files.createDirectories(build.resolve(function));
            Path output = build.resolve("make.log");
            Process make;
            try {
                ProcessBuilder builder = new ProcessBuilder("make", "--makefile", project.resolve("Makefile").toString(), "build-" + function)
                        .directory(scratch.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().put("ARTIFACTS_DIR", artifacts.toString());
                make = builder.start();
            } catch (IOException e) {
                Assumptions.abort("make is not installed: " + e.getMessage());
                return;
            }
            if (!make.waitFor(60, TimeUnit.SECONDS)) {
                make.destroyForcibly();
                throw new AssertionError("make took longer than 60 s");
            }
            assertEquals(0, make.exitValue(), Files.readString(output));
        }
    }

    private List<String> mavenRuns() throws IOException {
        Path log = project.resolve("maven-runs.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** The jar as if built a minute ago, so that what the test changes next is newer, as it would be. */
    private void jarBuiltEarlier() throws IOException {
        Files.setLastModifiedTime(project.resolve("target/actiongate-lambda.jar"), FileTime.from(Instant.now().minusSeconds(60)));
    }
}
