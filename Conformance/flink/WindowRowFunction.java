import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns one fired window's aggregate into a replay output row, tagged with
 * its case index so a job that runs many cases can split its output. A
 * window that fires again (a late but allowed element) emits a second row.
 */
public final class WindowRowFunction
        extends ProcessWindowFunction<Tuple4<Long, Long, Long, Long>, String, String, TimeWindow> {
    private final int caseIndex;

    public WindowRowFunction(int caseIndex) {
        this.caseIndex = caseIndex;
    }

    @Override
    public void process(String key, Context context, Iterable<Tuple4<Long, Long, Long, Long>> totals, Collector<String> out) {
        for (Tuple4<Long, Long, Long, Long> total : totals) {
            TimeWindow window = context.window();
            out.collect(caseIndex + "\t{\"key\":" + FlinkReplay.quote(key)
                    + ",\"window_start_ms\":" + window.getStart()
                    + ",\"window_end_ms\":" + window.getEnd()
                    + ",\"count\":" + total.f0 + ",\"sum\":" + total.f1
                    + ",\"min\":" + total.f2 + ",\"max\":" + total.f3 + "}");
        }
    }
}
