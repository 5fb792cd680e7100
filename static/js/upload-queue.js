// The bookkeeping of an album's uploads: one entry per file, each sent by a request of its own, at
// most `maxActive` at a time, each with its own progress. No DOM: the view draws the entries and
// the summary that screen readers hear; Node's tests drive it.
//
// An entry is {key, file, name, size, state, fraction, imageId, error}; its state goes
//   waiting -> sending -> sent (the body is out, the server checks it) -> stored | refused
// or is refused at once (a file the page itself can tell will not do), or failed (no answer).

import { clamp, plural } from './format.js';

const ACTIVE = ['sending', 'sent'];
const FINISHED = ['stored', 'refused', 'failed'];

export function createUploadQueue({ maxActive = 2 } = {}) {
  let entries = [];
  let keys = 0;

  return {
    get entries() { return entries; },

    // files: an array of {name, size}; refusalOf(file) says why one cannot be sent, or null. A
    // batch added while none is under way replaces the finished ones of the last.
    add(files, refusalOf = () => null) {
      if (!entries.some(isUnderWay)) entries = [];
      const added = files.map(function (file) {
        const refusal = refusalOf(file);
        return {
          key: ++keys, file, name: file.name || 'image', size: file.size,
          state: refusal ? 'refused' : 'waiting', fraction: 0, imageId: null, error: refusal
        };
      });
      entries = entries.concat(added);
      return added;
    },

    // The waiting entries that may start now, marked as sending.
    startable() {
      const free = maxActive - entries.filter((entry) => ACTIVE.indexOf(entry.state) !== -1).length;
      const starting = entries.filter((entry) => entry.state === 'waiting').slice(0, Math.max(0, free));
      starting.forEach((entry) => { entry.state = 'sending'; });
      return starting;
    },

    // Progress only goes forward: a late event cannot move a bar back.
    progress(entry, fraction) {
      if (entry.state === 'sending') entry.fraction = Math.max(entry.fraction, clamp(Number(fraction) || 0, 0, 1));
    },
    sent(entry) {
      if (entry.state !== 'sending') return;
      entry.fraction = 1;
      entry.state = 'sent';
    },
    stored(entry, imageId) {
      entry.fraction = 1;
      entry.state = 'stored';
      entry.imageId = imageId;
      entry.error = null;
    },
    refused(entry, message) {
      entry.state = 'refused';
      entry.error = message;
    },
    failed(entry, message) {
      entry.state = 'failed';
      entry.error = message;
    },
    // A failed entry goes back to the queue.
    retry(entry) {
      if (entry.state !== 'failed') return;
      entry.state = 'waiting';
      entry.fraction = 0;
      entry.error = null;
    },
    isBusy() {
      return entries.some(isUnderWay);
    }
  };
}

function isUnderWay(entry) {
  return FINISHED.indexOf(entry.state) === -1;
}

// The entry's bar, 0–100: 100 only once the whole file is out.
export function percentOf(entry) {
  if (entry.state === 'sent' || entry.state === 'stored') return 100;
  return Math.min(99, Math.floor(entry.fraction * 100));
}

export function stateText(entry) {
  switch (entry.state) {
    case 'waiting': return 'Waiting';
    case 'sending': return 'Uploading ' + percentOf(entry) + '%';
    case 'sent': return 'Uploaded, checking…';
    case 'stored': return 'Uploaded';
    default: return entry.error || 'Not uploaded';
  }
}

// One line for the batch, said to screen readers when it changes (not at each percent).
export function uploadSummary(entries) {
  if (!entries.length) return '';
  const total = entries.length;
  const stored = entries.filter((entry) => entry.state === 'stored').length;
  const problems = entries.filter((entry) => entry.state === 'refused' || entry.state === 'failed').length;
  const failed = problems ? ', ' + problems + ' not uploaded' : '';
  if (entries.some(isUnderWay)) {
    return 'Uploading ' + plural(total, 'photo', 'photos') + ': ' + stored + ' of ' + total + ' done' + failed + '.';
  }
  if (!problems) return total === 1 ? 'The photo is uploaded.' : 'All ' + total + ' photos are uploaded.';
  return stored + ' of ' + plural(total, 'photo', 'photos') + ' uploaded' + failed + '.';
}
