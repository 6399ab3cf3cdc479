/**
 * The console (MVVM): FXML views under {@code src/main/resources/fxml/<feature>/} with their
 * controllers ({@code XxxView}) and ViewModels ({@code XxxViewModel}). Background data enters
 * through {@link io.plantwatch.ui.ConsoleFeed} and crosses into the FX thread only in
 * {@link io.plantwatch.ui.UiCadence}.
 */
package io.plantwatch.ui;
