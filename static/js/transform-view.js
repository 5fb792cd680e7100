// The result's Transform card: its form builds the address /api/image/ID/t/OPTIONS as the person
// changes it; Show fetches that image and draws it on a canvas; Copy URL copies the address. A
// refusal (a bad step, an unsigned address on a server that signs them) is said in the card.

import { getImage } from './api.js';
import { copyText } from './clipboard.js';
import { el, make } from './dom.js';
import { toast } from './feedback.js';
import { formatBytes } from './format.js';
import { decodeImage, drawInto } from './pictures.js';
import { transformFailure, transformOptions, transformPath } from './transform-options.js';

// The drawn picture's longer side at most: the output may be 4096 px, the card is far smaller.
const MAX_DRAWN_SIDE = 2048;

const UNDECODABLE = {
  title: 'The picture could not be shown',
  message: 'The server sent an image this browser cannot decode.',
  command: '',
  detail: ''
};

let imageId = null;   // the analysis the card transforms
let turn = 0;         // a later Show, or another result, wins over an answer still coming

export function listenForTransform() {
  el.transformForm.addEventListener('input', updateAddress);
  el.transformForm.addEventListener('change', updateAddress);
  el.transformForm.addEventListener('submit', function (event) {
    event.preventDefault();
    showTransform();
  });
  el.transformCopy.addEventListener('click', copyAddress);
}

// Another result on screen: the choices stay, the last picture and message go.
export function renderTransform(result) {
  imageId = result.id;
  turn++;
  showPicture(null);
  showFailure(null);
  setBusy(false);
  el.transformStatus.textContent = '';
  updateAddress();
}

// The form's choices, read by the fields' names (transformOptions documents them).
function choices() {
  const fields = el.transformForm.elements;
  const value = (name) => fields.namedItem(name).value;
  const checked = (name) => fields.namedItem(name).checked;
  return {
    resize: value('resize'), width: value('width'), height: value('height'),
    crop: checked('crop'), cropWidth: value('cropWidth'), cropHeight: value('cropHeight'), gravity: value('gravity'),
    grayscale: checked('grayscale'), blur: value('blur'), format: value('format')
  };
}

// The plan for the current choices, with the fields it needs enabled and the wrong ones marked.
function updateAddress() {
  const chosen = choices();
  const fields = el.transformForm.elements;
  ['width', 'height'].forEach((name) => { fields.namedItem(name).disabled = !chosen.resize; });
  ['cropWidth', 'cropHeight'].forEach((name) => { fields.namedItem(name).disabled = !chosen.crop; });
  const plan = transformOptions(chosen);
  const wrong = new Set(plan.problems.map((problem) => problem.field));
  Array.prototype.forEach.call(fields, function (field) {
    if (!field.name) return;
    if (wrong.has(field.name)) {
      field.setAttribute('aria-invalid', 'true');
      field.setAttribute('aria-errormessage', 'tf-problems');
    } else {
      field.removeAttribute('aria-invalid');
      field.removeAttribute('aria-errormessage');
    }
  });
  el.transformProblems.textContent = plan.problems.map((problem) => problem.message).join(' ');
  const path = plan.options && imageId ? transformPath(imageId, plan.options) : '';
  el.transformUrl.value = path ? location.origin + path : '';
  el.transformCopy.disabled = !path;
  return { plan, path };
}

function showTransform() {
  const { plan, path } = updateAddress();
  if (!path) {
    const first = plan.problems.find((problem) => problem.field);
    if (first) el.transformForm.elements.namedItem(first.field).focus();
    return;
  }
  const mine = ++turn;
  setBusy(true);
  showFailure(null);
  el.transformStatus.textContent = 'Transforming…';
  // Below the form on a narrow screen: brought into view, so the answer is seen.
  el.transformOutput.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  const failed = function (failure) {
    if (mine !== turn) return;
    setBusy(false);
    showPicture(null);
    showFailure(failure);
    el.transformStatus.textContent = '';
  };
  getImage(path).then(function (answer) {
    if (mine !== turn) return;
    if (!answer.ok) {
      failed(transformFailure(answer.status, answer.body));
      return;
    }
    decodeImage(answer.blob).then(function (bitmap) {
      if (mine !== turn) return;
      setBusy(false);
      showPicture(bitmap);
      el.transformStatus.textContent = caption(bitmap, answer.blob);
    }, () => failed(UNDECODABLE));
  }, () => failed(transformFailure(0, null)));
}

// bitmap: the decoded answer to draw, or null to clear the picture.
function showPicture(bitmap) {
  const canvas = el.transformCanvas;
  canvas.removeAttribute('data-ready');
  if (!bitmap) {
    canvas.width = 1;
    canvas.height = 1;
    canvas.hidden = true;
    el.transformPlaceholder.hidden = false;
    return;
  }
  drawInto(canvas, bitmap, MAX_DRAWN_SIDE);
  canvas.setAttribute('aria-label', 'The transformed image, ' + bitmap.width + ' × ' + bitmap.height + ' px');
  canvas.setAttribute('data-ready', '1');
  canvas.hidden = false;
  el.transformPlaceholder.hidden = true;
}

// "400 × 400 px · WEBP · 23 KB"
function caption(bitmap, blob) {
  const type = String(blob.type || '').replace(/^image\//, '').toUpperCase();
  return [bitmap.width + ' × ' + bitmap.height + ' px', type, formatBytes(blob.size)].filter(Boolean).join(' · ');
}

// failure: what transformFailure gives, or null to hide the message.
function showFailure(failure) {
  el.transformError.hidden = !failure;
  if (!failure) return;
  el.transformErrorTitle.textContent = failure.title;
  el.transformErrorMessage.textContent = failure.message;
  if (failure.command) {
    el.transformErrorMessage.append(' ', make('code', '', failure.command), '.');
  }
  el.transformErrorDetail.textContent = failure.detail;
}

function setBusy(busy) {
  el.transformOutput.setAttribute('aria-busy', busy ? 'true' : 'false');
  el.transformOutput.classList.toggle('is-loading', busy);
}

function copyAddress() {
  const url = el.transformUrl.value;
  if (!url) return;
  copyText(url).then(() => toast('Transform URL copied'), () => toast('Could not copy the URL'));
}
