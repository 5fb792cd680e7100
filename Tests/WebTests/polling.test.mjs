import assert from 'node:assert/strict';
import { test } from 'node:test';

import { delayAfterFailure, nextDelay, outcomeOf, startPolling } from '../../static/js/polling.js';

const PROCESSING = { status: 202, body: { id: 'A', status: 'processing' } };
const COMPLETED = { status: 200, body: { id: 'A', status: 'completed', insights: { faces_detected: 1 } } };
const BUSY = { status: 503, body: { error: 'the service is temporarily unavailable' } };
const UNREACHABLE = new TypeError('Failed to fetch');

// Runs the polling against scripted answers (an Error is a failed fetch), a clock that moves
// only when a timer fires, and timers that fire only when the test says so.
function scripted(answers, { immediate = false } = {}) {
  const waits = [];
  const events = [];
  const clock = { now: 1_000_000 };
  let pending = null;
  let polls = 0;
  const timers = {
    setTimeout(callback, ms) { waits.push(ms); pending = { callback, ms }; return waits.length; },
    clearTimeout() { pending = null; }
  };
  const on = {};
  for (const name of ['processing', 'busy', 'unreachable', 'completed', 'failed', 'error', 'timedOut']) {
    on[name] = (argument) => events.push(argument === undefined ? [name] : [name, argument]);
  }
  function fetchResult() {
    polls += 1;
    const answer = answers.shift();
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const polling = startPolling({ fetchResult, immediate, on, now: () => clock.now, timers });
  return {
    waits, events, clock, polling, settle,
    get polls() { return polls; },
    get pending() { return pending; },
    // Fires the pending timer after its wait and lets the answer arrive.
    async tick() {
      const { callback, ms } = pending;
      pending = null;
      clock.now += ms;
      callback();
      await settle();
    }
  };
}

test('the pause grows by half each time, up to 3 s', () => {
  assert.equal(nextDelay(250), 375);
  assert.equal(nextDelay(375), 562.5);
  assert.equal(nextDelay(2500), 3000);
  assert.equal(nextDelay(3000), 3000);
});

test('after a failure the pause is at least a second', () => {
  assert.equal(delayAfterFailure(375), 1000);
  assert.equal(delayAfterFailure(2000), 2000);
});

test('answers are read as processing, completed, failed, busy or an error', () => {
  assert.equal(outcomeOf({ status: 202, body: null }), 'processing');
  assert.equal(outcomeOf({ status: 200, body: { status: 'processing' } }), 'processing');
  assert.equal(outcomeOf(COMPLETED), 'completed');
  assert.equal(outcomeOf({ status: 200, body: { status: 'failed', error: 'x' } }), 'failed');
  assert.equal(outcomeOf({ status: 503, body: null }), 'busy');
  assert.equal(outcomeOf({ status: 429, body: null }), 'busy');
  assert.equal(outcomeOf({ status: 404, body: { error: 'no image' } }), 'error');
  assert.equal(outcomeOf({ status: 200, body: { status: 'completed' } }), 'error', 'completed without insights');
  assert.equal(outcomeOf({ status: 200, body: null }), 'error');
  assert.equal(outcomeOf({ status: 0, body: null }), 'error');
});

test('a new upload is first polled after 250 ms, then ever more slowly up to every 3 s', async () => {
  const run = scripted([...Array(9).fill(PROCESSING), COMPLETED]);
  assert.equal(run.polls, 0);
  assert.deepEqual(run.waits, [250]);
  while (run.pending) await run.tick();
  assert.equal(run.polls, 10);
  assert.deepEqual(run.waits, [250, 375, 562.5, 843.75, 1265.625, 1898.4375, 2847.65625, 3000, 3000, 3000]);
  assert.deepEqual(run.events.at(-1), ['completed', COMPLETED.body]);
});

test('an opened address is polled at once, then after 250 ms', async () => {
  const run = scripted([PROCESSING, PROCESSING, COMPLETED], { immediate: true });
  assert.equal(run.polls, 1);
  await run.settle();
  assert.deepEqual(run.waits, [250]);
  await run.tick();
  await run.tick();
  assert.deepEqual(run.waits, [250, 375]);
  assert.deepEqual(run.events, [['processing', false], ['processing', false], ['completed', COMPLETED.body]]);
});

test('a busy server is asked again after a second, then the back-off goes on from there', async () => {
  const run = scripted([BUSY, PROCESSING, PROCESSING, COMPLETED], { immediate: true });
  await run.settle();
  await run.tick();
  await run.tick();
  await run.tick();
  assert.deepEqual(run.waits, [1000, 1500, 2250]);
  assert.deepEqual(run.events.slice(0, 3), [['busy', BUSY], ['processing', true], ['processing', false]]);
});

test('an unreachable server is retried like a busy one', async () => {
  const run = scripted([UNREACHABLE, UNREACHABLE, PROCESSING, COMPLETED], { immediate: true });
  await run.settle();
  await run.tick();
  await run.tick();
  await run.tick();
  assert.deepEqual(run.waits, [1000, 1500, 2250]);
  assert.deepEqual(run.events.slice(0, 3), [['unreachable'], ['unreachable'], ['processing', true]]);
});

test('a failed analysis ends the polling with its body', async () => {
  const failed = { status: 200, body: { id: 'A', status: 'failed', error: 'the analysis crashed 3 times' } };
  const run = scripted([failed], { immediate: true });
  await run.settle();
  assert.deepEqual(run.events, [['failed', failed.body]]);
  assert.equal(run.pending, null);
});

test('an unknown id ends the polling with the whole answer', async () => {
  const missing = { status: 404, body: { error: 'no image with id A' } };
  const run = scripted([missing], { immediate: true });
  await run.settle();
  assert.deepEqual(run.events, [['error', missing]]);
  assert.equal(run.pending, null);
});

test('the polling gives up after two minutes without an end', async () => {
  const run = scripted(Array(100).fill(PROCESSING));
  await run.tick();
  run.clock.now += 2 * 60 * 1000;
  await run.tick();
  assert.deepEqual(run.events.at(-1), ['timedOut']);
  assert.equal(run.pending, null);
  assert.equal(run.polls, 2);
});

test('a stopped polling ignores the answer still on its way and polls no more', async () => {
  const run = scripted([COMPLETED], { immediate: true });
  run.polling.stop();
  await run.settle();
  assert.deepEqual(run.events, []);
  assert.equal(run.pending, null);
});
