package dev.todo.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/** The results as a picture: grouped bars of end-to-end rows/s by size. */
final class Chart {

  private Chart() {
  }

  /** Grouped bars of end-to-end rows/s by size on a log scale: baseline, ours, and the BatchWriteItem ceiling. */
  static BufferedImage rowsPerSecond(List<Report.Size> sizes, String subtitle) {
    int width = 900;
    int height = 500;
    int left = 90;
    int right = 30;
    int top = 60;
    int bottom = 70;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString("End-to-end import rate, rows/s (log scale)", left, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString(subtitle, left, 46);
    double max = 1;
    for (Report.Size s : sizes) {
      max = Math.max(max, Math.max(s.ours().rowsPerSecond(), s.ceiling().batchWriteItemsPerSecond()));
    }
    int decades = (int) Math.ceil(Math.log10(max));
    int plotHeight = height - top - bottom;
    g.setStroke(new BasicStroke(1));
    for (int d = 0; d <= decades; d++) {
      int y = top + plotHeight - plotHeight * d / decades;
      g.setColor(new Color(225, 225, 225));
      g.drawLine(left, y, width - right, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "%,d", (long) Math.pow(10, d)), 10, y + 4);
    }
    Color[] colors = {new Color(200, 80, 60), new Color(40, 110, 190), new Color(150, 150, 150)};
    String[] names = {"baseline (naive)", "ours", "BatchWriteItem ceiling"};
    int groupWidth = (width - left - right) / Math.max(1, sizes.size());
    int barWidth = Math.min(70, groupWidth / 4);
    for (int i = 0; i < sizes.size(); i++) {
      Report.Size s = sizes.get(i);
      double[] values = {s.baseline().map(Report.Run::rowsPerSecond).orElse(0.0), s.ours().rowsPerSecond(),
          s.ceiling().batchWriteItemsPerSecond()};
      int x0 = left + i * groupWidth + (groupWidth - 3 * barWidth) / 2;
      for (int b = 0; b < 3; b++) {
        if (values[b] <= 0) {
          continue;
        }
        int h = (int) (plotHeight * Math.max(0, Math.log10(values[b])) / decades);
        g.setColor(colors[b]);
        g.fillRect(x0 + b * barWidth, top + plotHeight - h, barWidth - 6, h);
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "%,.0f", values[b]), x0 + b * barWidth, top + plotHeight - h - 4);
      }
      g.drawString(String.format(Locale.ROOT, "%,d rows", s.rows()), x0 + barWidth / 2, top + plotHeight + 18);
    }
    for (int b = 0; b < 3; b++) {
      int x = left + b * 220;
      g.setColor(colors[b]);
      g.fillRect(x, height - 30, 14, 14);
      g.setColor(Color.BLACK);
      g.drawString(names[b], x + 20, height - 19);
    }
    g.dispose();
    return image;
  }
}
