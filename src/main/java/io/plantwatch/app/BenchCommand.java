package io.plantwatch.app;

import picocli.CommandLine.Command;

/** {@code plantwatch bench replay|replay-formats|alarms|mqtt|commands|audit}: the benchmark harnesses behind docs/BENCHMARKS.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks (see docs/BENCHMARKS.md).",
        subcommands = {BenchReplayCommand.class, BenchReplayFormatsCommand.class, BenchAlarmsCommand.class, BenchMqttCommand.class,
                BenchCommandsCommand.class, BenchAuditCommand.class, BenchSeekCommand.class})
public final class BenchCommand implements Runnable {

    @Override
    public void run() {
        System.err.println("choose a benchmark: bench replay | bench replay-formats | bench alarms | bench mqtt | bench commands"
                + " | bench audit | bench seek (see --help)");
    }
}
