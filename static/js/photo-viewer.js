// The photo viewer: one photo of an album at a time, in a dialog, with its face boxes and its
// analysis; the arrow buttons and keys go through the album. The owner also gets the photo's full
// analysis page, "Set as cover" and "Delete photo"; a share holder sees and downloads only.

import { el } from './dom.js';
import { plural } from './format.js';
import { faceLocations, imageTexts } from './insights.js';
import { renderInsightsPanel } from './insights-panel.js';
import { closeOnBackdrop, openModal } from './modal.js';
import { tileOf } from './photo-grid.js';
import { photoLinks, photoName, stepIndex } from './photos.js';
import { drawFaceBoxes } from './result-image.js';
import { resultPath } from './router.js';

// {photos: () => the album's photos now, index, imageId, owner, grid, coverId: () => id}; null when closed.
let viewing = null;

export function listenForViewer() {
  el.viewerPrev.addEventListener('click', () => step(-1));
  el.viewerNext.addEventListener('click', () => step(1));
  el.viewerClose.addEventListener('click', () => el.viewer.close());
  // On the document: the focus may be on the dialog itself, or lost with a button that went.
  document.addEventListener('keydown', function (event) {
    if (!el.viewer.open || event.target.closest('input, textarea, select, pre')) return;
    if (event.key === 'ArrowLeft') { event.preventDefault(); step(-1); }
    if (event.key === 'ArrowRight') { event.preventDefault(); step(1); }
  });
  el.viewer.addEventListener('close', () => { viewing = null; });
  el.viewerCover.addEventListener('click', () => act('setCover', 'Setting the cover…'));
  el.viewerDelete.addEventListener('click', function () {
    if (window.confirm('Delete “' + photoName(currentPhoto()) + '” and its analysis? This cannot be undone.')) act('remove', 'Deleting…');
  });
  closeOnBackdrop(el.viewer);
}

// options: photos() the list now; index of the photo to show; grid, the tiles' list (the focus
// returns to the photo's tile); owner: {setCover(photo), remove(photo)} resolving to a message to
// say, or null for a share holder; coverId() the album's cover.
export function openViewer({ photos, index, grid, owner = null, coverId = () => null }) {
  const photo = photos()[index];
  if (!photo) return;
  const state = { photos, index, imageId: photo.image_id, grid, owner, coverId };
  viewing = state;
  el.viewerStatus.textContent = '';
  render();
  // The photo's tile, redrawn since, or the grid's section if the photo was deleted.
  openModal(el.viewer, { focus: el.viewerClose, restore: () => tileOf(grid, state.imageId) || grid.closest('section') });
}

// The album's photos changed (a poll, a deletion): the same photo is shown, up to date; a deleted
// one gives way to the next; none left closes the viewer.
export function refreshViewer() {
  if (!viewing || !el.viewer.open) return;
  const photos = viewing.photos();
  if (!photos.length) { el.viewer.close(); return; }
  const index = photos.findIndex((photo) => photo.image_id === viewing.imageId);
  viewing.index = index === -1 ? Math.min(viewing.index, photos.length - 1) : index;
  viewing.imageId = photos[viewing.index].image_id;
  render();
}

function currentPhoto() {
  return viewing ? viewing.photos()[viewing.index] : null;
}

function step(by) {
  if (!viewing) return;
  const count = viewing.photos().length;
  if (count < 2) return;
  viewing.index = stepIndex(viewing.index, by, count);
  viewing.imageId = viewing.photos()[viewing.index].image_id;
  el.viewerStatus.textContent = '';
  render();
}

function render() {
  const photos = viewing.photos();
  const photo = photos[viewing.index];
  const links = photoLinks(photo);
  const insights = Object.assign({ width: photo.width, height: photo.height }, photo.insights || {});
  el.viewerTitle.textContent = photoName(photo);
  el.viewerCount.textContent = (viewing.index + 1) + ' of ' + photos.length;
  el.viewerPrev.hidden = el.viewerNext.hidden = photos.length < 2;
  showPicture(links);
  drawFaceBoxes(el.viewerFaces, photo.insights ? insights : {});
  const texts = imageTexts(insights);
  const faces = photo.insights ? faceLocations(insights).length : 0;
  el.viewerImage.alt = photoName(photo) + (faces ? ', with ' + plural(faces, 'face', 'faces') + ' marked' : '');
  el.viewerCaption.textContent = photo.insights ? texts.caption : '';
  el.viewerOriginal.hidden = !links.original;
  if (links.original) el.viewerOriginal.href = links.original;
  el.viewerAnnotated.hidden = !links.annotated;
  if (links.annotated) {
    el.viewerAnnotated.href = links.annotated;
    el.viewerAnnotated.setAttribute('download', photoName(photo).replace(/\.[^.]*$/, '') + '-annotated.jpg');
  }
  renderOwnerActions(photo);
  renderInsightsPanel(el.viewerPanel, photo);
}

// The web copy, or the original until it is made or if it cannot be loaded.
function showPicture(links) {
  el.viewerImage.onerror = function () {
    if (links.original && el.viewerImage.getAttribute('src') !== links.original) el.viewerImage.src = links.original;
  };
  if (links.picture && el.viewerImage.getAttribute('src') !== links.picture) el.viewerImage.src = links.picture;
}

function renderOwnerActions(photo) {
  const owner = !!viewing.owner;
  el.viewerFull.hidden = !owner || photo.status !== 'completed';
  el.viewerFull.href = resultPath(photo.image_id);
  el.viewerCover.hidden = !owner;
  el.viewerDelete.hidden = !owner;
  // aria-disabled rather than disabled: a button just pressed keeps the focus.
  const isCover = viewing.coverId() === photo.image_id;
  el.viewerCover.setAttribute('aria-disabled', String(isCover));
  el.viewerCover.textContent = isCover ? 'The album’s cover' : 'Set as cover';
}

function act(action, busyText) {
  const photo = currentPhoto();
  const button = action === 'remove' ? el.viewerDelete : el.viewerCover;
  if (!photo || !viewing.owner || button.getAttribute('aria-disabled') === 'true') return;
  button.setAttribute('aria-disabled', 'true');
  el.viewerStatus.textContent = busyText;
  viewing.owner[action](photo).then(function (message) {
    button.setAttribute('aria-disabled', 'false');
    el.viewerStatus.textContent = message;
    if (viewing) refreshViewer();
  });
}
