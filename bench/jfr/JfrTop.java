/*
 * Where Liberty spent its CPU in a JFR recording (bin/mall bench with MALL_BENCH_JFR=1), between two instants:
 *   java bench/jfr/JfrTop.java target/bench/liberty.jfr START_EPOCH_MS END_EPOCH_MS [frame-substring]
 * (W1's window: startEpochMillis / endEpochMillis in target/bench/parts/W1-capacity.json). Prints per-thread CPU
 * load, GC and JIT totals, execution samples by component (inclusive, and by the innermost known component) and
 * the top frames. JDK 17's `jfr print` fails on some of Liberty's frames, hence this reader. Used for
 * docs/BENCHMARKS.md "Profiling W1".
 */
import java.nio.file.*; import java.time.*; import java.util.*; import jdk.jfr.consumer.*;
public class JfrTop {
  static String[][] CATS = {{"jdbc-driver","com.mysql."},{"bean-validation","org.hibernate.validator."},{"hibernate","org.hibernate."},{"artemis","org.apache.activemq."},{"tx-manager","com.ibm.tx."},{"tx-manager","com.ibm.ws.tx."},
   {"jca-pool","com.ibm.ejs.j2c."},{"jdbc-wrapper","com.ibm.ws.rsadapter."},{"jaxrs","org.jboss.resteasy."},{"cdi","org.jboss.weld."},{"jsonb","org.eclipse.yasson."},{"security","com.ibm.ws.security."},
   {"jwt","org.jose4j."},{"jwt","com.nimbusds."},{"http","com.ibm.ws.http."},{"http","com.ibm.ws.tcpchannel."},{"webcontainer","com.ibm.ws.webcontainer."},{"ejb","com.ibm.ejs.container."},
   {"mall","dev.mall."},{"metrics","io.openliberty.microprofile.metrics"},{"metrics","io.smallrye.metrics"},{"http-monitor","io.openliberty.http.monitor"},{"jandex","org.jboss.jandex"},{"logging","com.ibm.ws.logging"},{"jaxrs-client","org.jboss.resteasy.client"},{"ffdc","com.ibm.ws.ffdc"},{"tranlog","com.ibm.ws.recoverylog"},{"tranlog","com.ibm.tx.util.logging"}};
  public static void main(String[] a) throws Exception {
    Instant t0 = a.length > 1 ? Instant.ofEpochMilli(Long.parseLong(a[1])) : Instant.MIN;
    Instant t1 = a.length > 2 ? Instant.ofEpochMilli(Long.parseLong(a[2])) : Instant.MAX;
    String focus = a.length > 3 ? a[3] : null;
    Map<String,Double> tcpu=new HashMap<>(); Map<String,Integer> tcpuN=new HashMap<>(); Map<String,Integer> leafCat=new HashMap<>(), self=new HashMap<>(), incl=new HashMap<>(), cat=new HashMap<>(), thr=new HashMap<>();
    int n=0; int gcCount=0, jit=0, cpuN=0; long gcNanos=0, jitNanos=0; double jvmUser=0, jvmSys=0, machine=0;
    try (RecordingFile rf = new RecordingFile(Path.of(a[0]))) {
      while (rf.hasMoreEvents()) {
        RecordedEvent e = rf.readEvent();
        String type = e.getEventType().getName();
        if (!e.getStartTime().isBefore(t0) && !e.getStartTime().isAfter(t1)) {
          if (type.equals("jdk.GarbageCollection")) { gcCount++; gcNanos += e.getDuration().toNanos(); }
          if (type.equals("jdk.Compilation")) { jit++; jitNanos += e.getDuration().toNanos(); }
          if (type.equals("jdk.ThreadCPULoad")) { RecordedThread et = e.getThread("eventThread"); String nm = et == null ? "?" : (et.getJavaName() != null ? et.getJavaName() : et.getOSName()); nm = nm == null ? "?" : nm.replaceAll("[-\\d]+$",""); tcpu.merge(nm, e.getDouble("user") + e.getDouble("system"), Double::sum); tcpuN.merge(nm, 1, Integer::sum); }
          if (type.equals("jdk.CPULoad")) { cpuN++; jvmUser += e.getDouble("jvmUser"); jvmSys += e.getDouble("jvmSystem"); machine += e.getDouble("machineTotal"); }
        }
        if (!type.equals("jdk.ExecutionSample")) continue;
        if (e.getStartTime().isBefore(t0) || e.getStartTime().isAfter(t1)) continue;
        RecordedStackTrace st = e.getStackTrace(); if (st == null) continue;
        List<String> fr = new ArrayList<>();
        for (RecordedFrame f : st.getFrames()) fr.add(f.getMethod().getType().getName()+"."+f.getMethod().getName());
        if (focus != null && fr.stream().noneMatch(s -> s.contains(focus))) continue;
        n++;
        RecordedThread t = e.getThread("sampledThread");
        thr.merge(t == null ? "?" : t.getJavaName().replaceAll("[-\\d]+$",""),1,Integer::sum);
        self.merge(fr.get(0),1,Integer::sum);
        Set<String> seen=new HashSet<>(fr); for (String s: seen) incl.merge(s,1,Integer::sum);
        Set<String> cs=new HashSet<>(); for (String s: fr) for (String[] c: CATS) if (s.startsWith(c[1])) cs.add(c[0]);
        for (String c: cs) cat.merge(c,1,Integer::sum);
        String leaf = "jdk/other";
        outer: for (String s: fr) for (String[] c: CATS) if (s.startsWith(c[1])) { leaf = c[0]; break outer; }
        leafCat.merge(leaf,1,Integer::sum);
      }
    }
    System.out.println("samples "+n);
    System.out.println("--- thread CPU load, per thread of that name (mean of its samples), as a fraction of the whole machine (1.0 = all cores)");
    tcpu.entrySet().stream().sorted((x,y)->Double.compare(y.getValue()/tcpuN.get(y.getKey()), x.getValue()/tcpuN.get(x.getKey()))).limit(12)
      .forEach(x -> System.out.printf("%6.3f %s (%d samples)%n", x.getValue()/tcpuN.get(x.getKey()), x.getKey(), tcpuN.get(x.getKey())));
    System.out.printf("GC: %d collections, %.0f ms pause total; JIT: %d compilations, %.0f ms; CPU load avg jvmUser %.2f jvmSystem %.2f machine %.2f%n", gcCount, gcNanos/1e6, jit, jitNanos/1e6, jvmUser/Math.max(1,cpuN), jvmSys/Math.max(1,cpuN), machine/Math.max(1,cpuN));
    print("threads",thr,n,10); print("categories (inclusive)",cat,n,30); print("categories (self: innermost known component)",leafCat,n,30); print("top self",self,n,25); print("top inclusive",incl,n,90);
  }
  static void print(String title, Map<String,Integer> m, int n, int k) {
    System.out.println("--- "+title);
    m.entrySet().stream().sorted((x,y)->y.getValue()-x.getValue()).limit(k).forEach(x->System.out.printf("%5.1f%% %s%n", x.getValue()*100.0/n, x.getKey()));
  }
}
