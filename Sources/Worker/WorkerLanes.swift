import PeekStore

/// What one worker process drains: analyses, model builds, model runs. In development every
/// worker drains all three (analyses in its loop, models on a lane beside it); a VPS gives model
/// builds (which need the network for pip) and runs (which must not have it) services of their own,
/// so that each unit allows only what its work needs.
public struct WorkerLanes: Sendable, Equatable {
    public var analyses: Bool
    public var modelKinds: Set<ClaimedModelJob.Kind>

    public static let all = WorkerLanes(analyses: true, modelKinds: Set(ClaimedModelJob.Kind.allCases))

    public init(analyses: Bool, modelKinds: Set<ClaimedModelJob.Kind>) {
        self.analyses = analyses
        self.modelKinds = modelKinds
    }

    /// `all`, `analyses`, `models`, `builds` or `runs`.
    public init?(name: String) {
        switch name {
        case "all": self = .all
        case "analyses": self.init(analyses: true, modelKinds: [])
        case "models": self.init(analyses: false, modelKinds: Set(ClaimedModelJob.Kind.allCases))
        case "builds": self.init(analyses: false, modelKinds: [.build])
        case "runs": self.init(analyses: false, modelKinds: [.run])
        default: return nil
        }
    }
}
