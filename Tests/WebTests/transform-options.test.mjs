import assert from 'node:assert/strict';
import { test } from 'node:test';

import { transformFailure, transformOptions, transformPath } from '../../static/js/transform-options.js';

// The panel's fields as a fresh form has them, with the given changes.
const form = (changes = {}) => Object.assign({
  resize: '', width: '400', height: '400', crop: false, cropWidth: '300', cropHeight: '300',
  gravity: 'center', grayscale: false, blur: '0', format: ''
}, changes);

const options = (changes) => transformOptions(form(changes)).options;
const problems = (changes) => transformOptions(form(changes)).problems;

test('each resize mode is one step with its width and height', () => {
  assert.equal(options({ resize: 'fit', width: '800', height: '600' }), 'resize:fit:800:600');
  assert.equal(options({ resize: 'fill' }), 'resize:fill:400:400');
  assert.equal(options({ resize: 'force', width: ' 12 ', height: '034' }), 'resize:force:12:34');
});

test('a gravity other than the centre comes first, and only when a fill or a crop cuts', () => {
  assert.equal(options({ resize: 'fill', gravity: 'face' }), 'gravity:face/resize:fill:400:400');
  assert.equal(options({ resize: 'fill', gravity: 'smart' }), 'gravity:smart/resize:fill:400:400');
  assert.equal(options({ resize: 'fill', gravity: 'center' }), 'resize:fill:400:400');
  assert.equal(options({ resize: 'fit', gravity: 'face' }), 'resize:fit:400:400');
  assert.equal(options({ crop: true, gravity: 'face' }), 'gravity:face/crop:300:300');
});

test('the steps come in the order the server applies them: gravity, resize, crop, filters, format', () => {
  const all = { resize: 'fit', width: '1000', height: '1000', crop: true, gravity: 'face', grayscale: true, blur: '2.5', format: 'webp' };
  assert.equal(options(all), 'gravity:face/resize:fit:1000:1000/crop:300:300/grayscale/blur:2.5/format:webp');
});

test('blur has at most two decimals in its shortest spelling, and 0 or nothing is no blur', () => {
  assert.equal(options({ blur: '2' }), 'blur:2');
  assert.equal(options({ blur: '1.50' }), 'blur:1.5');
  assert.equal(options({ blur: '.25' }), 'blur:0.25');
  assert.equal(options({ blur: '0.333' }), 'blur:0.33');
  assert.equal(options({ blur: '20', grayscale: true }), 'grayscale/blur:20');
  assert.equal(options({ blur: '', grayscale: true }), 'grayscale');
  assert.equal(options({ blur: '0.0', grayscale: true }), 'grayscale');
});

test('each format is a step; none keeps the source\'s', () => {
  for (const format of ['jpeg', 'png', 'webp']) assert.equal(options({ format }), 'format:' + format);
  assert.equal(options({ format: '', grayscale: true }), 'grayscale');
});

test('sizes must be whole numbers from 1 to 4096, named by their field', () => {
  for (const width of ['0', '4097', '12.5', '-3', '', 'abc', '1e3']) {
    const found = problems({ resize: 'fill', width });
    assert.deepEqual(found, [{ field: 'width', message: 'Resize width must be a whole number from 1 to 4096.' }], width);
    assert.equal(transformOptions(form({ resize: 'fill', width })).options, '', width);
  }
  assert.deepEqual(problems({ resize: 'fill', height: '5000' }).map((problem) => problem.field), ['height']);
  assert.deepEqual(problems({ crop: true, cropWidth: '0', cropHeight: '0' }).map((problem) => problem.field), ['cropWidth', 'cropHeight']);
  assert.equal(problems({ crop: true, cropWidth: '0' })[0].message, 'Crop width must be a whole number from 1 to 4096.');
  assert.equal(options({ resize: 'force', width: '1', height: '4096' }), 'resize:force:1:4096');
});

test('the sizes of an unchosen step are not checked', () => {
  assert.equal(options({ resize: '', width: 'nonsense', crop: false, cropHeight: '0', grayscale: true }), 'grayscale');
});

test('blur outside 0.1 to 20 is a problem', () => {
  for (const blur of ['0.05', '20.01', '-1', 'x', '1e1']) {
    assert.deepEqual(problems({ blur }), [{ field: 'blur', message: 'Blur must be 0 (none) or from 0.1 to 20.' }], blur);
  }
});

test('values no field offers are problems, not steps', () => {
  assert.deepEqual(problems({ resize: 'stretch' }).map((problem) => problem.field), ['resize']);
  assert.deepEqual(problems({ resize: 'fill', gravity: 'north' }).map((problem) => problem.field), ['gravity']);
  assert.deepEqual(problems({ format: 'gif' }).map((problem) => problem.field), ['format']);
});

test('no step at all is a problem of the whole form', () => {
  assert.deepEqual(transformOptions(form()), { options: '', problems: [{ field: '', message: 'Choose at least one step.' }] });
});

test('the address puts the encoded id before /t/ and the options after it', () => {
  assert.equal(transformPath('Xq3n0c1D4mV7Zb2kQ9rT1w', 'resize:fit:10:10/grayscale'),
    '/api/image/Xq3n0c1D4mV7Zb2kQ9rT1w/t/resize:fit:10:10/grayscale');
  assert.equal(transformPath('a/b', 'grayscale'), '/api/image/a%2Fb/t/grayscale');
});

test('a 403 says the server wants signed addresses and names the command that makes them', () => {
  assert.deepEqual(transformFailure(403, { error: 'a signature is required' }), {
    title: 'Signed URLs only',
    message: 'This server requires signed transform URLs; ask the admin for',
    command: 'peek-admin sign-url',
    detail: 'HTTP 403'
  });
});

test('a 400 shows the server\'s message as it is, starting with the step as written', () => {
  const failure = transformFailure(400, { error: 'resize:fit:0:10: width must be 1…4096' });
  assert.equal(failure.title, 'The server refused a step');
  assert.equal(failure.message, 'resize:fit:0:10: width must be 1…4096');
  assert.equal(failure.detail, 'HTTP 400');
  assert.equal(failure.command, '');
  assert.equal(transformFailure(400, null).message, 'The server answered with HTTP status 400.');
});

test('other refusals and no answer at all have their own titles', () => {
  assert.equal(transformFailure(404, { error: 'no image with id X' }).title, 'No such image or route');
  assert.equal(transformFailure(503, null).title, 'Peek is temporarily unavailable');
  assert.equal(transformFailure(503, null).message, 'The server answered with HTTP status 503.');
  assert.equal(transformFailure(418, null).title, 'The transform failed');
  const none = transformFailure(0, null);
  assert.equal(none.title, 'Cannot reach the Peek server');
  assert.equal(none.detail, '');
});
