package io.plantwatch.streaming;

import io.plantwatch.domain.StreamingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * One {@code local[2]} Spark session shared by the Spark tests of a JVM (starting one costs
 * seconds). Recreated if a test that runs the whole application stopped it.
 */
public final class SharedSpark {

    private static SparkSession session;

    private SharedSpark() {
    }

    /** The shared session. */
    public static synchronized SparkSession session() {
        if (session == null || session.sparkContext().isStopped()) {
            try {
                Path dir = Files.createTempDirectory("plantwatch-spark-test-");
                session = SparkSessions.local("local[2]", StreamingSettings.defaults(), dir);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return session;
    }
}
