import Foundation

/// At most `count` threads computing at once. A thread holds a permit while
/// it computes and gives it back while it waits for another (for a shared
/// input another thread produces), so threads that wait never hold a core.
public final class CorePermits: @unchecked Sendable {
    private let semaphore: DispatchSemaphore
    public let count: Int

    public init(count: Int) {
        precondition(count >= 1, "at least one permit")
        self.count = count
        semaphore = DispatchSemaphore(value: count)
    }

    public func acquire() { semaphore.wait() }
    public func release() { semaphore.signal() }
}

/// Runs pieces of work in cohorts: every piece of a cohort runs at once, on
/// a thread of its own, so pieces that read one shared input in step (a
/// `SharedLogPass`) can all be fed by a single pass over it; at most `jobs`
/// of them compute at any moment (`CorePermits`). Cohorts run one after
/// another, overlapping only by the ends of a cohort's pieces after their
/// shared input, so memory is about one cohort's. Results land at their
/// piece's index and each piece is deterministic on its own, so the output
/// is the same for every `jobs` and every interleaving, as with
/// `ParallelMap`. Finished threads are joined at the end (each keeps only
/// its stack until then).
public enum CohortRun {
    /// `cohorts` lists piece indices (each piece in exactly one cohort);
    /// `prepare(cohort, permits)` runs before a cohort's threads start and
    /// gives what they share (the cohort's pass, whose waits give back the
    /// permits); `awaitShared(shared)` returns once a cohort is done with
    /// it (the pass is read through), and the next cohort starts then,
    /// beside the pieces of the last one that are still finishing.
    /// `progress(done, total)` is called after each piece, serialised.
    public static func run<Shared, Result>(count: Int, cohorts: [[Int]], jobs: Int,
                                           progress: (Int, Int) -> Void = { _, _ in },
                                           prepare: ([Int], CorePermits) -> Shared,
                                           awaitShared: (Shared) -> Void = { _ in },
                                           _ work: (Int, Shared, CorePermits) -> Result) -> [Result] {
        precondition(jobs >= 1, "jobs must be at least 1")
        precondition(cohorts.joined().sorted() == Array(0..<count), "each piece is in exactly one cohort")
        let permits = CorePermits(count: jobs)
        return withoutActuallyEscaping(work) { work in
            withoutActuallyEscaping(progress) { progress in
                let slots = ResultSlots<Result>(count: count)
                let calls = Calls(work: work, progress: progress)
                var running: [JoinableThread] = []
                // Bounded by the cohorts, then by each cohort's pieces.
                for cohort in cohorts where !cohort.isEmpty {
                    let shared = Unchecked(value: prepare(cohort, permits))
                    let threads = cohort.map { index in
                        JoinableThread(stackSize: 8 << 20) {
                            permits.acquire()
                            let result = calls.work(index, shared.value, permits)
                            permits.release()
                            slots.set(index, result) { done in calls.progress(done, count) }
                        }
                    }
                    running += threads
                    // The next cohort starts once this one is done with what
                    // it shares, beside the pieces still finishing.
                    awaitShared(shared.value)
                }
                // Joined (not only waited for): every thread has let go of
                // the closures before `run` returns.
                for thread in running { thread.join() }
                return slots.values()
            }
        }
    }

    /// A value handed to a cohort's threads, which `run` outlives.
    private struct Unchecked<Value>: @unchecked Sendable {
        let value: Value
    }

    /// The closures, shared by the threads; `run` waits for every thread,
    /// so they never outlive the call.
    private struct Calls<Shared, Result>: @unchecked Sendable {
        var work: (Int, Shared, CorePermits) -> Result
        var progress: (Int, Int) -> Void
    }
}

/// A POSIX thread that runs one closure and is joined: once `join()`
/// returns, the thread has ended and released the closure. (A `Thread`
/// may still hold its block after the block has signalled.)
final class JoinableThread {
    private var thread: pthread_t

    /// Starts the thread; `stackSize` in bytes (a piece is a deep call
    /// stack, a whole engine run: the room a dispatch worker has).
    init(stackSize: Int, _ body: @escaping @Sendable () -> Void) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        var handle = pthread_t()
        let status = pthread_create(&handle, &attributes, { context in
            let body = Unmanaged<Body>.fromOpaque(context!).takeRetainedValue()
            body.run()
            return nil
        }, box)
        precondition(status == 0, "cannot start a thread (pthread_create: \(status))")
        thread = handle
    }

    func join() {
        let status = pthread_join(thread, nil)
        precondition(status == 0, "cannot join a thread (pthread_join: \(status))")
    }

    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
}
