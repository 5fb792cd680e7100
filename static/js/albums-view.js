// The owner's albums: a card for each, with its cover (or a placeholder) and its facts, newest
// first; the form above makes a new one and opens it.

import { el, make } from './dom.js';
import { apiErrorMessage } from './errors.js';
import { showLogin } from './login-view.js';
import { ownerApi } from './owner-api.js';
import { albumFacts, coverPath } from './photos.js';
import { albumPath, navigate } from './router.js';
import { showPage } from './views.js';

let turn = 0;   // a later visit wins over an answer still coming

export function listenForAlbums() {
  el.albumForm.addEventListener('submit', function (event) {
    event.preventDefault();
    createAlbum();
  });
}

export function showAlbums() {
  showPage('albums');
  document.title = 'Albums — Peek';
  el.albumFormError.textContent = '';
  el.albumsStatus.textContent = 'Loading your albums…';
  const mine = ++turn;
  ownerApi.listAlbums().then(function ({ status, body }) {
    if (mine !== turn) return;
    if (status === 401) { showLogin({ page: 'albums' }); return; }
    if (status !== 200 || !body || !Array.isArray(body.albums)) {
      el.albumsStatus.textContent = 'Could not load your albums. ' + apiErrorMessage(status, body);
      return;
    }
    el.albumsStatus.textContent = '';
    renderAlbums(body.albums);
  }, function () {
    if (mine === turn) el.albumsStatus.textContent = apiErrorMessage(0, null);
  });
}

function renderAlbums(albums) {
  el.albumList.textContent = '';
  el.albumsEmpty.hidden = albums.length > 0;
  albums.forEach((album) => el.albumList.appendChild(albumCard(album)));
}

function albumCard(album) {
  const item = make('li');
  const link = make('a', 'album-card');
  link.href = albumPath(album.id);
  link.setAttribute('data-nav', '');
  const cover = make('span', 'album-cover');
  const path = coverPath(album);
  if (path) {
    const image = make('img');
    image.alt = '';
    image.loading = 'lazy';
    image.addEventListener('error', () => image.remove(), { once: true });
    image.src = path;
    cover.appendChild(image);
  }
  const text = make('span', 'album-text');
  text.appendChild(make('span', 'album-name', album.title || 'Untitled album'));
  text.appendChild(make('span', 'album-meta', albumFacts(album)));
  link.appendChild(cover);
  link.appendChild(text);
  item.appendChild(link);
  return item;
}

function createAlbum() {
  const fields = el.albumForm.elements;
  const title = fields.namedItem('title').value.trim();
  const description = fields.namedItem('description').value.trim();
  if (!title) {
    el.albumFormError.textContent = 'Give the album a title.';
    fields.namedItem('title').focus();
    return;
  }
  const button = el.albumForm.querySelector('button[type="submit"]');
  button.disabled = true;
  el.albumFormError.textContent = '';
  ownerApi.createAlbum(description ? { title, description } : { title }).then(function ({ status, body }) {
    button.disabled = false;
    if (status === 401) { showLogin({ page: 'albums' }); return; }
    if (status !== 201 || !body || typeof body.id !== 'string') {
      el.albumFormError.textContent = apiErrorMessage(status, body);
      return;
    }
    el.albumForm.reset();
    navigate(albumPath(body.id));
  }, function () {
    button.disabled = false;
    el.albumFormError.textContent = apiErrorMessage(0, null);
  });
}
