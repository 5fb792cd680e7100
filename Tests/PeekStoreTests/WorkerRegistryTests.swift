import Foundation
import PeekStore
import PeekTestSupport
import Testing

@Suite struct WorkerRegistryTests {
    @Test(arguments: Backend.available)
    func workerHeartbeatsReportTheNewestBeat(_ backend: Backend) throws {
        try withBackend(backend) { database, _ in
            let registry = database.workers
            #expect(try registry.lastHeartbeat() == nil)
            let before = Date().timeIntervalSince1970
            try registry.beat(workerID: "worker-a", pid: 10, startedAt: before, currentJob: nil, jobsDone: 0)
            try registry.beat(workerID: "worker-a", pid: 10, startedAt: before, currentJob: 1, jobsDone: 1)
            let beat = try #require(try registry.lastHeartbeat())
            #expect(beat >= before)
            try registry.remove(workerID: "worker-a")
            #expect(try registry.lastHeartbeat() == nil)
        }
    }

    @Test(arguments: Backend.available)
    func theDatabaseIsWritable(_ backend: Backend) throws {
        try withBackend(backend) { database, _ in
            try database.checkWritable()
        }
    }
}
