import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.api.java.tuple.Tuple4;

/**
 * The replay query's aggregates (count, sum, min, max over value) as one
 * incremental Flink AggregateFunction. `merge` is what session windows call
 * when two sessions join.
 */
public final class CountSumMinMax
        implements AggregateFunction<Tuple3<String, Long, Long>, Tuple4<Long, Long, Long, Long>, Tuple4<Long, Long, Long, Long>> {
    static final TypeInformation<Tuple4<Long, Long, Long, Long>> ACCUMULATOR_TYPE =
            Types.TUPLE(Types.LONG, Types.LONG, Types.LONG, Types.LONG);

    @Override
    public Tuple4<Long, Long, Long, Long> createAccumulator() {
        return Tuple4.of(0L, 0L, Long.MAX_VALUE, Long.MIN_VALUE);
    }

    @Override
    public Tuple4<Long, Long, Long, Long> add(Tuple3<String, Long, Long> event, Tuple4<Long, Long, Long, Long> total) {
        return Tuple4.of(total.f0 + 1, total.f1 + event.f2, Math.min(total.f2, event.f2), Math.max(total.f3, event.f2));
    }

    @Override
    public Tuple4<Long, Long, Long, Long> getResult(Tuple4<Long, Long, Long, Long> total) {
        return total;
    }

    @Override
    public Tuple4<Long, Long, Long, Long> merge(Tuple4<Long, Long, Long, Long> left, Tuple4<Long, Long, Long, Long> right) {
        return Tuple4.of(left.f0 + right.f0, left.f1 + right.f1, Math.min(left.f2, right.f2), Math.max(left.f3, right.f3));
    }
}
