/// Models, their versions and the runs owners asked for. A lookup on behalf of an owner names
/// that owner: another owner's private model, its versions and anyone else's jobs are not found.
public protocol ModelCatalog: Sendable {
    func createModel(_ model: Model) throws(StoreError)
    /// The owner's models and the public models of others, newest first.
    func models(visibleTo ownerID: Int64) throws(StoreError) -> [Model]
    /// The model if it is the owner's or public.
    func model(_ id: String, visibleTo ownerID: Int64) throws(StoreError) -> Model?
    /// Stores the version and queues its build (for `ownerID`, the model's owner) in one
    /// transaction; `.conflict` when the model has a version of that name already.
    /// `confirmBlobs` runs under the write lock and makes sure the package's blob is stored
    /// (a deletion may have removed an identical blob since it was written).
    func addVersion(_ version: ModelVersion, ownerID: Int64,
                    confirmingBlobs confirmBlobs: () throws(StoreError) -> Void) throws(StoreError)
    func version(_ id: String, modelID: String) throws(StoreError) -> ModelVersion?
    /// The model's versions, newest first (without their build logs).
    func versions(modelID: String) throws(StoreError) -> [ModelVersion]
    /// Stores the run and queues it in one transaction; `confirmBlobs` as for `addVersion`.
    func addJob(_ job: ModelJob, confirmingBlobs confirmBlobs: () throws(StoreError) -> Void) throws(StoreError)
    /// The job if `ownerID` asked for it, with its outputs.
    func job(_ id: String, ownerID: Int64) throws(StoreError) -> ModelJob?
    /// The owner's jobs, newest first, at most `limit`.
    func jobs(ownerID: Int64, limit: Int) throws(StoreError) -> [ModelJob]
}
