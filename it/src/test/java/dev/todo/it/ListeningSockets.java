package dev.todo.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The TCP sockets some processes listen on, read from Linux's /proc: {@code address:port} in /proc's hex form. */
final class ListeningSockets {

  private static final String LISTEN = "0A";
  private static final String LOOPBACK_V4 = "0100007F";
  private static final String LOOPBACK_V4_MAPPED = "0000000000000000FFFF00000100007F";
  private static final String LOOPBACK_V6 = "00000000000000000000000001000000";

  private ListeningSockets() {
  }

  static List<String> of(List<Long> pids) throws IOException {
    Set<String> inodes = new HashSet<>();
    for (long pid : pids) {
      Path fds = Path.of("/proc", Long.toString(pid), "fd");
      try (Stream<Path> links = Files.list(fds)) {
        for (Path fd : (Iterable<Path>) links::iterator) {
          try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[")) {
              inodes.add(target.substring(8, target.length() - 1));
            }
          } catch (IOException closedMeanwhile) {
            // the descriptor went away while we looked
          }
        }
      }
    }
    List<String> listening = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f[3].equals(LISTEN) && inodes.contains(f[9])) {
          listening.add(f[1]);
        }
      }
    }
    return listening;
  }

  static boolean isLoopback(String hexAddressAndPort) {
    String address = hexAddressAndPort.substring(0, hexAddressAndPort.indexOf(':'));
    return address.equals(LOOPBACK_V4) || address.equals(LOOPBACK_V4_MAPPED) || address.equals(LOOPBACK_V6);
  }
}
