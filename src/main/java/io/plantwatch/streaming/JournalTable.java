package io.plantwatch.streaming;

import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The journal as a Spark table that supports micro-batch reads only. */
final class JournalTable implements SupportsRead {

    static final StructType SCHEMA = new StructType()
            .add("tag", DataTypes.StringType, false)
            .add("event_time", DataTypes.TimestampType, false)
            .add("value", DataTypes.DoubleType, false);

    @Override
    public String name() {
        return JournalSourceProvider.NAME;
    }

    @Override
    @SuppressWarnings("deprecation")
    public StructType schema() {
        return SCHEMA;
    }

    @Override
    public Set<TableCapability> capabilities() {
        return EnumSet.of(TableCapability.MICRO_BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
        String journalId = options.get("journal");
        if (journalId == null) {
            throw new IllegalArgumentException("option 'journal' is required (an id from JournalRegistry.register)");
        }
        long maxRows = options.getLong("maxReadingsPerTrigger", 1_000_000L);
        int partitions = options.getInt("partitions", 2);
        return () -> new Scan() {
            @Override
            public StructType readSchema() {
                return SCHEMA;
            }

            @Override
            public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
                return new JournalMicroBatchStream(journalId, maxRows, partitions);
            }
        };
    }
}
