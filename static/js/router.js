// The page's two addresses: / (home) and /r/ID (one analysis, shareable). nginx answers every
// unknown path with index.html, so both load this page. No DOM at import: Node's tests read routeOf.

let onRoute = null;

// {id} for /r/ID (with or without a trailing slash), {} for any other path.
export function routeOf(pathname) {
  const match = /^\/r\/([^/]+)\/?$/.exec(pathname);
  return match ? { id: decodeURIComponent(match[1]) } : {};
}

export function resultPath(id) {
  return '/r/' + encodeURIComponent(id);
}

// A click the page handles itself; others (middle button, a modifier key) open a tab or a window.
export function isPlainClick(event) {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

// handler(route) shows the address's page, now and after each navigation or back and forward.
export function startRouting(handler) {
  onRoute = handler;
  window.addEventListener('popstate', route);
  route();
}

export function navigate(path) {
  if (location.pathname !== path) history.pushState(null, '', path);
  route();
}

// A new address in the history without showing its page: the page is already on screen.
export function pushAddress(path, state = null) {
  history.pushState(state, '', path);
}

function route() {
  onRoute(routeOf(location.pathname));
}
