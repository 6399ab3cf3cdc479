import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the PlantWatch icon (a trend crossing a dashed HI limit, the excursion marked by an alarm
 * dot) and writes it in the three formats jpackage takes: PNG (Linux), ICO (Windows) and ICNS (macOS).
 * Needs only a JDK: {@code java -Djava.awt.headless=true installers/icons/MakeIcons.java installers/icons}.
 * The outputs are committed; rerun this only to change the icon.
 */
public final class MakeIcons {

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(out);
        Files.write(out.resolve("PlantWatch.png"), png(draw(256)));
        // ICO: PNG-compressed entries (Windows Vista and later), 16 to 256 px
        Map<Integer, byte[]> ico = new LinkedHashMap<>();
        for (int s : new int[] {16, 24, 32, 48, 64, 128, 256}) {
            ico.put(s, png(draw(s)));
        }
        Files.write(out.resolve("PlantWatch.ico"), ico(ico));
        // ICNS: PNG entries ic07 (128), ic08 (256), ic09 (512), ic10 (1024, i.e. 512@2x)
        Map<String, byte[]> icns = new LinkedHashMap<>();
        icns.put("ic07", png(draw(128)));
        icns.put("ic08", png(draw(256)));
        icns.put("ic09", png(draw(512)));
        icns.put("ic10", png(draw(1024)));
        Files.write(out.resolve("PlantWatch.icns"), icns(icns));
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 256.0, size / 256.0);
        // background: dark slate rounded square
        g.setPaint(new GradientPaint(0, 0, new Color(0x2b3d52), 0, 256, new Color(0x141e2a)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 48, 48));
        // faint grid
        g.setColor(new Color(255, 255, 255, 28));
        g.setStroke(new BasicStroke(2f));
        for (int x = 48; x < 240; x += 40) {
            g.drawLine(x, 40, x, 216);
        }
        for (int y = 56; y < 240; y += 40) {
            g.drawLine(28, y, 228, y);
        }
        // HI limit, dashed red
        g.setColor(new Color(0xe5484d));
        g.setStroke(new BasicStroke(7f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {14f, 12f}, 0f));
        g.drawLine(34, 92, 222, 92);
        // trend of a process value, green, crossing the limit
        Path2D trend = new Path2D.Double();
        double[][] p = {{30, 176}, {62, 160}, {90, 170}, {118, 136}, {146, 146}, {170, 104}, {192, 66}, {214, 80}};
        trend.moveTo(p[0][0], p[0][1]);
        for (int i = 1; i < p.length; i++) {
            trend.lineTo(p[i][0], p[i][1]);
        }
        g.setColor(new Color(0x3ddc97));
        g.setStroke(new BasicStroke(14f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(trend);
        // alarm dot at the excursion, amber with a dark ring
        g.setColor(new Color(0x141e2a));
        g.fill(new Ellipse2D.Double(192 - 26, 66 - 26, 52, 52));
        g.setColor(new Color(0xffb224));
        g.fill(new Ellipse2D.Double(192 - 19, 66 - 19, 38, 38));
        g.dispose();
        return img;
    }

    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ImageIO.write(img, "png", b);
        return b.toByteArray();
    }

    /** ICO container (little-endian): ICONDIR, one ICONDIRENTRY per size, then the PNG data. */
    static byte[] ico(Map<Integer, byte[]> images) {
        int n = images.size();
        int size = 6 + 16 * n + images.values().stream().mapToInt(a -> a.length).sum();
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) n);
        int offset = 6 + 16 * n;
        for (var e : images.entrySet()) {
            int s = e.getKey();
            b.put((byte) (s >= 256 ? 0 : s)).put((byte) (s >= 256 ? 0 : s)).put((byte) 0).put((byte) 0);
            b.putShort((short) 1).putShort((short) 32).putInt(e.getValue().length).putInt(offset);
            offset += e.getValue().length;
        }
        images.values().forEach(b::put);
        return b.array();
    }

    /** ICNS container (big-endian): 'icns' + total length, then type + length + PNG data per entry. */
    static byte[] icns(Map<String, byte[]> images) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        for (var e : images.entrySet()) {
            d.writeBytes(e.getKey());
            d.writeInt(8 + e.getValue().length);
            d.write(e.getValue());
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        DataOutputStream a = new DataOutputStream(all);
        a.writeBytes("icns");
        a.writeInt(8 + body.size());
        a.write(body.toByteArray());
        return all.toByteArray();
    }
}
