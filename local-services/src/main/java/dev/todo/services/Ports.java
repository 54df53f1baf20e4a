package dev.todo.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Loopback ports for the local servers: a wanted one checked, or a free one chosen. */
public final class Ports {

  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

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
   */
  public static int free() {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (HANDED_OUT.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
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
