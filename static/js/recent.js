// The page's recent list: the store over this browser's localStorage.

import { createRecentStore } from './recent-store.js';

export const recent = createRecentStore(browserStorage());

// Reading window.localStorage itself throws where the browser forbids storage for the site.
function browserStorage() {
  try { return window.localStorage; } catch (e) { return null; }
}
