// Keeping an album's photos fresh while some are being analysed: asks again after a pause that
// grows from 1 s to 3 s, until no photo needs it or POLL.timeoutMs has passed. No DOM: the
// fetching, the clock and the timers are passed in, so Node's tests drive it.

import { POLL } from './config.js';
import { needsPolling } from './photos.js';
import { nextDelay } from './polling.js';

export const FIRST_WAIT_MS = 1000;

// load() resolves to the photos (an array), or to null when the answer was not usable (an error
// the caller has shown); a rejected load is an unreachable server. onPhotos(photos) gets each
// array. Returns {stop, poke}: poke() asks at once (new uploads are in).
export function watchPhotos({ load, onPhotos, now = () => Date.now(), timers = globalThis }) {
  let timer = null;
  let stopped = false;
  let started = now();
  let wait = FIRST_WAIT_MS;
  let asking = false;

  function schedule() {
    timers.clearTimeout(timer);
    timer = null;
    if (stopped || now() - started > POLL.timeoutMs) return;
    timer = timers.setTimeout(ask, wait);
    wait = nextDelay(wait);
  }

  let again = false;   // poked while asking: the answer on its way may predate the news

  function ask() {
    timer = null;
    if (asking) { again = true; return; }
    asking = true;
    again = false;
    load().then(function (photos) {
      if (!stopped && photos) onPhotos(photos);   // follow() waits while asking
      done(!photos || needsPolling(photos));
    }, () => done(true));
  }

  function done(more) {
    asking = false;
    if (stopped) return;
    if (again) ask(); else if (more) schedule();
  }

  return {
    stop() {
      stopped = true;
      timers.clearTimeout(timer);
      timer = null;
    },
    // After new uploads: the pace starts again from the beginning.
    poke() {
      if (stopped) return;
      started = now();
      wait = FIRST_WAIT_MS;
      timers.clearTimeout(timer);
      ask();
    },
    // The photos just shown: keep watching only if some need it.
    follow(photos) {
      if (stopped || asking) return;
      if (needsPolling(photos)) { if (!timer) schedule(); } else { timers.clearTimeout(timer); timer = null; }
    }
  };
}
