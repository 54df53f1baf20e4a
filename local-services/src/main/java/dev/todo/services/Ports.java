package dev.todo.services;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback ports for the local servers: a wanted one checked, or a free one chosen. */
public final class Ports {

  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
  /** One byte per port, locked by the process that chose it, for its life: see {@link #reserve}. */
  private static final Path RESERVATIONS = Path.of(System.getProperty("java.io.tmpdir"), "todo-local-ports.lock");
  private static FileChannel reservations;
  private static final int CHOSEN_FROM = 12_000;
  private static final int EPHEMERAL_LOW = ephemeralLow();

  private Ports() {
  }

  /** {@code wanted} if nothing holds it, a free port if it is 0; an error that names the server otherwise. */
  public static int choose(int wanted, String server) {
    if (wanted == 0) {
      return free();
    }
    if (!isFree(wanted)) {
      throw new IllegalStateException("port " + wanted + " for the local " + server + " server is in use: stop what "
          + "holds it or choose another port");
    }
    return wanted;
  }

  /**
   * A free TCP port on the loopback interface, never one this JVM handed out before: servers started at the
   * same time must not be given the same port (the second would fail to bind while the first answers for it).
   * It is chosen below the system's ephemeral range: a port from that range (what binding port 0 gives) can be
   * taken as the local end of any outgoing connection between this check and the server's bind, which then
   * fails with "in use" (seen in the suite when two clouds start side by side). Two processes starting at once
   * never choose the same one either (the second's SQS server once failed to bind the port the first had chosen).
   */
  public static int free() {
    int below = EPHEMERAL_LOW;
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = below - 1 - ThreadLocalRandom.current().nextInt(CHOSEN_FROM);
      if (isFree(port) && HANDED_OUT.add(port) && reserve(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port on the loopback interface between " + (below - CHOSEN_FROM)
        + " and " + (below - 1));
  }

  /**
   * Reserves {@code port} among the processes on this machine that choose ports here: a lock on its byte of one
   * shared file, held until this process ends (the kernel drops it however the process dies). Where the file cannot
   * be opened, the check that nothing listens on the port is all there is.
   */
  private static synchronized boolean reserve(int port) {
    try {
      if (reservations == null) {
        reservations = FileChannel.open(RESERVATIONS, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      }
      // the lock stays with the channel, which stays open as long as this class does
      return reservations.tryLock(port, 1, false) != null; // null: another process chose it
    } catch (IOException e) {
      return true;
    }
  }

  /** The lowest port the kernel hands out on its own: Linux says where; 32768 is Linux's default, below the rest's. */
  private static int ephemeralLow() {
    try {
      String range;
      try (BufferedReader in = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
        range = in.readLine().strip(); // a line at a time: Files.readString of a /proc file can come back cut short
      }
      return Math.max(1024 + CHOSEN_FROM, Integer.parseInt(range.split("\\s+")[0]));
    } catch (IOException | RuntimeException e) {
      return 32768;
    }
  }

  /** Whether nothing listens on {@code port} on the loopback interface. */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
