// Which copy of an image the page shows where: the web-sized copy on the result, the thumbnail in
// the recent list, the original only on request. No DOM: Node's tests import it.

// Only the server's own image addresses become picture sources: /api/image/ID/NAME, nothing else
// (a stored entry may have been edited by hand).
export function imagePath(value) {
  return typeof value === 'string' && /^\/api\/image\/[A-Za-z0-9_-]+\/[a-z]+$/.test(value) ? value : null;
}

// result: the body of GET /api/results/ID. A preset the server has not made for this image is
// absent from its links: the picture is then the original, and there is no thumbnail.
export function imageLinks(result) {
  const links = (result && result.links) || {};
  const original = imagePath(links.original) || '/api/image/' + encodeURIComponent(result.id) + '/original';
  return {
    original,
    picture: imagePath(links.web) || original,
    thumbnail: imagePath(links.thumbnail),
    annotated: imagePath(links.annotated)
  };
}
