// One thing at a time: an upload, or an analysis being followed. Starting a new one stops what
// the last one was doing, so the old one's late answers change nothing on screen.

export const current = {
  upload: null,     // {abort} of the upload in flight
  polling: null,    // {stop} of the polling
  ticker: null,     // interval of the "Working for N s" label
  file: null,       // the file last uploaded, to send again after a cancel
  id: null,         // the analysis this page is about
  resultId: null    // the analysis whose result is rendered
};

export function newSession() {
  if (current.upload) {
    const upload = current.upload;
    current.upload = null;
    upload.abort();
  }
  stopFollowing();
  current.id = null;
}

// The analysis has ended: no more polls, no more ticking.
export function stopFollowing() {
  if (current.polling) current.polling.stop();
  clearInterval(current.ticker);
  current.polling = null;
  current.ticker = null;
}
