package io.plantwatch.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a test class's {@code main} with this JVM's class path and module flags
 * (the {@code --add-opens} list Spark needs, which Surefire/Failsafe pass in {@code argLine}), so
 * that a test can kill it with SIGKILL ({@link Process#destroyForcibly()} on Linux) mid-stream. Its
 * stdout and stderr lines are collected (and echoed with a prefix so that a failing test shows
 * them).
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread pump;

    private ChildJvm(Process process, String name) {
        this.process = process;
        this.pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    System.out.println("[" + name + "] " + line);
                }
            } catch (IOException e) {
                // the child was killed; what it printed is in lines
            }
        }, "child-output-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Starts {@code mainClass} in a new JVM.
     *
     * @param name      prefix for the echoed output
     * @param maxHeap   e.g. {@code 512m}
     * @param mainClass a class on this JVM's class path with a {@code main}
     */
    public static ChildJvm start(String name, String maxHeap, Class<?> mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + maxHeap);
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("--add-exports") || a.startsWith("-XX:+IgnoreUnrecognized")
                    || a.startsWith("-Dio.netty")) {
                cmd.add(a);
            }
        }
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        return new ChildJvm(pb.start(), name);
    }

    /** Lines printed so far (stdout and stderr), in order. */
    public List<String> lines() {
        return lines;
    }

    /** The last printed line starting with {@code prefix}, without the prefix; null if none. */
    public String lastLine(String prefix) {
        String found = null;
        for (String l : lines) {
            if (l.startsWith(prefix)) {
                found = l.substring(prefix.length());
            }
        }
        return found;
    }

    /** Kills the child with SIGKILL (no shutdown hooks, no flushing) and waits for it to die. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        pump.join(5_000);
    }

    /**
     * Asks the child to stop with SIGTERM (its shutdown hooks run) and waits for it.
     *
     * @return its exit code
     * @throws IllegalStateException when it did not exit in time (it is killed)
     */
    public int terminate(long seconds) throws InterruptedException {
        process.destroy();
        return waitFor(seconds);
    }

    /**
     * Waits for the child to exit by itself.
     *
     * @return its exit code
     * @throws IllegalStateException when it did not exit in time (it is killed)
     */
    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            kill();
            throw new IllegalStateException("child JVM did not exit within " + seconds + " s");
        }
        pump.join(5_000);
        return process.exitValue();
    }

    /** Whether the child still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
