// The recent list on the page, drawn from the store; its links open an analysis in place.

import { THUMB_SIZE } from './config.js';
import { el, make } from './dom.js';
import { toast } from './feedback.js';
import { relativeTime } from './format.js';
import { drawThumbnail } from './pictures.js';
import { recent } from './recent.js';
import { imagePath } from './renditions.js';
import { isPlainClick, navigate, resultPath } from './router.js';
import { current } from './session.js';
import { summaryColors, summaryLine } from './summary.js';

export function renderRecent() {
  const list = recent.load();
  el.recentList.textContent = '';
  el.recentEmpty.hidden = list.length > 0;
  el.clearRecent.hidden = list.length === 0;
  list.forEach(function (entry) {
    const item = make('li');
    item.appendChild(recentLink(entry));
    el.recentList.appendChild(item);
  });
}

export function clearRecent() {
  recent.clear();
  toast('Recent analyses cleared');
  el.choose.focus();
}

function recentLink(entry) {
  const path = resultPath(entry.id);
  const link = make('a', 'recent-item');
  link.href = path;
  link.setAttribute('data-id', entry.id);
  if (entry.id === current.id) link.setAttribute('aria-current', 'page');
  link.appendChild(thumbnail(entry));
  const text = make('span', 'recent-text');
  text.appendChild(make('span', 'recent-name', entry.name || 'Image'));
  text.appendChild(make('span', 'recent-meta', relativeTime(entry.at || Date.now()) + ' · ' + summaryLine(entry)));
  const colors = summaryColors(entry);
  if (colors.length) text.appendChild(colorDots(colors));
  link.appendChild(text);
  link.addEventListener('click', function (event) {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    navigate(path);
  });
  return link;
}

// The server's thumbnail once the analysis completed (cropped to a square by the style), before
// that the one the browser made while uploading, and Peek's icon for an entry with neither.
function thumbnail(entry) {
  const path = imagePath(entry.thumbPath);
  if (path) return serverThumbnail(path);
  if (!entry.thumb) return placeholder();
  const canvas = make('canvas', 'recent-thumb');
  canvas.width = THUMB_SIZE;
  canvas.height = THUMB_SIZE;
  canvas.setAttribute('aria-hidden', 'true');
  drawThumbnail(canvas, entry.thumb);
  return canvas;
}

function serverThumbnail(path) {
  const image = make('img', 'recent-thumb');
  image.alt = '';
  image.width = 56;
  image.height = 56;
  image.loading = 'lazy';
  image.decoding = 'async';
  image.addEventListener('error', () => image.replaceWith(placeholder()), { once: true });
  image.src = path;
  return image;
}

function placeholder() {
  const icon = make('img', 'recent-thumb is-placeholder');
  icon.alt = '';
  icon.width = 56;
  icon.height = 56;
  icon.src = '/favicon.svg';
  return icon;
}

function colorDots(colors) {
  const dots = make('span', 'recent-dots');
  dots.setAttribute('aria-hidden', 'true');
  colors.forEach(function (hex) {
    const dot = make('span');
    dot.style.background = hex;
    dots.appendChild(dot);
  });
  return dots;
}
