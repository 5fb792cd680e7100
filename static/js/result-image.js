// The result's image card: the original with its face boxes, the switch that shows them, the
// download and original links. The shown image also gives the recent entry a missing thumbnail.

import { el, make } from './dom.js';
import { faceBoxes, faceLocations, imageTexts } from './insights.js';
import { thumbnailFrom } from './pictures.js';
import { recent } from './recent.js';

// The person's choice; kept while an image without faces forces the switch off.
let showFaces = true;

export function renderImage(result, insights) {
  const id = result.id;
  const links = result.links || {};
  const originalUrl = links.original || '/api/image/' + encodeURIComponent(id) + '/original';
  el.image.onload = null;
  if (el.image.getAttribute('src') !== originalUrl) el.image.src = originalUrl;
  el.image.onload = () => ensureThumbnail(id);
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
  el.original.href = originalUrl;
}

export function applyFaceToggle() {
  showFaces = el.toggleFaces.checked;
  el.faceLayer.classList.toggle('is-hidden', !el.toggleFaces.checked);
}

function renderFaceBoxes(insights) {
  el.faceLayer.textContent = '';
  faceBoxes(insights).forEach(function (face) {
    const box = make('div', 'face-box');
    box.style.left = face.left + '%';
    box.style.top = face.top + '%';
    box.style.width = face.width + '%';
    box.style.height = face.height + '%';
    box.appendChild(make('span', 'face-tag', face.label));
    el.faceLayer.appendChild(box);
  });
  // With no face the switch is off and disabled; the person's choice returns with the next face.
  const hasFaces = faceLocations(insights).length > 0;
  el.toggleFaces.disabled = !hasFaces;
  el.toggleFaces.checked = hasFaces && showFaces;
  el.toggleLabel.textContent = hasFaces ? 'Show face boxes' : 'No face boxes to show';
  el.faceLayer.classList.toggle('is-hidden', !el.toggleFaces.checked);
}

// An entry without a thumbnail (a shared link, or a picture the browser could not decode while it
// was uploading) gets one from the shown image.
function ensureThumbnail(id) {
  const entry = recent.find(id);
  if (!entry || entry.thumb) return;
  try {
    recent.mark(id, { thumb: thumbnailFrom(el.image) });
  } catch (e) { /* the entry keeps the placeholder */ }
}
