import Foundation

/// Work spread over the cores with plain Dispatch: each worker writes only its own slots.
enum Parallel {
    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// `transform(i)` for i in 0..<count, on `workers` threads, results in order.
    static func map<T>(_ count: Int, workers: Int = cores, _ transform: (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize().deallocate() }
        nonisolated(unsafe) let output = slots
        let chunks = min(count, max(1, workers) * 4)  // a few chunks per core evens out the load
        let size = (count + chunks - 1) / chunks
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let work = transform
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for i in min(count, chunk * size)..<min(count, (chunk + 1) * size) { output[i] = work(i) }
            }
        }
        return slots.map { $0! }
    }
}

/// A value computed on another thread while this one does something else.
final class Background<T>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var value: T?

    init(_ work: @escaping @Sendable () -> T) {
        group.enter()
        DispatchQueue.global().async {
            self.value = work()
            self.group.leave()
        }
    }

    func wait() -> T {
        group.wait()
        return value!
    }
}
