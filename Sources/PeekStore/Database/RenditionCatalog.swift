/// Renditions by source and recipe: what nginx serves for a preset or a transform once made.
public protocol RenditionCatalog: Sendable {
    func rendition(source: String, recipe: String) throws(StoreError) -> Rendition?
    /// Every rendition of a source whose recipe is in `recipes`, keyed by recipe.
    func renditions(source: String, recipes: [String]) throws(StoreError) -> [String: Rendition]
    /// Records a rendition; one already recorded for the same source and recipe is kept.
    func record(_ rendition: Rendition) throws(StoreError)
}
