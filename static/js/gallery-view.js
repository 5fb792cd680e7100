// A shared album at /s/TOKEN, for whoever holds the link: the password prompt when the link has
// one, the photos with their analysis in the viewer, the ZIP download; a clear message when the
// link was revoked or has expired.

import { el } from './dom.js';
import { apiErrorMessage } from './errors.js';
import { formatDate, plural } from './format.js';
import { ownerApi } from './owner-api.js';
import { renderPhotoGrid } from './photo-grid.js';
import { watchPhotos } from './photo-watch.js';
import { openViewer, refreshViewer } from './photo-viewer.js';
import { showPage } from './views.js';

// The shared album on screen: {token, photos, watch}; null on other pages.
let shown = null;

export function listenForGallery() {
  el.unlockForm.addEventListener('submit', function (event) {
    event.preventDefault();
    unlock();
  });
}

export function showGallery(token) {
  leaveGallery();
  const state = { token, photos: [], watch: null };
  shown = state;
  state.watch = watchPhotos({ load: () => load(state), onPhotos: (photos) => showPhotos(state, photos) });
  showPage('gallery');
  showState('loading');
  el.galleryTitle.textContent = 'Shared album';
  document.title = 'Shared album — Peek';
  el.galleryStatus.textContent = 'Loading the album…';
  load(state).then((photos) => { if (photos) showPhotos(state, photos); });
}

export function leaveGallery() {
  if (shown) shown.watch.stop();
  shown = null;
}

// Resolves to the photos, or null when the album is not to be shown (locked, gone, an error).
function load(state) {
  return ownerApi.getShared(state.token).then(function ({ status, body }) {
    if (shown !== state) return null;
    if (status === 200 && body && body.album && Array.isArray(body.photos)) {
      renderAlbum(state, body);
      return body.photos;
    }
    if (status === 401 && body && body.password_required) showLocked();
    else if (status === 404) showGone();
    else el.galleryStatus.textContent = 'Could not load the album. ' + apiErrorMessage(status, body);
    return null;
  }, function () {
    if (shown === state) el.galleryStatus.textContent = apiErrorMessage(0, null);
    return null;
  });
}

// 'loading', 'locked', 'gone' or 'open': which parts are on screen.
function showState(view) {
  el.unlockForm.hidden = view !== 'locked';
  el.galleryGone.hidden = view !== 'gone';
  el.galleryGrid.hidden = view !== 'open';
  el.galleryDownload.hidden = view !== 'open';
  if (view !== 'open') {
    el.galleryDescription.textContent = '';
    el.galleryMeta.textContent = '';
    el.galleryGrid.textContent = '';
  }
}

function renderAlbum(state, body) {
  const album = body.album;
  const unlocked = el.unlockForm.contains(document.activeElement);
  showState('open');
  el.galleryStatus.textContent = '';
  el.galleryTitle.textContent = album.title || 'Shared album';
  el.galleryDescription.textContent = album.description || '';
  const expires = formatDate(body.expires_at);
  el.galleryMeta.textContent = plural(body.photos.length, 'photo', 'photos') + (expires ? ' · link expires ' + expires : '');
  const download = typeof body.download_url === 'string' && /^\/api\/shared\/[A-Za-z0-9_-]+\/download$/.test(body.download_url);
  el.galleryDownload.hidden = !download;
  if (download) el.galleryDownload.href = body.download_url;
  document.title = (album.title || 'Shared album') + ' — Peek';
  if (unlocked) el.galleryTitle.focus();   // the form that had the focus is gone
}

function showPhotos(state, photos) {
  if (shown !== state) return;
  state.photos = photos;
  renderPhotoGrid(el.galleryGrid, photos, { onOpen: (index) => openViewer({ photos: () => state.photos, index, grid: el.galleryGrid }) });
  if (!photos.length) el.galleryStatus.textContent = 'This album has no photos yet.';
  refreshViewer();
  state.watch.follow(photos);
}

function showLocked() {
  const wasLocked = !el.unlockForm.hidden;
  showState('locked');
  el.galleryTitle.textContent = 'Protected album';
  el.galleryStatus.textContent = '';
  document.title = 'Protected album — Peek';
  if (!wasLocked) {
    el.unlockError.textContent = '';
    el.unlockForm.reset();
  }
}

function showGone() {
  showState('gone');
  el.galleryTitle.textContent = 'Link not available';
  el.galleryStatus.textContent = '';
  document.title = 'Link not available — Peek';
}

function unlock() {
  const state = shown;
  const input = el.unlockForm.elements.namedItem('password');
  if (!input.value) {
    el.unlockError.textContent = 'Type the password.';
    input.focus();
    return;
  }
  el.unlockSubmit.disabled = true;
  el.unlockError.textContent = '';
  ownerApi.unlockShared(state.token, input.value).then(function ({ status, body, retryAfter }) {
    el.unlockSubmit.disabled = false;
    if (shown !== state) return;
    if (status === 204) {
      el.galleryStatus.textContent = 'Unlocked. Loading the album…';
      load(state).then((photos) => { if (photos) showPhotos(state, photos); });
      return;
    }
    if (status === 404) { showGone(); return; }
    el.unlockError.textContent = status === 401 ? 'Wrong password. Try again.'
      : status === 429 ? 'Too many wrong passwords. Try again in ' + (retryAfter || 60) + ' seconds.'
      : apiErrorMessage(status, body);
    input.focus();
    input.select();
  }, function () {
    el.unlockSubmit.disabled = false;
    el.unlockError.textContent = apiErrorMessage(0, null);
  });
}
