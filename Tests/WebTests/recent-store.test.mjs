import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createRecentStore } from '../../static/js/recent-store.js';

const KEY = 'peek.recent.v1';
const NOW = 1_700_000_000_000;

// A localStorage stand-in; with a quota, a value longer than it is refused as a full storage would.
function memoryStorage(items = {}, quota = Infinity) {
  return {
    items,
    getItem: (key) => (key in items ? items[key] : null),
    setItem(key, value) {
      if (value.length > quota) throw new Error('QuotaExceededError');
      items[key] = String(value);
    },
    removeItem(key) { delete items[key]; }
  };
}

const entry = (id, fields = {}) => Object.assign({ id, name: id + '.png', at: NOW, thumb: null, status: 'processing' }, fields);
const stored = (storage) => JSON.parse(storage.items[KEY]);
const ids = (list) => list.map((item) => item.id);

test('an empty storage is an empty list', () => {
  assert.deepEqual(createRecentStore(memoryStorage()).load(), []);
});

test('what cannot be read is ignored: bad JSON, a non-list, entries without an id', () => {
  assert.deepEqual(createRecentStore(memoryStorage({ [KEY]: '{not json' })).load(), []);
  assert.deepEqual(createRecentStore(memoryStorage({ [KEY]: '{"id":"A"}' })).load(), []);
  const mixed = JSON.stringify([null, { id: 7 }, { name: 'x' }, { id: 'B', name: 'b.png' }]);
  assert.deepEqual(createRecentStore(memoryStorage({ [KEY]: mixed })).load(), [{ id: 'B', name: 'b.png' }]);
});

test('without a storage the list is empty and changes are dropped', () => {
  const store = createRecentStore(null);
  store.add(entry('A'));
  store.mark('A', { status: 'completed' });
  store.clear();
  assert.deepEqual(store.load(), []);
});

test('a new entry comes first and replaces an older one with its id', () => {
  const storage = memoryStorage();
  const store = createRecentStore(storage);
  store.add(entry('A'));
  store.add(entry('B'));
  store.add(entry('A', { name: 'again.png' }));
  assert.deepEqual(ids(stored(storage)), ['A', 'B']);
  assert.equal(store.find('A').name, 'again.png');
});

test('the list keeps the 24 newest entries', () => {
  const storage = memoryStorage();
  const store = createRecentStore(storage);
  for (let i = 0; i < 30; i++) store.add(entry('id' + i));
  const list = store.load();
  assert.equal(list.length, 24);
  assert.equal(list[0].id, 'id29');
  assert.equal(list[23].id, 'id6');
});

test('find returns the entry with the id, or null', () => {
  const store = createRecentStore(memoryStorage());
  store.add(entry('A', { name: 'cat.png' }));
  assert.equal(store.find('A').name, 'cat.png');
  assert.equal(store.find('Z'), null);
});

test('mark changes the fields it is given and keeps the others', () => {
  const storage = memoryStorage();
  const store = createRecentStore(storage);
  store.add(entry('A', { thumb: 'data:image/jpeg;base64,AAAA' }));
  store.mark('A', { status: 'completed', summary: { faces: 1 } });
  assert.deepEqual(stored(storage), [
    { id: 'A', name: 'A.png', at: NOW, thumb: 'data:image/jpeg;base64,AAAA', status: 'completed', summary: { faces: 1 } }
  ]);
});

test('a completed analysis not in the list joins it first as a shared one', () => {
  const store = createRecentStore(memoryStorage(), { now: () => NOW + 5 });
  store.add(entry('A'));
  store.mark('S', { status: 'completed', summary: { faces: 0 } });
  assert.deepEqual(store.load()[0], { id: 'S', name: 'Shared analysis', at: NOW + 5, thumb: null, status: 'completed', summary: { faces: 0 } });
  assert.deepEqual(ids(store.load()), ['S', 'A']);
});

test('a failed or missing analysis not in the list does not join it', () => {
  const store = createRecentStore(memoryStorage());
  store.mark('X', { status: 'failed' });
  store.mark('Y', { status: 'missing' });
  assert.deepEqual(store.load(), []);
});

test('a late thumbnail fills an entry without one and never replaces one', () => {
  const store = createRecentStore(memoryStorage());
  store.add(entry('A'));
  store.add(entry('B', { thumb: 'data:image/jpeg;base64,OLD' }));
  store.fillThumbnail('A', 'data:image/jpeg;base64,NEW');
  store.fillThumbnail('B', 'data:image/jpeg;base64,NEW');
  store.fillThumbnail('Z', 'data:image/jpeg;base64,NEW');
  assert.equal(store.find('A').thumb, 'data:image/jpeg;base64,NEW');
  assert.equal(store.find('B').thumb, 'data:image/jpeg;base64,OLD');
  assert.equal(store.find('Z'), null);
});

test('a late thumbnail from the browser never replaces the server\'s', () => {
  const store = createRecentStore(memoryStorage());
  store.add(entry('A'));
  store.mark('A', { status: 'completed', thumbPath: '/api/image/A/thumbnail', thumb: null });
  store.fillThumbnail('A', 'data:image/jpeg;base64,LATE');
  assert.equal(store.find('A').thumb, null);
  assert.equal(store.find('A').thumbPath, '/api/image/A/thumbnail');
});

test('a full storage drops the oldest thumbnails first', () => {
  const thumb = 'data:image/jpeg;base64,' + 'A'.repeat(1000);
  const storage = memoryStorage({}, 2000);   // room for one thumbnail, not two
  const store = createRecentStore(storage);
  store.add(entry('old', { thumb }));
  store.add(entry('new', { thumb }));
  assert.deepEqual(stored(storage).map((item) => [item.id, item.thumb === thumb]), [['new', true], ['old', false]]);
});

test('a full storage without thumbnails to drop keeps the newer half of the entries', () => {
  const older = [8, 7, 6, 5, 4, 3, 2, 1, 0].map((i) => entry('id' + i));
  const storage = memoryStorage({ [KEY]: JSON.stringify(older) }, 500);   // room for five entries, not ten
  const store = createRecentStore(storage);
  store.add(entry('id9'));
  assert.deepEqual(ids(stored(storage)), ['id9', 'id8', 'id7', 'id6', 'id5']);
});

test('a storage that refuses every write leaves the list as it was', () => {
  const storage = memoryStorage({ [KEY]: JSON.stringify([entry('A')]) }, 0);
  const store = createRecentStore(storage);
  store.add(entry('B'));
  assert.deepEqual(ids(store.load()), ['A']);
});

test('clear empties the list', () => {
  const storage = memoryStorage();
  const store = createRecentStore(storage);
  store.add(entry('A'));
  store.clear();
  assert.equal(KEY in storage.items, false);
  assert.deepEqual(store.load(), []);
});

test('subscribers hear of every change', () => {
  const store = createRecentStore(memoryStorage());
  let changes = 0;
  store.subscribe(() => { changes += 1; });
  store.add(entry('A'));
  store.mark('A', { status: 'completed' });
  store.clear();
  assert.equal(changes, 3);
});

test('the key and the length of the list can be chosen', () => {
  const storage = memoryStorage();
  const store = createRecentStore(storage, { key: 'other', max: 2 });
  for (const id of ['A', 'B', 'C']) store.add(entry(id));
  assert.deepEqual(ids(JSON.parse(storage.items.other)), ['C', 'B']);
});
