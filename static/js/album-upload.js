// An album's uploads: files chosen (several at once), dropped or pasted, each sent by a request of
// its own (POST /api/albums/ID/photos, one `image` field) with its own progress bar; two at a time.
// Uploads go on when the person leaves the album; its list is there again on return.

import { account } from './account.js';
import { el, make } from './dom.js';
import { apiErrorMessage } from './errors.js';
import { formatBytes, sentence } from './format.js';
import { refusalOf, uploadFilename } from './image-file.js';
import { ownerApi } from './owner-api.js';
import { createUploadQueue, percentOf, stateText, uploadSummary } from './upload-queue.js';

const queues = {};    // album id -> its upload queue
const rows = {};      // entry key -> {item, track, fill, state, retry}
let shown = null;     // the album on screen: {id, stored()}, stored called as each photo is in

export function listenForUploads() {
  el.albumChoose.addEventListener('click', chooseFiles);
  el.albumDrop.addEventListener('click', function (event) {
    if (!event.target.closest('button, a, input')) chooseFiles();
  });
  el.albumFiles.addEventListener('change', function () {
    const files = Array.from(el.albumFiles.files || []);
    el.albumFiles.value = '';   // taken: the next choice starts empty, and the same files may come again
    if (files.length) addFiles(files);
  });
}

// The album on screen, and what to call when one of its photos has been stored; null: none.
export function showUploads(album) {
  shown = album;
  if (album) renderUploads(album.id);
}

// What the page takes dropped or pasted files with, while an album is on screen.
export const albumDropTarget = { take: addFiles, zone: el.albumDrop, label: 'Drop the photos to add them to the album' };

function chooseFiles() {
  el.albumFiles.value = '';   // the same files chosen again still fire "change"
  el.albumFiles.click();
}

function addFiles(files) {
  if (!shown) return;
  const id = shown.id;
  const queue = queues[id] || (queues[id] = createUploadQueue({ maxActive: 2 }));
  queue.add(files, (file) => { const refusal = refusalOf(file); return refusal ? refusal.message : null; });
  renderUploads(id);
  pump(id);
}

function pump(id) {
  const queue = queues[id];
  queue.startable().forEach((entry) => send(id, queue, entry));
  if (shown && shown.id === id) updateSummary(queue);
}

function send(id, queue, entry) {
  update(id, entry);
  ownerApi.postPhoto(id, entry.file, uploadFilename(entry.file), {
    progress(fraction) { queue.progress(entry, fraction); update(id, entry); },
    sent() { queue.sent(entry); update(id, entry); },
    answer({ status, body }) {
      const photo = status === 202 && body && Array.isArray(body.photos) ? body.photos[0] : null;
      if (photo && typeof photo.image_id === 'string') {
        queue.stored(entry, photo.image_id);
        if (shown && shown.id === id) shown.stored();
      } else if (status === 401) {
        if (account.user) account.clear();
        queue.failed(entry, 'Your session has ended: log in again, then retry.');
      } else if (status === 429 || status >= 500) {
        queue.failed(entry, apiErrorMessage(status, body));
      } else {
        queue.refused(entry, refusalText(status, body));
      }
      finish(id, entry);
    },
    unreachable() { queue.failed(entry, 'The server did not answer. Nothing was stored.'); finish(id, entry); },
    aborted() { queue.failed(entry, 'The upload was interrupted.'); finish(id, entry); }
  });
}

// The server names the file by its place in the request ("file 1 (cat.txt): …"): each request
// holds one file, so its place says nothing here.
function refusalText(status, body) {
  const message = body && typeof body.error === 'string' ? body.error.replace(/^file \d+ \([^)]*\):\s*/, '') : '';
  return message ? sentence(message) : apiErrorMessage(status, body);
}

function finish(id, entry) {
  update(id, entry);
  pump(id);
}

function renderUploads(id) {
  const queue = queues[id];
  el.uploadList.textContent = '';
  Object.keys(rows).forEach((key) => delete rows[key]);
  if (!queue) { el.uploadSummary.textContent = ''; return; }
  queue.entries.forEach((entry) => el.uploadList.appendChild(row(id, queue, entry)));
  updateSummary(queue);
}

function row(id, queue, entry) {
  const item = make('li', 'upload-item');
  const head = make('div', 'upload-head');
  head.appendChild(make('span', 'upload-name', entry.name));
  head.appendChild(make('span', 'upload-size', formatBytes(entry.size)));
  const track = make('div', 'progress-track');
  track.setAttribute('role', 'progressbar');
  track.setAttribute('aria-label', 'Upload of ' + entry.name);
  track.setAttribute('aria-valuemin', '0');
  track.setAttribute('aria-valuemax', '100');
  const fill = make('div', 'progress-fill');
  track.appendChild(fill);
  const state = make('p', 'upload-state');
  const retry = make('button', 'button small ghost', 'Retry');
  retry.type = 'button';
  retry.setAttribute('aria-label', 'Retry the upload of ' + entry.name);
  retry.addEventListener('click', function () {
    queue.retry(entry);
    update(id, entry);
    pump(id);
  });
  item.appendChild(head);
  item.appendChild(track);
  item.appendChild(state);
  item.appendChild(retry);
  rows[entry.key] = { item, track, fill, state, retry };
  draw(entry, rows[entry.key]);
  return item;
}

function update(id, entry) {
  if (!shown || shown.id !== id || !rows[entry.key]) return;
  draw(entry, rows[entry.key]);
  updateSummary(queues[id]);
}

function draw(entry, { item, track, fill, state, retry }) {
  const percent = percentOf(entry);
  item.setAttribute('data-state', entry.state);
  fill.style.width = percent + '%';
  track.setAttribute('aria-valuenow', String(percent));
  track.setAttribute('aria-valuetext', stateText(entry));
  if (state.textContent !== stateText(entry)) state.textContent = stateText(entry);
  retry.hidden = entry.state !== 'failed';
}

// Said when it changes (a file done, a file refused), not at every percent.
function updateSummary(queue) {
  const text = uploadSummary(queue.entries);
  if (el.uploadSummary.textContent !== text) el.uploadSummary.textContent = text;
}
