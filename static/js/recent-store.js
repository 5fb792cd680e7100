// The recent analyses, newest first, kept as JSON in a localStorage-like object (getItem, setItem,
// removeItem). No DOM: the list's view subscribes to changes. An entry is
// {id, name, at, thumb, thumbPath, status, summary}; thumb is a small JPEG data URL made in the
// browser, shown until the analysis completes; thumbPath the server's thumbnail from then on.

import { RECENT } from './config.js';

// storage may be null where the browser allows none: reading and writing it then fail as they do
// for a full or forbidden storage, and the list stays empty.
export function createRecentStore(storage, { key = RECENT.key, max = RECENT.max, now = () => Date.now() } = {}) {
  const listeners = [];

  function subscribe(listener) {
    listeners.push(listener);
  }

  // Whatever is stored (another version's entries, a hand edit) is read defensively.
  function load() {
    try {
      const list = JSON.parse(storage.getItem(key) || '[]');
      return Array.isArray(list) ? list.filter((entry) => entry && typeof entry.id === 'string') : [];
    } catch (e) {
      return [];
    }
  }

  function find(id) {
    return load().find((entry) => entry.id === id) || null;
  }

  // Puts the entry first, replacing an older one with its id.
  function add(entry) {
    const list = load().filter((item) => item.id !== entry.id);
    list.unshift(entry);
    save(list);
  }

  function mark(id, changes) {
    const list = load();
    const entries = list.filter((entry) => entry.id === id);
    entries.forEach((entry) => Object.assign(entry, changes));
    if (!entries.length && changes.status === 'completed') {
      // A shared link opened here for the first time joins the list.
      list.unshift(Object.assign({ id, name: 'Shared analysis', at: now(), thumb: null }, changes));
    }
    save(list);
  }

  // A thumbnail made after its entry was added; one already there is kept, and so is the server's.
  function fillThumbnail(id, thumb) {
    const entry = find(id);
    if (entry && !entry.thumb && !entry.thumbPath && thumb) mark(id, { thumb });
  }

  function clear() {
    try { storage.removeItem(key); } catch (e) { /* nothing was stored */ }
    changed();
  }

  function save(entries) {
    let list = entries.slice(0, max);
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        storage.setItem(key, JSON.stringify(list));
        break;
      } catch (e) {
        // Storage full: drop the oldest thumbnails, then the oldest entries.
        const withThumb = list.filter((entry) => entry.thumb);
        if (withThumb.length) withThumb[withThumb.length - 1].thumb = null;
        else list = list.slice(0, Math.max(1, Math.floor(list.length / 2)));
      }
    }
    changed();
  }

  function changed() {
    listeners.forEach((listener) => listener());
  }

  return { subscribe, load, find, add, mark, fillThumbnail, clear };
}
