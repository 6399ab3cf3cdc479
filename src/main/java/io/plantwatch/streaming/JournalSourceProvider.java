package io.plantwatch.streaming;

import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Spark DataSource V2 entry point for the reading journal: {@code spark.readStream()
 * .format("plantwatch-journal").option("journal", id).load()} gives a stream of
 * {@code (tag STRING, event_time TIMESTAMP, value DOUBLE)}, micro-batch only.
 *
 * <p>Options: {@code journal} (required, from {@link JournalRegistry#register}),
 * {@code maxReadingsPerTrigger} (default 1,000,000), {@code partitions} (input partitions per
 * micro-batch, default 2). Registered in {@code META-INF/services}.
 */
public final class JournalSourceProvider implements TableProvider, DataSourceRegister {

    /** The short name for {@code format(...)}. */
    public static final String NAME = "plantwatch-journal";

    @Override
    public String shortName() {
        return NAME;
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return JournalTable.SCHEMA;
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new JournalTable();
    }
}
