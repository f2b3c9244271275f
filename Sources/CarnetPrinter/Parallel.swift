import Foundation

/// Work spread over the cores on threads of our own. Not Dispatch's pool: it runs at most one
/// thread per core, and the drawing thread already holds one, so concurrentPerform from the
/// background would have run on a single thread. The system shares the cores between ours.
enum Parallel {
    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Runs `body(worker)` for worker in 0..<workers, one thread each (the caller is worker 0),
    /// and returns when all are done.
    static func run(workers: Int, _ body: @escaping (Int) -> Void) {
        guard workers > 1 else { return body(0) }
        // A thread may release its closure after signalling, so `body` is escaping.
        nonisolated(unsafe) let work = body
        let done = DispatchGroup()
        for worker in 1..<workers {
            done.enter()
            Thread {
                work(worker)
                done.leave()
            }.start()
        }
        work(0)
        done.wait()
    }

    /// `transform(i)` for i in 0..<count on every core, results in order. Each worker writes
    /// only its own slots.
    static func map<T>(_ count: Int, workers: Int = cores, _ transform: @escaping (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize().deallocate() }
        nonisolated(unsafe) let output = slots
        let workers = min(count, max(1, workers))
        let size = (count + workers - 1) / workers
        run(workers: workers) { worker in
            for i in min(count, worker * size)..<min(count, (worker + 1) * size) { output[i] = transform(i) }
        }
        return slots.map { $0! }
    }
}

/// A value computed on another thread while this one does something else.
final class Background<T>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value: T?
    private var waited = false

    init(_ work: @escaping @Sendable () -> T) {
        Thread {
            self.value = work()
            self.done.signal()
        }.start()
    }

    func wait() -> T {
        if !waited {
            done.wait()
            waited = true
        }
        return value!
    }
}
