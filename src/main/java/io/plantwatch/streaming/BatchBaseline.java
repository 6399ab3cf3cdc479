package io.plantwatch.streaming;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.window;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The benchmark's yardstick: the same per-tag window statistics as {@link StreamingPipeline},
 * computed by plain Spark batch SQL straight from a long-format CSV recording. Not used by the
 * console.
 */
public final class BatchBaseline {

    private static final StructType CSV = new StructType()
            .add("timestamp", DataTypes.StringType)
            .add("device", DataTypes.StringType)
            .add("sensor", DataTypes.StringType)
            .add("value", DataTypes.DoubleType)
            .add("unit", DataTypes.StringType);

    private BatchBaseline() {
    }

    /**
     * Reads the CSV and aggregates it into tumbling windows per tag.
     *
     * @return number of windows
     */
    public static long windows(SparkSession spark, Path csv, Duration window) {
        return spark.read().option("header", "true").schema(CSV).csv(csv.toAbsolutePath().toString())
                .withColumn("event_time", to_timestamp(col("timestamp")))
                .groupBy(window(col("event_time"), window.toMillis() + " milliseconds"), col("device"), col("sensor"))
                .agg(count(col("value")), avg(col("value")), min(col("value")), max(col("value")), stddev_samp(col("value")))
                .count();
    }

    /** Runs {@link #windows} on a running pipeline's session. */
    public static long windows(StreamingPipeline pipeline, Path csv, Duration window) {
        return windows(pipeline.session(), csv, window);
    }
}
