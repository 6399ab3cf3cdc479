package io.plantwatch.app;

import io.plantwatch.config.ConfigException;
import io.plantwatch.ingest.replay.RecordingFormatException;
import io.plantwatch.storage.StorageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code plantwatch} command line. Without a subcommand it opens the console; {@code replay}
 * runs a recording headless and writes a report; {@code export} writes the durable journal to Parquet
 * or CSV; {@code simulate} publishes a recording to a broker
 * as live devices would; {@code operators} administers operator accounts; {@code audit} verifies
 * and exports the audit trail. Run through {@code bin/plantwatch}, which adds the JVM options Spark needs.
 */
@Command(name = "plantwatch", mixinStandardHelpOptions = true, version = "PlantWatch 0.1.0",
        description = "Operator console for plant telemetry: live values, trends and alarms through embedded Spark.",
        subcommands = {ConsoleCommand.class, LiveCommand.class, ReplayCommand.class, CompareCommand.class, ExportCommand.class,
            SimulateCommand.class, BenchCommand.class, EvaluateCommand.class, OperatorsCommand.class, AuditCommand.class})
public final class Main implements Runnable {

    /** Entry point; exits with the command's exit code (2 for unusable input, with the reason on stderr). */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args.length == 0 ? new String[] {"console"} : args));
    }

    /**
     * The command line with its error handling: unusable input (a bad site file, recording, argument,
     * an unreadable or locked database, a refused operator change) exits with 2 and the reason on
     * stderr. Tests run commands in-process through it.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException || e instanceof RecordingFormatException
                    || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    || e instanceof java.io.UncheckedIOException
                    || e instanceof java.io.IOException || e instanceof StorageException
                    || e instanceof io.plantwatch.audit.AuditException
                    || e instanceof io.plantwatch.security.NotPermittedException) {
                commandLine.getErr().println("plantwatch: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl;
    }

    @Override
    public void run() {
        new CommandLine(new ConsoleCommand()).execute();
    }
}
