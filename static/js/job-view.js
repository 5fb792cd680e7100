// The job card: the chosen image's name and preview while it uploads and while it is analysed,
// with progress, status line and elapsed time; it stays, marked, when the analysis fails.

import { el } from './dom.js';
import { clamp } from './format.js';
import { drawInto } from './pictures.js';
import { showView } from './views.js';

const ANALYSING = 'Analysing colours, faces, text, sharpness and scene…';

// A later preview wins over an earlier one still being decoded.
let previewTurn = 0;

// picture: a promise of a decoded bitmap to preview, or null for none.
export function showJob(name, meta, picture) {
  el.job.classList.remove('is-analysing');
  el.jobTitle.textContent = name;
  el.jobMeta.textContent = meta;
  showPreview(picture);
  document.title = name + ' — Peek';
  el.job.classList.remove('is-failed');
  el.elapsed.textContent = '';
  showView('job');
}

export function showUploading(name) {
  el.progress.hidden = false;
  el.cancel.hidden = false;
  setProgress(0);
  setStatus('Uploading ' + name + '…');
}

export function setProgress(fraction) {
  const percent = Math.round(clamp(fraction, 0, 1) * 100);
  el.progressFill.style.width = percent + '%';
  el.progressPct.textContent = percent + '%';
  el.progressTrack.setAttribute('aria-valuenow', String(percent));
}

// Unchanged text is not set again, so screen readers do not repeat it.
export function setStatus(text) {
  if (el.status.textContent !== text) el.status.textContent = text;
}

export function showStillAnalysing() {
  setStatus(ANALYSING);
}

// The progress bar turns into an indeterminate one; returns the interval that ticks the elapsed time.
export function showAnalysing(name) {
  el.job.classList.add('is-analysing');
  el.progress.hidden = false;
  el.progressPct.textContent = '';
  el.progressTrack.removeAttribute('aria-valuenow');
  el.cancel.hidden = true;
  el.jobTitle.textContent = name;
  setStatus(ANALYSING);
  const started = Date.now();
  return setInterval(function () {
    const seconds = Math.floor((Date.now() - started) / 1000);
    el.elapsed.textContent = seconds < 1 ? '' : 'Working for ' + seconds + ' s';
  }, 1000);
}

export function showTimedOut() {
  el.job.classList.remove('is-analysing');
  el.progress.hidden = true;
  setStatus('Still not finished after 2 minutes.');
  el.elapsed.textContent = '';
}

// The card stays, with the image's name and preview, so the address still shows what it is about.
export function showJobFailed() {
  el.job.classList.remove('is-analysing');
  el.job.classList.add('is-failed');
  el.progress.hidden = true;
  el.elapsed.textContent = '';
  setStatus('This image could not be analysed.');
}

function showPreview(picture) {
  const turn = ++previewTurn;
  el.jobPreview.removeAttribute('data-ready');
  el.jobPreview.width = el.jobPreview.width;   // clears the previous picture
  el.job.classList.toggle('no-preview', !picture);
  if (!picture) return;
  picture.then(function (bitmap) {
    if (turn !== previewTurn) return;
    drawInto(el.jobPreview, bitmap, 480);
    el.jobPreview.setAttribute('data-ready', '1');
  }, function () {
    if (turn === previewTurn) el.job.classList.add('no-preview');
  });
}
