// Who is logged in, kept in memory with the session's CSRF token (never stored: the session itself
// is the server's HttpOnly cookie). This browser remembers only that someone logged in here, so a
// page other than the owner's asks GET /api/session only then. No DOM: Node's tests pass a storage.

const HINT = 'peek.account.v1';

// storage: a localStorage-like object, or null where the browser allows none.
export function createAccount(storage) {
  const listeners = [];
  const state = { user: null, csrf: null, checked: false };

  function notify() {
    listeners.forEach((listener) => listener(state.user));
  }

  function remember(name) {
    try {
      if (name) storage.setItem(HINT, name); else storage.removeItem(HINT);
    } catch (e) { /* no storage: the session is asked for on the owner's pages only */ }
  }

  return {
    get user() { return state.user; },
    get csrf() { return state.csrf; },
    // Whether GET /api/session has answered since the page loaded.
    get checked() { return state.checked; },
    subscribe(listener) { listeners.push(listener); },
    // body: the answer of POST or GET /api/session, {user: {id, username}, csrf_token, expires_at}.
    set(body) {
      const user = body && body.user && typeof body.user.username === 'string' ? body.user : null;
      state.user = user;
      state.csrf = user && typeof body.csrf_token === 'string' ? body.csrf_token : null;
      state.checked = true;
      remember(user && user.username);
      notify();
    },
    // Logged out, or the session ended (401 from an owner's route).
    clear() {
      state.user = null;
      state.csrf = null;
      state.checked = true;
      remember(null);
      notify();
    },
    // Someone logged in from this browser and has not logged out.
    mayBeLoggedIn() {
      try { return !!storage.getItem(HINT); } catch (e) { return false; }
    }
  };
}

export const account = createAccount(browserStorage());

// Reading window.localStorage itself throws where the browser forbids storage for the site.
function browserStorage() {
  try { return globalThis.localStorage || null; } catch (e) { return null; }
}
