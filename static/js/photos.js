// What the page shows of an album and its photos, for the owner's pages and a shared album alike:
// the picture of each size, its caption while it is analysed and after, an album's cover and
// facts. No DOM: Node's tests import it. Photos are GET /api/albums/ID/photos's or
// GET /api/shared/TOKEN's.

import { formatDate, plural } from './format.js';
import { imagePath } from './renditions.js';
import { summaryLine, summaryOf } from './summary.js';

// Only the server's own image addresses become picture sources: an owner's /api/image/ID/NAME, or
// a share holder's /api/shared/TOKEN/images/ID/NAME.
export function photoPath(value) {
  if (imagePath(value)) return value;
  return typeof value === 'string' && /^\/api\/shared\/[A-Za-z0-9_-]+\/images\/[A-Za-z0-9_-]+\/[a-z]+$/.test(value) ? value : null;
}

// The grid's tile is the thumbnail, the viewer's picture the web copy; until those are made (or
// for a format the server makes none of), the original stands in.
export function photoLinks(photo) {
  const urls = (photo && photo.urls) || {};
  const original = photoPath(urls.original);
  const web = photoPath(urls.web);
  const thumb = photoPath(urls.thumbnail);
  return {
    original,
    annotated: photoPath(urls.annotated),
    picture: web || original,
    tile: thumb || web || original,
    thumbReady: !!thumb
  };
}

export function isProcessing(photo) {
  return !photo || photo.status === 'processing' || photo.status === 'queued';
}

// Polling goes on while a photo is being analysed or a thumbnail is still to come.
export function needsPolling(photos) {
  return photos.some((photo) => isProcessing(photo) || (photo.status === 'completed' && !photoLinks(photo).thumbReady && !!photo.urls && !photo.urls.web));
}

export function photoName(photo) {
  return (photo && typeof photo.filename === 'string' && photo.filename) || 'Photo';
}

// Under a tile: "Analysing…", "Analysis failed", or "2 faces · outdoor · quality 73".
export function photoCaption(photo) {
  if (isProcessing(photo)) return 'Analysing…';
  if (photo.status === 'failed') return 'Analysis failed';
  return summaryLine({ status: 'completed', summary: summaryOf(photo.insights || {}) }) || 'Analysed';
}

// "3 photos · updated 1 Dec 2026, 10:00"
export function albumFacts(album) {
  const count = typeof album.photo_count === 'number' ? album.photo_count : 0;
  const updated = formatDate(album.updated_at || album.created_at);
  return plural(count, 'photo', 'photos') + (updated ? ' · updated ' + updated : '');
}

export function coverPath(album) {
  return imagePath(album && album.cover_url);
}

// The viewer's next or previous photo, going round at either end.
export function stepIndex(index, step, count) {
  return count ? ((index + step) % count + count) % count : -1;
}
