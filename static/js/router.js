// The page's addresses, each a page of its own: / (home: an anonymous upload), /r/ID (one
// analysis), /login, /albums, /albums/ID (an owner's album), /s/TOKEN (a shared album), /models,
// /models/ID (a model, its versions and their builds), /jobs and /jobs/ID (a model's run). nginx
// answers every unknown path with index.html, so all of them load this page. No DOM at import:
// Node's tests read routeOf.

let onRoute = null;

// An id or token in the address: one path segment, decoded; a trailing slash is allowed.
const PAGES = [
  [/^\/r\/([^/]+)\/?$/, (id) => ({ page: 'result', id })],
  [/^\/login\/?$/, () => ({ page: 'login' })],
  [/^\/albums\/?$/, () => ({ page: 'albums' })],
  [/^\/albums\/([^/]+)\/?$/, (id) => ({ page: 'album', id })],
  [/^\/s\/([^/]+)\/?$/, (token) => ({ page: 'gallery', token })],
  [/^\/models\/?$/, () => ({ page: 'models' })],
  [/^\/models\/([^/]+)\/?$/, (id) => ({ page: 'model', id })],
  [/^\/jobs\/?$/, () => ({ page: 'jobs' })],
  [/^\/jobs\/([^/]+)\/?$/, (id) => ({ page: 'job', id })]
];

// {page, id?, token?}; any path not listed is the home page.
export function routeOf(pathname) {
  for (const [pattern, route] of PAGES) {
    const match = pattern.exec(pathname);
    if (!match) continue;
    try {
      return match[1] === undefined ? route() : route(decodeURIComponent(match[1]));
    } catch (e) {
      return { page: 'home' };   // a malformed escape (/r/%E0)
    }
  }
  return { page: 'home' };
}

export function resultPath(id) {
  return '/r/' + encodeURIComponent(id);
}

export function albumPath(id) {
  return '/albums/' + encodeURIComponent(id);
}

export function modelPagePath(id) {
  return '/models/' + encodeURIComponent(id);
}

export function jobPagePath(id) {
  return '/jobs/' + encodeURIComponent(id);
}

// Pages only an owner sees: they need a login first.
export function needsLogin(route) {
  return ['albums', 'album', 'models', 'model', 'jobs', 'job'].indexOf(route.page) !== -1;
}

// A click the page handles itself; others (middle button, a modifier key) open a tab or a window.
export function isPlainClick(event) {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

// handler(route) shows the address's page, now and after each navigation or back and forward.
// Links marked data-nav open their page in place.
export function startRouting(handler) {
  onRoute = handler;
  window.addEventListener('popstate', route);
  document.addEventListener('click', function (event) {
    const link = event.target.closest && event.target.closest('a[data-nav]');
    if (!link || !isPlainClick(event)) return;
    event.preventDefault();
    navigate(link.getAttribute('href'));
  });
  route();
}

export function navigate(path) {
  if (location.pathname !== path) history.pushState(null, '', path);
  route();
}

// Another address in place of this one (no history entry), and its page.
export function redirect(path) {
  history.replaceState(null, '', path);
  route();
}

// A new address in the history without showing its page: the page is already on screen.
export function pushAddress(path, state = null) {
  history.pushState(state, '', path);
}

// Shows the current address's page again (after a login, say).
export function route() {
  onRoute(routeOf(location.pathname));
}
