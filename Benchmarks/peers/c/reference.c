/*
 * The C peer for StreamLab's reference workload (issue 7, "side-by-side peer
 * comparison"): what a careful C programmer writes by hand, with no framework.
 *
 * Model: Poisson arrivals at 10,000/s (exponential gaps, mean 100 µs);
 * each event reaches the source after a lognormal transport delay (median
 * 50 ms, sigma 0.5); deliveries pass through a binary min-heap ordered by
 * (arrival time, insertion sequence), and the next generation time is kept
 * outside the heap, so each event costs exactly one push and one pop. The
 * consumer is a 1-second tumbling count by event time with a Flink
 * bounded-out-of-orderness watermark (max event time - 200 ms - 1, emitted
 * per event); a window fires when its max timestamp (end - 1) <= watermark,
 * late events (window already fired) are counted as dropped. The sink folds
 * every fired (window start, count) into a checksum so nothing is optimised
 * away. RNG: GSL's mt19937, as the issue specifies.
 *
 * Usage: reference EVENTS SEED   -> one JSON line on stdout.
 * Only the simulation loop is timed (CLOCK_MONOTONIC), like `streamlab bench
 * reference`.
 */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

typedef struct {
    int64_t time;      /* arrival time, µs */
    uint64_t sequence; /* insertion order, breaks ties FIFO */
    int64_t event_time;
} entry;

typedef struct {
    entry *items;
    size_t count, capacity;
} heap;

static inline int precedes(const entry *a, const entry *b) {
    return a->time < b->time || (a->time == b->time && a->sequence < b->sequence);
}

static void heap_push(heap *h, entry e) {
    if (h->count == h->capacity) {
        h->capacity = h->capacity ? h->capacity * 2 : 1024;
        h->items = realloc(h->items, h->capacity * sizeof(entry));
        if (!h->items) abort();
    }
    size_t child = h->count++;
    while (child > 0) {
        size_t parent = (child - 1) / 2;
        if (!precedes(&e, &h->items[parent])) break;
        h->items[child] = h->items[parent];
        child = parent;
    }
    h->items[child] = e;
}

static entry heap_pop(heap *h) {
    entry top = h->items[0];
    entry last = h->items[--h->count];
    size_t parent = 0, count = h->count;
    for (;;) {
        size_t child = 2 * parent + 1;
        if (child >= count) break;
        if (child + 1 < count && precedes(&h->items[child + 1], &h->items[child])) child++;
        if (!precedes(&h->items[child], &last)) break;
        h->items[parent] = h->items[child];
        parent = child;
    }
    if (count > 0) h->items[parent] = last;
    return top;
}

#define WINDOW_MICROS 1000000LL
#define OUT_OF_ORDERNESS_MICROS 200000LL
#define RING 64 /* open windows; the watermark keeps far fewer than this */

typedef struct {
    int64_t counts[RING];
    int64_t next_to_fire; /* start of the oldest window not yet fired */
    int64_t max_event_time;
    uint64_t dropped, fired, checksum, counted;
} tumbling_count;

static inline int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static void fire_ready(tumbling_count *w, int64_t watermark) {
    /* Flink: the event-time trigger fires when window.maxTimestamp <= watermark. */
    while (w->next_to_fire + WINDOW_MICROS - 1 <= watermark) {
        int64_t slot = floor_div(w->next_to_fire, WINDOW_MICROS) & (RING - 1);
        int64_t count = w->counts[slot];
        if (count > 0) {
            w->checksum = w->checksum * 1000003u + (uint64_t)(w->next_to_fire ^ count);
            w->fired++;
            w->counted += (uint64_t)count;
        }
        w->counts[slot] = 0;
        w->next_to_fire += WINDOW_MICROS;
    }
}

static void process(tumbling_count *w, int64_t event_time) {
    int64_t start = event_time - (event_time % WINDOW_MICROS);
    if (start < w->next_to_fire) {
        w->dropped++;
    } else {
        w->counts[(start / WINDOW_MICROS) & (RING - 1)]++;
    }
    if (event_time > w->max_event_time) {
        w->max_event_time = event_time;
        fire_ready(w, event_time - OUT_OF_ORDERNESS_MICROS - 1);
    }
}

static inline int64_t round_micros(double seconds) { return (int64_t)llround(seconds * 1e6); }

int main(int argc, char **argv) {
    long long events = argc > 1 ? atoll(argv[1]) : 1000000;
    unsigned long seed = argc > 2 ? strtoul(argv[2], NULL, 10) : 1;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, seed);
    heap h = {0};
    tumbling_count w = {0};
    w.max_event_time = INT64_MIN;

    struct timespec begin, end;
    clock_gettime(CLOCK_MONOTONIC, &begin);
    int64_t next_generation = round_micros(gsl_ran_exponential(rng, 1e-4));
    long long generated = 0, delivered = 0;
    uint64_t sequence = 0;
    while (delivered < events) {
        if (generated < events && (h.count == 0 || next_generation <= h.items[0].time)) {
            double delay = gsl_ran_lognormal(rng, log(0.050), 0.5);
            entry e = {next_generation + round_micros(delay), sequence++, next_generation};
            heap_push(&h, e);
            generated++;
            next_generation += round_micros(gsl_ran_exponential(rng, 1e-4));
        } else {
            entry e = heap_pop(&h);
            process(&w, e.event_time);
            delivered++;
        }
    }
    /* End of input: the final watermark is +inf; firing up to the last
       window that holds data is the same thing for a bounded stream. */
    fire_ready(&w, w.max_event_time - (w.max_event_time % WINDOW_MICROS) + WINDOW_MICROS - 1);
    clock_gettime(CLOCK_MONOTONIC, &end);

    double wall = (double)(end.tv_sec - begin.tv_sec) + (double)(end.tv_nsec - begin.tv_nsec) / 1e9;
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    if (w.counted + w.dropped != (uint64_t)events) {
        fprintf(stderr, "reference: lost events (%llu counted + %llu dropped != %lld)\n",
                (unsigned long long)w.counted, (unsigned long long)w.dropped, events);
        return 1;
    }
    printf("{\"events\":%lld,\"wall_s\":%.6f,\"events_per_s\":%.0f,\"peak_rss_mb\":%.1f,"
           "\"windows\":%llu,\"dropped\":%llu}\n",
           events, wall, (double)events / wall, (double)usage.ru_maxrss / 1024.0,
           (unsigned long long)w.fired, (unsigned long long)w.dropped);
    gsl_rng_free(rng);
    free(h.items);
    return 0;
}
