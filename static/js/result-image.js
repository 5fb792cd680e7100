// The result's image card: the web-sized copy with its face boxes, the switch that shows them, the
// download and original links. The shown image also gives the recent entry a missing thumbnail.

import { el, make } from './dom.js';
import { faceBoxes, faceLocations, imageTexts } from './insights.js';
import { thumbnailFrom } from './pictures.js';
import { recent } from './recent.js';
import { imageLinks } from './renditions.js';

// The person's choice; kept while an image without faces forces the switch off.
let showFaces = true;

// The boxes are placed in percent of the upright image, so they fit the web copy (the original
// scaled down) as they fit the original.
export function renderImage(result, insights) {
  const id = result.id;
  const links = imageLinks(result);
  el.image.onload = null;
  el.image.onerror = null;
  if (el.image.getAttribute('src') !== links.picture) el.image.src = links.picture;
  el.image.onload = () => ensureThumbnail(id);
  // A web copy that cannot be loaded gives way to the original.
  el.image.onerror = function () {
    if (el.image.getAttribute('src') !== links.original) el.image.src = links.original;
  };
  if (el.image.complete && el.image.naturalWidth) ensureThumbnail(id);

  renderFaceBoxes(insights);
  const texts = imageTexts(insights);
  el.image.alt = texts.alt;
  el.caption.textContent = texts.caption;

  if (links.annotated) {
    el.download.hidden = false;
    el.download.href = links.annotated;
    el.download.setAttribute('download', 'peek-' + id + '-annotated.jpg');
  } else {
    el.download.hidden = true;
  }
  el.original.href = links.original;
}

export function applyFaceToggle() {
  showFaces = el.toggleFaces.checked;
  el.faceLayer.classList.toggle('is-hidden', !el.toggleFaces.checked);
}

// The face boxes of the insights on a layer over their image; also the photo viewer's.
export function drawFaceBoxes(layer, insights) {
  layer.textContent = '';
  faceBoxes(insights).forEach(function (face) {
    const box = make('div', 'face-box');
    box.style.left = face.left + '%';
    box.style.top = face.top + '%';
    box.style.width = face.width + '%';
    box.style.height = face.height + '%';
    box.appendChild(make('span', 'face-tag', face.label));
    layer.appendChild(box);
  });
}

function renderFaceBoxes(insights) {
  drawFaceBoxes(el.faceLayer, insights);
  // With no face the switch is off and disabled; the person's choice returns with the next face.
  const hasFaces = faceLocations(insights).length > 0;
  el.toggleFaces.disabled = !hasFaces;
  el.toggleFaces.checked = hasFaces && showFaces;
  el.toggleLabel.textContent = hasFaces ? 'Show face boxes' : 'No face boxes to show';
  el.faceLayer.classList.toggle('is-hidden', !el.toggleFaces.checked);
}

// An entry without a thumbnail (the server made none, and the browser could not decode the picture
// while it was uploading, or this is a shared link) gets one from the shown image.
function ensureThumbnail(id) {
  const entry = recent.find(id);
  if (!entry || entry.thumb || entry.thumbPath) return;
  try {
    recent.mark(id, { thumb: thumbnailFrom(el.image) });
  } catch (e) { /* the entry keeps the placeholder */ }
}
