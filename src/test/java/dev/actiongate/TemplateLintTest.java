package dev.actiongate;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * AWS's own linter for CloudFormation (cfn-lint) finds template.yaml clean: resource types, properties,
 * references, alarm and dashboard shapes. Skipped where cfn-lint is not installed.
 */
class TemplateLintTest {

    @Test
    void cfnLintFindsNothingInTheTemplate() throws Exception {
        Path output = Files.createTempFile("cfn-lint", ".log");
        try {
            Process lint;
            try {
                lint = new ProcessBuilder("cfn-lint", "template.yaml").redirectErrorStream(true).redirectOutput(output.toFile()).start();
            } catch (IOException e) {
                Assumptions.abort("cfn-lint is not installed: " + e.getMessage());
                return;
            }
            if (!lint.waitFor(120, TimeUnit.SECONDS)) {
                lint.destroyForcibly();
                throw new AssertionError("cfn-lint took longer than 120 s");
            }
            assertEquals(0, lint.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
