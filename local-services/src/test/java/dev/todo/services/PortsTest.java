package dev.todo.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {

  @Test
  void aFreePortIsBelowTheKernelsEphemeralRangeSoNoOutgoingConnectionCanTakeItBeforeTheServerBinds() throws Exception {
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    int ephemeralLow = Files.exists(range) ? Integer.parseInt(Files.readAllLines(range).get(0).strip().split("\\s+")[0]) : 32768;
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      int port = Ports.free();
      assertThat(port).isLessThan(ephemeralLow).isGreaterThan(1024);
      ports.add(port);
    }
    assertThat(ports).hasSize(50); // never the same one twice
    int port = Ports.free();
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aWantedPortThatIsHeldIsRefusedWithTheServersName() throws Exception {
    try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> Ports.choose(held.getLocalPort(), "S3"))
          .hasMessageContaining("port " + held.getLocalPort() + " for the local S3 server is in use");
    }
  }

  @Test
  void twoProcessesChoosingPortsAtOnceNeverChooseTheSameOne() throws Exception {
    Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), ChooseMany.class.getName(), "1500").redirectErrorStream(true).start();
    Set<Integer> mine = new HashSet<>();
    for (int i = 0; i < 1500; i++) {
      mine.add(Ports.free());
    }
    Set<Integer> theirs = new HashSet<>();
    for (String line : new String(other.getInputStream().readAllBytes()).strip().split("\\s+")) {
      theirs.add(Integer.parseInt(line));
    }
    assertThat(other.waitFor()).isZero();
    assertThat(theirs).hasSize(1500).doesNotContainAnyElementsOf(mine); // by chance alone about 190 would be shared
  }

  /** Another process choosing ports: prints N of them, each on a line, once it has them all. */
  public static final class ChooseMany {
    public static void main(String[] args) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < Integer.parseInt(args[0]); i++) {
        out.append(Ports.free()).append('\n');
      }
      System.out.print(out);
    }
  }
}
