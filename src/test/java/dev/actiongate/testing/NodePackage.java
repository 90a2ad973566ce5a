package dev.actiongate.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Node.js tools a test runs, pinned in a {@code package.json} and {@code package-lock.json} under
 * {@code src/test/node/<name>} and installed there with {@code npm ci} on first use ({@code node_modules} is
 * not committed). Without Node.js and npm the test is skipped, unless {@code ACTIONGATE_NODE_TESTS=required}
 * (as {@code .ci/run} sets it), when that is a failure.
 */
public final class NodePackage {

    /** How a command ended: its exit code and what it printed (standard output and error together). */
    public record Run(int exitCode, String output) {
    }

    private final Path directory;

    private NodePackage(Path directory) {
        this.directory = directory;
    }

    /** {@code src/test/node/<name>}, installed if {@code installed} (a path under it, e.g. node_modules/.bin/x) is missing. */
    public static NodePackage installed(String name, String installed) throws InterruptedException {
        NodePackage tools = new NodePackage(Path.of("src/test/node", name));
        boolean required = "required".equals(System.getenv("ACTIONGATE_NODE_TESTS"));
        try {
            if (!Files.exists(tools.directory.resolve(installed))) {
                Run install = tools.run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
                if (install.exitCode() != 0) {
                    throw new IOException("npm ci failed: " + install.output());
                }
            }
        } catch (IOException e) {
            if (required) {
                throw new AssertionError("ACTIONGATE_NODE_TESTS=required, but " + tools.directory + " could not be installed", e);
            }
            Assumptions.abort("Node.js and npm are needed for this test: " + e.getMessage());
        }
        return tools;
    }

    public Path directory() {
        return directory;
    }

    /** Runs a command in this package's directory, with these variables added to the environment. */
    public Run run(List<String> command, Map<String, String> environment, int timeoutSeconds) throws IOException, InterruptedException {
        Path output = Files.createTempFile("actiongate-node", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " took longer than " + timeoutSeconds + " s: " + Files.readString(output));
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
