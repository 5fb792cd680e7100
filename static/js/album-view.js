// An owner's album: its title and facts, rename and delete, the ZIP download, the share dialog,
// the uploads, and the grid of its photos, kept fresh while some are being analysed. A photo
// opens in the viewer, where it can be made the cover or deleted.

import { el } from './dom.js';
import { apiErrorMessage } from './errors.js';
import { toast } from './feedback.js';
import { showLogin } from './login-view.js';
import { ownerApi } from './owner-api.js';
import { showUploads } from './album-upload.js';
import { renderPhotoGrid } from './photo-grid.js';
import { watchPhotos } from './photo-watch.js';
import { openViewer, refreshViewer } from './photo-viewer.js';
import { albumFacts } from './photos.js';
import { navigate } from './router.js';
import { openShareDialog } from './share-dialog.js';
import { showPage } from './views.js';

// The album on screen: {id, album, photos, watch}; null on other pages.
let shown = null;

export function listenForAlbum() {
  el.shareButton.addEventListener('click', () => { if (shown && shown.album) openShareDialog(shown.album); });
  el.albumEditButton.addEventListener('click', () => showEditor(el.albumEdit.hidden));
  el.albumEditCancel.addEventListener('click', () => showEditor(false));
  el.albumEdit.addEventListener('submit', function (event) {
    event.preventDefault();
    saveAlbum();
  });
  el.albumDelete.addEventListener('click', deleteAlbum);
}

export function showAlbum(id) {
  leaveAlbum();
  const state = { id, album: null, photos: [], watch: null };
  shown = state;
  showPage('album');
  el.albumTitle.textContent = 'Album';
  el.albumDescription.textContent = '';
  el.albumMeta.textContent = 'Loading…';
  el.albumError.textContent = '';
  el.photoGrid.textContent = '';
  el.photosEmpty.hidden = true;
  showEditor(false);
  setActionsEnabled(false);
  state.watch = watchPhotos({ load: () => loadPhotos(state), onPhotos: (photos) => showPhotos(state, photos) });
  showUploads({ id, stored: () => { if (shown === state) state.watch.poke(); } });
  Promise.all([ownerApi.getAlbum(id), ownerApi.listPhotos(id)]).then(function ([album, photos]) {
    if (shown !== state) return;
    if (album.status === 401 || photos.status === 401) { showLogin({ page: 'album', id }); return; }
    if (album.status !== 200 || !album.body) { showMissing(album); return; }
    state.album = album.body;
    setActionsEnabled(true);
    renderHead(state);
    if (photos.status === 200 && photos.body && Array.isArray(photos.body.photos)) showPhotos(state, photos.body.photos);
    else el.albumError.textContent = 'Could not load the photos. ' + apiErrorMessage(photos.status, photos.body);
  }, function () {
    if (shown === state) showMissing({ status: 0, body: null });
  });
}

// Another page: polling stops; uploads go on.
export function leaveAlbum() {
  if (shown && shown.watch) shown.watch.stop();
  shown = null;
  showUploads(null);
}

function loadPhotos(state) {
  return ownerApi.listPhotos(state.id).then(function ({ status, body }) {
    if (shown !== state) return null;
    if (status === 401) { leaveAlbum(); showLogin({ page: 'album', id: state.id }); return null; }
    return status === 200 && body && Array.isArray(body.photos) ? body.photos : null;
  });
}

function showPhotos(state, photos) {
  if (shown !== state) return;
  state.photos = photos;
  if (state.album) {
    state.album.photo_count = photos.length;
    renderHead(state);
  }
  renderPhotoGrid(el.photoGrid, photos, { coverId: state.album && state.album.cover_image_id, onOpen: (index) => openPhoto(state, index) });
  el.photosEmpty.hidden = photos.length > 0;
  refreshViewer();
  state.watch.follow(photos);
}

function openPhoto(state, index) {
  openViewer({
    photos: () => state.photos,
    index,
    grid: el.photoGrid,
    coverId: () => state.album && state.album.cover_image_id,
    owner: { setCover: (photo) => setCover(state, photo), remove: (photo) => removePhoto(state, photo) }
  });
}

function renderHead(state) {
  const album = state.album;
  el.albumTitle.textContent = album.title || 'Untitled album';
  el.albumDescription.textContent = album.description || '';
  el.albumMeta.textContent = albumFacts(album);
  el.albumDownload.href = ownerApi.downloadPath(album.id);
  document.title = (album.title || 'Album') + ' — Peek';
}

// Not this owner's, or gone: the server says 404 for both.
function showMissing({ status, body }) {
  el.albumTitle.textContent = status === 404 ? 'Album not found' : 'Could not load the album';
  el.albumMeta.textContent = '';
  el.albumError.textContent = status === 404
    ? 'There is no album at this address among yours. It may have been deleted.'
    : apiErrorMessage(status, body);
  document.title = el.albumTitle.textContent + ' — Peek';
}

function setActionsEnabled(enabled) {
  [el.shareButton, el.albumEditButton, el.albumDelete, el.albumChoose].forEach((button) => { button.disabled = !enabled; });
  el.albumDownload.hidden = !enabled;
  el.albumDrop.hidden = !enabled;
}

function showEditor(open) {
  el.albumEdit.hidden = !open;
  el.albumEditButton.setAttribute('aria-expanded', String(open));
  el.albumEditError.textContent = '';
  if (!open || !shown || !shown.album) return;
  const fields = el.albumEdit.elements;
  fields.namedItem('title').value = shown.album.title || '';
  fields.namedItem('description').value = shown.album.description || '';
  fields.namedItem('title').focus();
}

function saveAlbum() {
  const state = shown;
  const fields = el.albumEdit.elements;
  const title = fields.namedItem('title').value.trim();
  if (!title) {
    el.albumEditError.textContent = 'Give the album a title.';
    fields.namedItem('title').focus();
    return;
  }
  ownerApi.updateAlbum(state.id, { title, description: fields.namedItem('description').value.trim() }).then(function ({ status, body }) {
    if (shown !== state) return;
    if (status !== 200 || !body) { el.albumEditError.textContent = apiErrorMessage(status, body); return; }
    state.album = Object.assign(body, { photo_count: state.photos.length });
    renderHead(state);
    showEditor(false);
    el.albumEditButton.focus();
    toast('Album renamed');
  }, () => { el.albumEditError.textContent = apiErrorMessage(0, null); });
}

function deleteAlbum() {
  const state = shown;
  if (!state || !state.album) return;
  if (!window.confirm('Delete the album “' + state.album.title + '” with its ' + state.photos.length + ' photos and share links? This cannot be undone.')) return;
  ownerApi.deleteAlbum(state.id).then(function ({ status, body }) {
    if (status === 204 || status === 404) {
      toast('Album deleted');
      navigate('/albums');
    } else {
      el.albumError.textContent = 'Could not delete the album. ' + apiErrorMessage(status, body);
    }
  }, () => { el.albumError.textContent = apiErrorMessage(0, null); });
}

// The viewer's actions: each resolves to what to say in the viewer.
function setCover(state, photo) {
  return ownerApi.setCover(state.id, photo.image_id).then(function ({ status, body }) {
    if (status !== 200 || !body) return 'Could not set the cover. ' + apiErrorMessage(status, body);
    state.album = Object.assign(body, { photo_count: state.photos.length });
    if (shown === state) showPhotos(state, state.photos);
    return 'This photo is now the album’s cover.';
  }, () => apiErrorMessage(0, null));
}

function removePhoto(state, photo) {
  return ownerApi.deletePhoto(state.id, photo.image_id).then(function ({ status, body }) {
    if (status !== 204 && status !== 404) return 'Could not delete the photo. ' + apiErrorMessage(status, body);
    if (state.album && state.album.cover_image_id === photo.image_id) {
      state.album.cover_image_id = null;
      state.album.cover_url = null;
    }
    if (shown === state) showPhotos(state, state.photos.filter((each) => each.image_id !== photo.image_id));
    return 'Photo deleted.';
  }, () => apiErrorMessage(0, null));
}
