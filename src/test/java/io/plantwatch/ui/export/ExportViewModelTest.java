package io.plantwatch.ui.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantwatch.domain.ExportRequest;
import io.plantwatch.testsupport.StubConsoleServices;
import io.plantwatch.ui.ExportJob;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The export dialog's state: validation as typed, the request, progress at the cadence, outcome, cancel. */
class ExportViewModelTest {

    private final StubConsoleServices services = new StubConsoleServices();
    private final ExportViewModel vm = new ExportViewModel(services);

    @Test
    void formIsValidatedAsTypedAndDescribesTheRequest() {
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).isEqualTo("Choose a new (or empty) folder for the Parquet files");

        vm.targetProperty().set("/tmp/out");
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.request()).isEqualTo(new ExportRequest(ExportRequest.Format.PARQUET, Path.of("/tmp/out"), null, null, Set.of()));

        vm.fromProperty().set("yesterday");
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).startsWith("From: 'yesterday' is not a UTC time");
        vm.fromProperty().set("2020-03-09 13:30:00");
        vm.toProperty().set("2020-03-09 13:20:00");
        assertThat(vm.errorProperty().get()).startsWith("the end of the range");
        vm.toProperty().set("2020-03-09T13:40:00Z");
        vm.devicesProperty().set("P-101, P 102");
        assertThat(vm.validProperty().get()).isTrue(); // "P 102" reads as the devices P and 102
        vm.devicesProperty().set("P-101, P-102");
        vm.formatProperty().set(ExportRequest.Format.CSV);
        vm.targetProperty().set("/tmp/out.csv");
        assertThat(vm.request()).isEqualTo(new ExportRequest(ExportRequest.Format.CSV, Path.of("/tmp/out.csv"),
                Instant.parse("2020-03-09T13:30:00Z"), Instant.parse("2020-03-09T13:40:00Z"), Set.of("P-101", "P-102")));
    }

    @Test
    void progressAndOutcomeArriveAtTheCadence() {
        vm.targetProperty().set("/tmp/out");
        vm.export();
        assertThat(vm.runningProperty().get()).isTrue();
        assertThat(vm.progressProperty().get()).isEqualTo(-1);
        ExportJob job = services.exports.get(0).getValue();

        job.progress(250, 1000);
        assertThat(vm.progressProperty().get()).isEqualTo(-1);
        vm.refresh();
        assertThat(vm.progressProperty().get()).isEqualTo(0.25);
        assertThat(vm.progressTextProperty().get()).isEqualTo("250 / 1,000 readings");

        vm.export();
        assertThat(services.exports).hasSize(1);

        job.progress(1000, 1000);
        job.outcome().complete("Exported 1,000 readings to /tmp/out");
        vm.refresh();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.messageProperty().get()).isEqualTo("Exported 1,000 readings to /tmp/out");
    }

    @Test
    void cancelAndFailureAreReported() {
        vm.targetProperty().set("/tmp/out");
        vm.export();
        ExportJob job = services.exports.get(0).getValue();
        vm.cancel();
        assertThat(job.cancelRequested()).isTrue();
        assertThat(vm.progressTextProperty().get()).isEqualTo("Cancelling…");
        job.outcome().complete("Export cancelled; nothing was left at /tmp/out");
        vm.refresh();
        assertThat(vm.messageProperty().get()).isEqualTo("Export cancelled; nothing was left at /tmp/out");

        vm.export();
        services.exports.get(1).getValue().outcome().completeExceptionally(new java.io.IOException("disk full"));
        vm.refresh();
        assertThat(vm.messageProperty().get()).isEqualTo("Export failed: disk full");
        assertThat(vm.runningProperty().get()).isFalse();
    }
}
