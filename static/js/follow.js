// Following an analysis on the page: the job card while it runs, then its result, or its failure,
// or a notice when it takes too long or cannot be loaded.

import { getResult } from './api.js';
import { apiErrorMessage, errorTitle } from './errors.js';
import { announce, hideNotice, showNotice } from './feedback.js';
import { sentence } from './format.js';
import { announcement } from './insights.js';
import { chooseFile } from './intake.js';
import { setStatus, showAnalysing, showJob, showJobFailed, showStillAnalysing, showTimedOut } from './job-view.js';
import { entryPicture } from './pictures.js';
import { startPolling } from './polling.js';
import { recent } from './recent.js';
import { focusResult, renderResult } from './result-view.js';
import { checkHealth } from './server-status.js';
import { current, newSession, stopFollowing } from './session.js';
import { completedEntry } from './summary.js';
import { showView } from './views.js';

// An analysis opened by its address: named and previewed from the recent list when it is there.
export function openResult(id) {
  newSession();
  hideNotice();
  const entry = recent.find(id);
  const name = entry ? entry.name : 'Shared analysis';
  showJob(name, 'Analysis ' + id, entry ? entryPicture(entry) : null);
  follow(id, name, true);
}

// immediate: poll at once (an opened address) rather than after a short pause (a new upload).
export function follow(id, name, immediate) {
  current.id = id;
  current.ticker = showAnalysing(name);
  current.polling = startPolling({
    fetchResult: () => getResult(id),
    immediate,
    on: {
      processing(recovered) { if (recovered) showStillAnalysing(); },
      busy({ status, body }) { setStatus('The server is busy (' + apiErrorMessage(status, body) + ') Still trying…'); },
      unreachable() { setStatus('Lost contact with the server. Retrying…'); checkHealth(); },
      completed(result) { stopFollowing(); showCompleted(result, name); },
      failed(result) { stopFollowing(); showFailed(id, result.error); },
      error(answer) { stopFollowing(); showLoadError(id, answer); },
      timedOut() { stopFollowing(); showTakingLong(id); }
    }
  });
}

function showCompleted(result, name) {
  const insights = result.insights || {};
  current.id = result.id;
  current.resultId = result.id;
  renderResult(result, name);
  recent.mark(result.id, completedEntry(result));
  setStatus('Analysis complete.');
  announce(announcement(insights));
  focusResult();
}

function showFailed(id, message) {
  showJobFailed();
  recent.mark(id, { status: 'failed' });
  showNotice({
    title: 'The analysis failed',
    message: sentence(message || 'The server could not analyse this image.'),
    detail: 'Analysis ' + id,
    retryLabel: 'Try again with another image',
    retry: chooseFile
  });
}

// An unknown or malformed id will not appear later; other errors may pass.
function showLoadError(id, { status, body }) {
  const gone = status === 404 || status === 400;
  showView('home');
  showNotice({
    title: errorTitle(status, 'Could not load this analysis'),
    message: apiErrorMessage(status, body),
    detail: 'HTTP ' + status + ' from /api/results/' + id,
    retryLabel: gone ? 'Analyse an image' : 'Try again',
    retry: gone ? chooseFile : () => openResult(id)
  });
  recent.mark(id, { status: 'missing' });
}

function showTakingLong(id) {
  showTimedOut();
  showNotice({
    title: 'The analysis is taking longer than expected',
    message: 'No result after 2 minutes. The server may be very busy. Your image is stored: ' +
      'this page’s address will show the result once it is ready.',
    info: true,
    retryLabel: 'Check again',
    retry: () => openResult(id)
  });
}
