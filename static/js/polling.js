// Following an analysis until it ends: polls GET /api/results/ID, quickly at first, then backing
// off; waits longer while the server is busy or unreachable; gives up after POLL.timeoutMs.
// No DOM: the answers' fetching, the clock and the timers are passed in, so Node's tests drive it.

import { POLL } from './config.js';
import { isTransient } from './errors.js';

// The pause after a poll, given the pause before it.
export function nextDelay(delay) {
  return Math.min(delay * POLL.factor, POLL.maxMs);
}

// A busy or unreachable server is not asked again within a second.
export function delayAfterFailure(delay) {
  return Math.max(delay, POLL.afterFailureMs);
}

// What an answer {status, body} of the results route means for the polling.
export function outcomeOf({ status, body }) {
  if (status === 202 || (status === 200 && body && body.status === 'processing')) return 'processing';
  if (status === 200 && body && body.status === 'completed' && body.insights) return 'completed';
  if (status === 200 && body && body.status === 'failed') return 'failed';
  if (isTransient(status) && status !== 0) return 'busy';
  return 'error';
}

// Starts polling; returns {stop}. fetchResult() resolves to {status, body} and rejects when the
// server cannot be reached. The handlers in `on`:
//   processing(recovered)  still running; recovered after a busy or unreachable server
//   busy(answer)           a transient HTTP error; polling goes on
//   unreachable()          no answer; polling goes on
//   completed(body), failed(body), error(answer), timedOut()   the end: polling has stopped
// A newly accepted upload is first polled after a short pause; an opened address at once.
export function startPolling({ fetchResult, immediate, on, now = () => Date.now(), timers = globalThis }) {
  const started = now();
  let timer = null;
  let stopped = false;

  function stop() {
    stopped = true;
    timers.clearTimeout(timer);
    timer = null;
  }

  function poll(delay, failures) {
    fetchResult().then(function (answer) {
      if (stopped) return;
      const outcome = outcomeOf(answer);
      if (outcome === 'processing') {
        on.processing(failures > 0);
        schedule(delay, 0);
      } else if (outcome === 'busy') {
        on.busy(answer);
        schedule(delayAfterFailure(delay), failures + 1);
      } else {
        stop();
        if (outcome === 'error') on.error(answer); else on[outcome](answer.body);
      }
    }, function () {
      if (stopped) return;
      on.unreachable();
      schedule(delayAfterFailure(delay), failures + 1);
    });
  }

  function schedule(wait, failures) {
    if (now() - started > POLL.timeoutMs) {
      stop();
      on.timedOut();
      return;
    }
    timer = timers.setTimeout(() => poll(nextDelay(wait), failures), wait);
  }

  if (immediate) poll(POLL.firstMs, 0);
  else timer = timers.setTimeout(() => poll(nextDelay(POLL.firstMs), 0), POLL.firstMs);
  return { stop };
}
