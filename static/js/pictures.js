// Pictures are decoded from bytes with createImageBitmap and drawn on canvases: the page never
// needs a blob: or data: image address, so it works under a Content-Security-Policy of
// default-src 'self'.

import { getImage } from './api.js';
import { THUMB_SIZE } from './config.js';
import { imagePath } from './renditions.js';

// Stored thumbnails are decoded once per page, whatever the number of times the list is drawn.
const decodedThumbnails = {};

// Upright, as the browser shows the result image: EXIF orientation applies where supported.
export function decodeImage(blob) {
  if (typeof createImageBitmap !== 'function') return Promise.reject(new Error('createImageBitmap is missing'));
  return createImageBitmap(blob, { imageOrientation: 'from-image' }).catch(() => createImageBitmap(blob));
}

// A recent entry's picture, decoded, for a preview: the server's thumbnail once there is one, else
// the one made in the browser; null without either.
export function entryPicture(entry) {
  const path = imagePath(entry.thumbPath);
  if (path) {
    return getImage(path).then((answer) => answer.ok ? decodeImage(answer.blob) : Promise.reject(new Error('HTTP ' + answer.status)));
  }
  return entry.thumb ? decodeDataUrl(entry.thumb) : null;
}

// A stored "data:image/jpeg;base64,…" thumbnail, decoded without ever being used as an address.
export function decodeDataUrl(url) {
  if (decodedThumbnails[url]) return decodedThumbnails[url];
  const match = /^data:([a-z]+\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=]+)$/i.exec(String(url || ''));
  if (!match) return Promise.reject(new Error('not a data URL'));
  let binary;
  try { binary = atob(match[2]); } catch (e) { return Promise.reject(e); }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const decoded = decodeImage(new Blob([bytes], { type: match[1] }));
  decodedThumbnails[url] = decoded;
  decoded.catch(() => { delete decodedThumbnails[url]; });
  return decoded;
}

// Draws a bitmap or an image on the canvas at most maxSide pixels on its longer side.
export function drawInto(canvas, source, maxSide) {
  const w = source.naturalWidth || source.width, h = source.naturalHeight || source.height;
  const scale = Math.min(1, maxSide / Math.max(w, h));
  canvas.width = Math.max(1, Math.round(w * scale));
  canvas.height = Math.max(1, Math.round(h * scale));
  canvas.getContext('2d').drawImage(source, 0, 0, canvas.width, canvas.height);
}

// The centre square of a bitmap or an image as a small JPEG data URL, kept with a recent entry.
// Throws for an image with no pixels.
export function thumbnailFrom(source) {
  const w = source.naturalWidth || source.width, h = source.naturalHeight || source.height;
  if (!w || !h) throw new Error('empty image');
  const canvas = document.createElement('canvas');
  canvas.width = THUMB_SIZE;
  canvas.height = THUMB_SIZE;
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';   // transparent pixels would turn black in a JPEG
  context.fillRect(0, 0, THUMB_SIZE, THUMB_SIZE);
  const side = Math.min(w, h);
  context.drawImage(source, (w - side) / 2, (h - side) / 2, side, side, 0, 0, THUMB_SIZE, THUMB_SIZE);
  return canvas.toDataURL('image/jpeg', 0.72);
}

// A thumbnail on the canvas it belongs to; data-ready says it is drawn, is-broken that it cannot be.
export function drawThumbnail(canvas, dataUrl) {
  decodeDataUrl(dataUrl).then(function (bitmap) {
    canvas.getContext('2d').drawImage(bitmap, 0, 0, THUMB_SIZE, THUMB_SIZE);
    canvas.setAttribute('data-ready', '1');
  }, () => canvas.classList.add('is-broken'));
}
