import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MAX_BYTES } from '../../static/js/config.js';
import { describeFile, displayName, refusalOf, uploadFilename } from '../../static/js/image-file.js';

// Files as the browser describes them: only name, type and size are read.
const file = (name, type, size = 2048) => ({ name, type, size });

test('the accepted image types pass', () => {
  for (const type of ['image/png', 'image/jpeg', 'image/pjpeg', 'image/gif', 'image/bmp', 'image/x-ms-bmp', 'image/webp']) {
    assert.equal(refusalOf(file('photo', type)), null, type);
  }
  assert.equal(refusalOf(file('photo.png', 'IMAGE/PNG')), null);
});

test('a file without a type, or typed application/octet-stream, passes on its extension', () => {
  assert.equal(refusalOf(file('photo.JPG', '')), null);
  assert.equal(refusalOf(file('scan.jfif', '')), null);
  assert.equal(refusalOf(file('photo.webp', 'application/octet-stream')), null);
});

test('a file that is not an image is refused before upload', () => {
  assert.deepEqual(refusalOf(file('notes.txt', 'text/plain', 13)), {
    title: 'That file type is not supported',
    message: '“notes.txt” is not a supported image. Peek reads PNG, JPEG, GIF, BMP and WEBP images.'
  });
  assert.equal(refusalOf(file('data.bin', 'application/octet-stream')).title, 'That file type is not supported');
  assert.equal(refusalOf(file('photo.png.exe', '')).title, 'That file type is not supported');
});

test('an image of another format is refused with its format named', () => {
  assert.equal(refusalOf(file('scan.tiff', 'image/tiff')).message,
    '“scan.tiff” is a TIFF image. Peek reads PNG, JPEG, GIF, BMP and WEBP images.');
});

test('an empty file is refused', () => {
  assert.deepEqual(refusalOf(file('blank.png', 'image/png', 0)), {
    title: 'That file is empty',
    message: '“blank.png” has no content (0 bytes). Choose another image.'
  });
});

test('a file over 16 MiB is refused with its size; exactly 16 MiB passes', () => {
  assert.deepEqual(refusalOf(file('huge.png', 'image/png', MAX_BYTES + 1)), {
    title: 'That file is too large',
    message: '“huge.png” is 16.0 MiB; the limit is 16 MiB. Choose a smaller or more compressed image.'
  });
  assert.equal(refusalOf(file('edge.png', 'image/png', MAX_BYTES)), null);
});

test('a pasted image without a name is called so', () => {
  assert.equal(displayName(file('', 'image/png')), 'Pasted image');
  assert.equal(refusalOf(file('', 'text/plain')).message,
    '“The pasted image” is not a supported image. Peek reads PNG, JPEG, GIF, BMP and WEBP images.');
  assert.equal(displayName(file('cat.png', 'image/png')), 'cat.png');
});

test('a pasted image is uploaded under a name with its format as extension', () => {
  assert.equal(uploadFilename(file('', 'image/jpeg')), 'pasted-image.jpeg');
  assert.equal(uploadFilename(file('', 'image/x-ms-bmp')), 'pasted-image.bmp');
  assert.equal(uploadFilename(file('', '')), 'pasted-image.png');
  assert.equal(uploadFilename(file('cat.gif', 'image/gif')), 'cat.gif');
});

test('a file is described by its size and format', () => {
  assert.equal(describeFile(file('a', 'image/pjpeg', 2048)), '2.0 KB · JPEG');
  assert.equal(describeFile(file('a', 'image/avif', 500)), '500 B · image/avif');
  assert.equal(describeFile(file('a', '', 3 * 1024 * 1024)), '3.0 MiB');
});
