import assert from 'node:assert/strict';
import { test } from 'node:test';

import { albumFacts, coverPath, isProcessing, needsPolling, photoCaption, photoLinks, photoName, photoPath, stepIndex } from '../../static/js/photos.js';

const ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const TOKEN = 't'.repeat(43);
const owned = (urls) => ({ image_id: ID, filename: 'cat.jpg', status: 'completed', insights: { faces_detected: 2, scene_type: 'outdoor', quality_score: 72.6 }, urls });

test('an owner\'s and a share holder\'s image addresses are pictures; nothing else is', () => {
  assert.equal(photoPath(`/api/image/${ID}/thumbnail`), `/api/image/${ID}/thumbnail`);
  assert.equal(photoPath(`/api/shared/${TOKEN}/images/${ID}/web`), `/api/shared/${TOKEN}/images/${ID}/web`);
  for (const bad of ['https://evil.test/x.jpg', `/api/shared/${TOKEN}/images/../x`, `/api/shared/${TOKEN}/download`, null, 7]) {
    assert.equal(photoPath(bad), null, String(bad));
  }
});

test('the tile is the thumbnail, the picture the web copy', () => {
  const links = photoLinks(owned({ results: `/api/results/${ID}`, original: `/api/image/${ID}/original`, thumbnail: `/api/image/${ID}/thumbnail`, web: `/api/image/${ID}/web`, annotated: `/api/image/${ID}/annotated` }));
  assert.deepEqual(links, {
    original: `/api/image/${ID}/original`, annotated: `/api/image/${ID}/annotated`,
    picture: `/api/image/${ID}/web`, tile: `/api/image/${ID}/thumbnail`, thumbReady: true
  });
});

test('until the renditions are made, the original stands in', () => {
  const links = photoLinks(owned({ original: `/api/shared/${TOKEN}/images/${ID}/original` }));
  assert.equal(links.tile, `/api/shared/${TOKEN}/images/${ID}/original`);
  assert.equal(links.picture, `/api/shared/${TOKEN}/images/${ID}/original`);
  assert.equal(links.annotated, null);
  assert.equal(links.thumbReady, false);
  assert.equal(photoLinks({}).tile, null);
});

test('polling goes on while a photo is analysed or its thumbnail is still to come', () => {
  const done = owned({ original: 'o', thumbnail: `/api/image/${ID}/thumbnail`, web: `/api/image/${ID}/web` });
  assert.equal(needsPolling([done]), false);
  assert.equal(needsPolling([done, { ...done, status: 'processing' }]), true);
  assert.equal(needsPolling([{ ...done, urls: { original: `/api/image/${ID}/original` } }]), true);
  assert.equal(needsPolling([{ ...done, status: 'failed', urls: { original: `/api/image/${ID}/original` } }]), false);
  assert.equal(needsPolling([]), false);
  assert.equal(isProcessing({ status: 'processing' }), true);
});

test('a tile\'s caption says what the analysis found, or where it is', () => {
  assert.equal(photoCaption(owned({})), '2 faces · outdoor · quality 73');
  assert.equal(photoCaption({ status: 'processing' }), 'Analysing…');
  assert.equal(photoCaption({ status: 'failed', error: 'x' }), 'Analysis failed');
  assert.equal(photoName({ filename: '' }), 'Photo');
  assert.equal(photoName(owned({})), 'cat.jpg');
});

test('an album\'s facts and cover', () => {
  assert.match(albumFacts({ photo_count: 1, updated_at: '2026-12-01T10:00:00Z' }), /^1 photo · updated .*2026/);
  assert.equal(albumFacts({ photo_count: 0 }), '0 photos');
  assert.equal(coverPath({ cover_url: `/api/image/${ID}/thumbnail` }), `/api/image/${ID}/thumbnail`);
  assert.equal(coverPath({ cover_url: null }), null);
  assert.equal(coverPath({ cover_url: '//evil.test/x' }), null);
});

test('the viewer steps round at either end', () => {
  assert.equal(stepIndex(0, 1, 3), 1);
  assert.equal(stepIndex(2, 1, 3), 0);
  assert.equal(stepIndex(0, -1, 3), 2);
  assert.equal(stepIndex(0, 1, 0), -1);
});
