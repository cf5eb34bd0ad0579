/*
 * What request threads waited for in a JFR recording (parks, monitor waits and socket reads above JFR's thresholds),
 * between two instants, grouped by the blocking call and the broker or transaction-manager frame above it:
 *   java bench/jfr/WaitTop.java target/bench/liberty.jfr START_EPOCH_MS END_EPOCH_MS
 * Used for docs/BENCHMARKS.md "Profiling W1".
 */
import java.nio.file.*; import java.time.*; import java.util.*; import jdk.jfr.consumer.*;
public class WaitTop { public static void main(String[] a) throws Exception {
  Instant t0 = Instant.ofEpochMilli(Long.parseLong(a[1])), t1 = Instant.ofEpochMilli(Long.parseLong(a[2]));
  String[] marks = {"com.ibm.ws.recoverylog","com.ibm.tx.","org.apache.activemq.artemis.core.client.impl.ClientSessionImpl","org.apache.activemq.artemis.core.protocol.core.impl.ChannelImpl.sendBlocking","com.mysql.cj","com.ibm.ejs.j2c","org.hibernate","dev.mall.","redis.clients"};
  Map<String,long[]> byKey = new HashMap<>(); Map<String,long[]> byType = new HashMap<>();
  try (RecordingFile rf = new RecordingFile(Path.of(a[0]))) { while (rf.hasMoreEvents()) { RecordedEvent e = rf.readEvent();
    String t = e.getEventType().getName();
    if (!(t.equals("jdk.ThreadPark") || t.equals("jdk.JavaMonitorEnter") || t.equals("jdk.SocketRead") || t.equals("jdk.JavaMonitorWait") || t.equals("jdk.FileForce") || t.equals("jdk.FileWrite"))) continue;
    if (e.getStartTime().isBefore(t0) || e.getStartTime().isAfter(t1)) continue;
    RecordedThread th = e.getThread(); String tn = th == null || th.getJavaName() == null ? "?" : th.getJavaName();
    if (!tn.startsWith("Default Executor") && !t.equals("jdk.FileForce")) continue;
    RecordedStackTrace st = e.getStackTrace(); if (st == null) continue;
    List<String> fr = new ArrayList<>(); for (RecordedFrame f : st.getFrames()) { try { fr.add(f.getMethod().getType().getName()+"."+f.getMethod().getName()); } catch (RuntimeException x) { fr.add("?"); } }
    // key: first frame (from top) in one of the interesting packages, plus the first dev.mall frame
    String k1 = fr.stream().filter(s -> Arrays.stream(marks).anyMatch(s::startsWith)).findFirst().orElse(fr.isEmpty()?"?":fr.get(0));
    String k2 = fr.stream().filter(s -> (s.contains("ClientSessionImpl.") || s.contains("ActiveMQRA") || s.contains("ActiveMQXAResource") || s.contains("ActiveMQSession") || s.contains("ProducerImpl")) && !s.contains("sendBlocking")).limit(3).reduce((x,y)->x+" < "+y).orElse("-") + " | " + fr.stream().filter(s -> s.startsWith("com.ibm.tx.jta.impl")).findFirst().orElse("-");
    String key = t.substring(4) + " | " + k1 + " | " + k2;
    long ns = e.getDuration().toNanos();
    byKey.computeIfAbsent(key, x -> new long[2]); byKey.get(key)[0]++; byKey.get(key)[1]+=ns;
    byType.computeIfAbsent(t, x -> new long[2]); byType.get(t)[0]++; byType.get(t)[1]+=ns;
  }}
  byType.forEach((k,v) -> System.out.printf("%s: %d events, %.1f s%n", k, v[0], v[1]/1e9));
  byKey.entrySet().stream().sorted((x,y)->Long.compare(y.getValue()[1],x.getValue()[1])).limit(30)
    .forEach(x -> System.out.printf("%7.2f s %6d  %s%n", x.getValue()[1]/1e9, x.getValue()[0], x.getKey()));
}}
