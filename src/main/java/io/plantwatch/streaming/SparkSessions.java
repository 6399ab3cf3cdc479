package io.plantwatch.streaming;

import io.plantwatch.domain.StreamingSettings;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the console's embedded Spark session (DESIGN.md decision 1): {@code local[*]}, UI off,
 * shuffle partitions sized for a desktop, scratch space under the data directory, UTC session
 * time zone (windows align to UTC epoch multiples), {@code java.time} types in rows.
 *
 * <p>Takes ~3 s on 2 cores; call it off the FX thread. The JVM needs the {@code --add-opens} list
 * of {@code bin/plantwatch} (see STACK.md).
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * Creates (or returns the active) local session.
     *
     * @param master  e.g. {@code local[*]} or {@code local[2]}
     * @param dataDir the application's data directory; {@code spark-local/} is created below it
     */
    public static SparkSession local(String master, StreamingSettings settings, Path dataDir) {
        return SparkSession.builder()
                .appName("PlantWatch")
                .master(master)
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.local.dir", dataDir.resolve("spark-local").toAbsolutePath().toString())
                .config("spark.sql.shuffle.partitions", Integer.toString(settings.shufflePartitions()))
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.datetime.java8API.enabled", "true")
                .config("spark.sql.adaptive.enabled", "false")
                .config("spark.sql.streaming.metricsEnabled", "false")
                // a console runs a micro-batch a second for days: keep Spark's in-memory status history
                // (jobs, stages, SQL executions; kept even with the UI off) small, or the heap grows with
                // every batch until the defaults (1000 of each) are reached (bench mqtt --phases heap)
                .config("spark.ui.retainedJobs", "50")
                .config("spark.ui.retainedStages", "50")
                .config("spark.ui.retainedTasks", "1000")
                .config("spark.sql.ui.retainedExecutions", "50")
                .config("spark.sql.streaming.ui.retainedQueries", "10")
                .config("spark.sql.streaming.ui.retainedProgressUpdates", "50")
                // checkpoints through java.nio: Hadoop's local file system forks chmod/readlink for every
                // checkpoint file (LocalCheckpointFileManager says why and what it measured)
                .config("spark.sql.streaming.checkpointFileManagerClass", LocalCheckpointFileManager.class.getName())
                .getOrCreate();
    }
}
