import assert from 'node:assert/strict';
import { test } from 'node:test';

import { FIRST_WAIT_MS, watchPhotos } from '../../static/js/photo-watch.js';

const done = { status: 'completed', urls: { original: '/api/image/A/original', thumb: '/api/image/A/thumb', web: '/api/image/A/web' } };
const busy = { status: 'processing', urls: { original: '/api/image/B/original' } };

// Scripted answers (an Error is an unreachable server), a clock that moves when a timer fires.
function scripted(answers) {
  const waits = [];
  const shown = [];
  const clock = { now: 0 };
  let pending = null;
  const timers = {
    setTimeout(callback, ms) { waits.push(ms); pending = { callback, ms }; return waits.length; },
    clearTimeout() { pending = null; }
  };
  const load = () => {
    const answer = answers.shift();
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  const watch = watchPhotos({ load, onPhotos: (photos) => shown.push(photos), now: () => clock.now, timers });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    watch, waits, shown, settle,
    get pending() { return pending; },
    async tick() { const { callback, ms } = pending; pending = null; clock.now += ms; callback(); await settle(); }
  };
}

test('photos being analysed are asked for again, more slowly each time, until none is', async () => {
  const run = scripted([[busy], [busy], [busy, done], [done]]);
  run.watch.follow([busy]);
  assert.equal(run.waits[0], FIRST_WAIT_MS);
  await run.tick();
  await run.tick();
  await run.tick();
  await run.tick();
  assert.equal(run.shown.length, 4);
  assert.equal(run.pending, null, 'no more polls once every photo is done');
  assert.deepEqual(run.waits, [1000, 1500, 2250, 3000]);
});

test('nothing is asked for when every photo is done', () => {
  const run = scripted([]);
  run.watch.follow([done]);
  assert.equal(run.pending, null);
});

test('an unreachable server or an unusable answer is asked again', async () => {
  const run = scripted([new TypeError('Failed to fetch'), null, [done]]);
  run.watch.follow([busy]);
  await run.tick();
  assert.ok(run.pending);
  await run.tick();
  assert.ok(run.pending);
  await run.tick();
  assert.equal(run.pending, null);
  assert.equal(run.shown.length, 1);
});

test('poke asks at once and starts the pace again; stop ends it', async () => {
  const run = scripted([[busy], [busy]]);
  run.watch.follow([busy]);
  run.watch.poke();
  await run.settle();
  assert.equal(run.shown.length, 1);
  assert.equal(run.waits.at(-1), FIRST_WAIT_MS);
  run.watch.stop();
  assert.equal(run.pending, null);
  run.watch.poke();
  await run.settle();
  assert.equal(run.shown.length, 1);
});

test('watching gives up after the polling time-out', async () => {
  const run = scripted(Array.from({ length: 100 }, () => [busy]));
  run.watch.follow([busy]);
  while (run.pending) await run.tick();
  assert.ok(run.shown.length > 5 && run.shown.length < 100, String(run.shown.length));
});

test('a poke while an answer is on its way asks once more when it comes', async () => {
  const run = scripted([[done], [done, done]]);
  run.watch.poke();
  run.watch.poke();
  await run.settle();
  await run.settle();
  assert.equal(run.shown.length, 2);
  assert.equal(run.shown[1].length, 2);
  assert.equal(run.pending, null);
});
