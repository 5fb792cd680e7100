import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createUploadQueue, percentOf, stateText, uploadSummary } from '../../static/js/upload-queue.js';

const files = (...names) => names.map((name) => ({ name, size: 1000 }));
const states = (queue) => queue.entries.map((entry) => entry.state);

test('each file is an entry of its own, waiting', () => {
  const queue = createUploadQueue();
  const added = queue.add(files('a.jpg', 'b.jpg', 'c.jpg'));
  assert.deepEqual(added.map((entry) => entry.name), ['a.jpg', 'b.jpg', 'c.jpg']);
  assert.equal(new Set(added.map((entry) => entry.key)).size, 3);
  assert.deepEqual(states(queue), ['waiting', 'waiting', 'waiting']);
});

test('at most maxActive files are sent at once; the next starts when one has been answered', () => {
  const queue = createUploadQueue({ maxActive: 2 });
  const [a, b, c] = queue.add(files('a', 'b', 'c'));
  assert.deepEqual(queue.startable(), [a, b]);
  assert.deepEqual(queue.startable(), []);
  queue.sent(a);
  assert.deepEqual(queue.startable(), [], 'a sent body still awaits its answer');
  queue.stored(a, 'IMG');
  assert.deepEqual(queue.startable(), [c]);
  assert.deepEqual(states(queue), ['stored', 'sending', 'sending']);
});

test('progress is per file, only forward, and 100 % only once the file is out', () => {
  const queue = createUploadQueue();
  const [a, b] = queue.add(files('a', 'b'));
  queue.startable();
  queue.progress(a, 0.5);
  queue.progress(a, 0.4);
  queue.progress(b, 0.999);
  assert.equal(percentOf(a), 50);
  assert.equal(percentOf(b), 99);
  queue.progress(a, 7);
  assert.equal(percentOf(a), 99);
  queue.sent(a);
  assert.equal(percentOf(a), 100);
  queue.progress(a, 0.1);
  assert.equal(percentOf(a), 100);
  assert.equal(stateText(a), 'Uploaded, checking…');
  assert.equal(stateText(b), 'Uploading 99%');
});

test('a file the page refuses is never sent, and says why', () => {
  const queue = createUploadQueue();
  const [good, bad] = queue.add(files('a.jpg', 'notes.txt'), (file) => file.name.endsWith('.txt') ? '“notes.txt” is not a supported image.' : null);
  assert.equal(bad.state, 'refused');
  assert.deepEqual(queue.startable(), [good]);
  assert.equal(stateText(bad), '“notes.txt” is not a supported image.');
});

test('a failed upload may be retried; a stored one may not', () => {
  const queue = createUploadQueue({ maxActive: 1 });
  const [a] = queue.add(files('a'));
  queue.startable();
  queue.progress(a, 0.3);
  queue.failed(a, 'The server did not answer.');
  assert.equal(stateText(a), 'The server did not answer.');
  queue.retry(a);
  assert.equal(a.state, 'waiting');
  assert.equal(percentOf(a), 0);
  queue.startable();
  queue.stored(a, 'X');
  queue.retry(a);
  assert.equal(a.state, 'stored');
  assert.equal(a.imageId, 'X');
});

test('a new batch replaces the finished entries, not those under way', () => {
  const queue = createUploadQueue();
  const [a] = queue.add(files('a'));
  queue.startable();
  queue.stored(a, 'A');
  queue.add(files('b'));
  assert.deepEqual(queue.entries.map((entry) => entry.name), ['b']);
  queue.add(files('c'));
  assert.deepEqual(queue.entries.map((entry) => entry.name), ['b', 'c']);
  assert.equal(queue.isBusy(), true);
});

test('the summary counts the batch, and says when it is done', () => {
  const queue = createUploadQueue({ maxActive: 3 });
  assert.equal(uploadSummary(queue.entries), '');
  const [a, b, c] = queue.add(files('a', 'b', 'c'));
  queue.startable();
  assert.equal(uploadSummary(queue.entries), 'Uploading 3 photos: 0 of 3 done.');
  queue.stored(a, 'A');
  queue.refused(b, 'File 1 (b): unsupported.');
  assert.equal(uploadSummary(queue.entries), 'Uploading 3 photos: 1 of 3 done, 1 not uploaded.');
  queue.stored(c, 'C');
  assert.equal(uploadSummary(queue.entries), '2 of 3 photos uploaded, 1 not uploaded.');
  assert.equal(queue.isBusy(), false);
});

test('a batch without problems is all uploaded', () => {
  const queue = createUploadQueue();
  const [a] = queue.add(files('a'));
  queue.startable();
  queue.stored(a, 'A');
  assert.equal(uploadSummary(queue.entries), 'The photo is uploaded.');
  const [b, c] = queue.add(files('b', 'c'));
  queue.startable();
  queue.stored(b, 'B');
  queue.stored(c, 'C');
  assert.equal(uploadSummary(queue.entries), 'All 2 photos are uploaded.');
});
