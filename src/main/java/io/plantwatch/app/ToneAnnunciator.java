package io.plantwatch.app;

import io.plantwatch.ui.alarm.Annunciator;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A synthesised alarm tone on the default audio output (no sound files): priority 1 a fast
 * 1 kHz pulse, others a slower 800 Hz pulse, repeated on a daemon thread until silenced. Where the
 * machine has no audio line, it logs that once and stays quiet: the banner and table still show
 * every alarm.
 */
final class ToneAnnunciator implements Annunciator {

    private static final Logger LOG = LoggerFactory.getLogger(ToneAnnunciator.class);
    private static final float RATE = 16_000f;

    private static final byte[] URGENT = tone(1000, 0.15);
    private static final byte[] URGENT_PAUSE = new byte[(int) (RATE * 0.15) * 2];
    private static final byte[] NORMAL = tone(800, 0.3);
    private static final byte[] NORMAL_PAUSE = new byte[(int) (RATE * 0.7) * 2];

    private volatile int priority;
    private volatile boolean on;
    private Thread player;
    private boolean unavailableLogged;

    @Override
    public synchronized void sound(int p) {
        priority = p;
        on = true;
        if (player == null || !player.isAlive()) {
            player = new Thread(this::play, "alarm-tone");
            player.setDaemon(true);
            player.start();
        }
    }

    @Override
    public void silence() {
        on = false;
    }

    private void play() {
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        try (SourceDataLine line = AudioSystem.getSourceDataLine(format)) {
            line.open(format);
            line.start();
            while (on) {
                boolean urgent = priority == 1;
                byte[] beep = urgent ? URGENT : NORMAL;
                byte[] pause = urgent ? URGENT_PAUSE : NORMAL_PAUSE;
                line.write(beep, 0, beep.length);
                line.write(pause, 0, pause.length);
            }
            line.drain();
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            synchronized (this) {
                if (!unavailableLogged) {
                    unavailableLogged = true;
                    LOG.warn("no audio output for the alarm tone ({}); alarms are shown but not heard", e.getMessage());
                }
            }
        }
    }

    private static byte[] tone(double hz, double seconds) {
        int n = (int) (RATE * seconds);
        byte[] pcm = new byte[n * 2];
        for (int i = 0; i < n; i++) {
            double envelope = Math.min(1, Math.min(i, n - i) / (RATE * 0.01));
            short s = (short) (Math.sin(2 * Math.PI * hz * i / RATE) * 12_000 * envelope);
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }
}
