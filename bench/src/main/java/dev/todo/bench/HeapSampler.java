package dev.todo.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Samples the heap every few milliseconds on a daemon thread and keeps the highest values seen: used heap
 * (live data plus garbage not yet collected, so it grows toward -Xmx when the collector is lazy) and live heap
 * (what the heap pools held after their last collection: the data the program actually keeps).
 */
public final class HeapSampler implements AutoCloseable {

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()).toList();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peak;
  private volatile long peakLive;

  public HeapSampler() {
    thread = new Thread(() -> {
      while (running) {
        sample();
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void sample() {
    peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
    long live = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      MemoryUsage afterGc = pool.getCollectionUsage();
      live += afterGc == null ? 0 : afterGc.getUsed();
    }
    peakLive = Math.max(peakLive, live);
  }

  public long peakBytes() {
    sample();
    return peak;
  }

  /** The most the heap held right after a collection. */
  public long peakLiveBytes() {
    sample();
    return peakLive;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
