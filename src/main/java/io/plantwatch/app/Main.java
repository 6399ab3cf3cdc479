package io.plantwatch.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code plantwatch} command line. Without a subcommand it opens the console; {@code replay}
 * runs a recording headless and writes a report. Run through {@code bin/plantwatch}, which adds
 * the JVM options Spark needs.
 */
@Command(name = "plantwatch", mixinStandardHelpOptions = true, version = "PlantWatch 0.1.0",
        description = "Operator console for plant telemetry: live values, trends and alarms through embedded Spark.",
        subcommands = {ConsoleCommand.class, ReplayCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    /** Entry point; exits with the command's exit code. */
    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        int code = cl.execute(args.length == 0 ? new String[] {"console"} : args);
        if (code != 0 || !(args.length == 0 || "console".equals(args[0]))) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        new CommandLine(new ConsoleCommand()).execute();
    }
}
