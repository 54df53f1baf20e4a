/**
 * Run by LambdaInitBenchmark as a single-file program on the deployable jar's classpath alone: creates one handler
 * by its class name, as Lambda's init phase does, and prints how long that took.
 */
public class InitOne {
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    Class.forName(args[0]).getDeclaredConstructor().newInstance();
    System.out.printf("%.0f%n", (System.nanoTime() - start) / 1e6);
  }
}
