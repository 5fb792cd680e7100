// What each address shows: / the home page with the drop zone, /r/ID that analysis.

import { el } from './dom.js';
import { hideNotice } from './feedback.js';
import { openResult } from './follow.js';
import { renderRecent } from './recent-view.js';
import { navigate } from './router.js';
import { current, newSession } from './session.js';
import { showView } from './views.js';

// route: {id} or {} (home), from the router.
export function showRoute({ id }) {
  // The result just rendered (an upload's own /r/ID, or its recent link): nothing to load or redraw.
  if (id !== undefined && isOnScreen(id)) return;
  if (id === undefined) showHome();
  else openResult(id);
  renderRecent();
}

export function goHome() {
  hideNotice();
  navigate('/');
  window.scrollTo({ top: 0, behavior: 'smooth' });
  el.choose.focus({ preventScroll: true });
}

function showHome() {
  newSession();
  current.resultId = null;
  showView('home');
  document.title = 'Peek — image analysis';
}

function isOnScreen(id) {
  return current.resultId === id && current.id === id && !el.result.hidden;
}
