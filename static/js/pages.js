// What each address shows: / the home page with the drop zone, /r/ID that analysis, /login the
// login, /albums and /albums/ID an owner's albums (the login in their place without a session),
// /s/TOKEN a shared album. A page shown by a navigation gets the focus on its heading.

import { ensureSession } from './account-view.js';
import { albumDropTarget } from './album-upload.js';
import { leaveAlbum, showAlbum } from './album-view.js';
import { showAlbums } from './albums-view.js';
import { el } from './dom.js';
import { hideNotice } from './feedback.js';
import { openResult } from './follow.js';
import { leaveGallery, showGallery } from './gallery-view.js';
import { leaveJob, showJob, showJobs } from './jobs-view.js';
import { setDropTarget } from './intake.js';
import { showLogin } from './login-view.js';
import { leaveModel, showModel, showModels } from './models-view.js';
import { renderRecent } from './recent-view.js';
import { navigate, redirect } from './router.js';
import { current, newSession } from './session.js';
import { showPage, showView } from './views.js';

let turn = 0;          // a later address wins over a session check still under way
let firstPage = true;  // the page just loaded keeps the focus where the browser puts it

// route: {page, id?, token?}, from the router.
export function showRoute(route) {
  const mine = ++turn;
  const first = firstPage;
  firstPage = false;
  // The result just rendered (an upload's own /r/ID, or its recent link): nothing to load or redraw.
  if (route.page === 'result' && isOnScreen(route.id)) return;
  closeDialogs();
  leaveAlbum();
  leaveGallery();
  leaveModel();
  leaveJob();
  if (route.page === 'home' || route.page === 'result') {
    showPage('analyze');
    setDropTarget(null);
    if (route.page === 'home') showHome(); else openResult(route.id);
    renderRecent();
    return;
  }
  newSession();
  hideNotice();
  setDropTarget(false);
  if (route.page === 'gallery') {
    showGallery(route.token);
    focusHeading(el.galleryTitle, first);
    return;
  }
  // The owner's pages wait for the session to be known.
  ensureSession().then(function (user) {
    if (mine !== turn) return;
    if (route.page === 'login') {
      if (user) { redirect('/albums'); return; }
      showLogin();
      focusHeading(el.loginTitle, first);
    } else if (!user) {
      showLogin(route);
      focusHeading(el.loginTitle, first);
    } else if (route.page === 'albums') {
      showAlbums();
      focusHeading(el.albumsTitle, first);
    } else if (route.page === 'models') {
      showModels();
      focusHeading(el.modelsTitle, first);
    } else if (route.page === 'model') {
      showModel(route.id);
      focusHeading(el.modelTitle, first);
    } else if (route.page === 'jobs') {
      showJobs();
      focusHeading(el.jobsTitle, first);
    } else if (route.page === 'job') {
      showJob(route.id);
      focusHeading(el.modelJobTitle, first);
    } else {
      setDropTarget(albumDropTarget);
      showAlbum(route.id);
      focusHeading(el.albumTitle, first);
    }
  });
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
  return current.resultId === id && current.id === id && !el.result.hidden && !el.analyzePage.hidden;
}

function closeDialogs() {
  [el.viewer, el.shareDialog].forEach((dialog) => { if (dialog.open) dialog.close(); });
}

function focusHeading(heading, first) {
  if (first) return;
  heading.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}
