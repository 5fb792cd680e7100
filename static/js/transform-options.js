// The transform panel's choices as the OPTIONS of GET /api/image/ID/t/OPTIONS, and what the panel
// says when the server refuses one. No DOM: Node's tests import it.

import { TRANSFORM } from './config.js';
import { apiErrorMessage, errorTitle } from './errors.js';

const RESIZE_MODES = ['fit', 'fill', 'force'];
const GRAVITIES = ['center', 'face', 'smart'];
const FORMATS = ['jpeg', 'png', 'webp'];

// choices, as the form gives them (text from its fields, booleans from its boxes):
//   resize ('' | fit | fill | force), width, height,
//   crop (boolean), cropWidth, cropHeight, gravity (center | face | smart, where fill and crop cut),
//   grayscale (boolean), blur (sigma; '' or 0 for none), format ('' keeps the source's | jpeg | png | webp).
// Returns {options, problems}: options the steps in the order the server applies them, joined by
// '/' ('' when a choice is wrong or none is made); problems [{field, message}], field naming the
// choice ('' for the form as a whole).
export function transformOptions(choices) {
  const steps = [], problems = [];
  const problem = (field, message) => problems.push({ field, message });

  const resize = String(choices.resize || '');
  if (resize && !RESIZE_MODES.includes(resize)) problem('resize', 'Choose fit, fill or force.');
  const gravity = String(choices.gravity || 'center');
  if (!GRAVITIES.includes(gravity)) problem('gravity', 'Choose the centre, faces or the most detailed part.');
  // The gravity step applies to the fill and the crop after it; the centre is the server's default.
  if ((resize === 'fill' || choices.crop) && gravity !== 'center' && GRAVITIES.includes(gravity)) steps.push('gravity:' + gravity);

  if (RESIZE_MODES.includes(resize)) {
    const width = side(choices.width, 'width', 'Resize width', problem);
    const height = side(choices.height, 'height', 'Resize height', problem);
    steps.push('resize:' + resize + ':' + width + ':' + height);
  }
  if (choices.crop) {
    const width = side(choices.cropWidth, 'cropWidth', 'Crop width', problem);
    const height = side(choices.cropHeight, 'cropHeight', 'Crop height', problem);
    steps.push('crop:' + width + ':' + height);
  }
  if (choices.grayscale) steps.push('grayscale');
  const sigma = blurSigma(choices.blur);
  if (sigma === null) problem('blur', 'Blur must be 0 (none) or from ' + TRANSFORM.minBlur + ' to ' + TRANSFORM.maxBlur + '.');
  else if (sigma > 0) steps.push('blur:' + sigma);
  const format = String(choices.format || '');
  if (format && !FORMATS.includes(format)) problem('format', 'Choose JPEG, PNG or WebP.');
  else if (format) steps.push('format:' + format);

  if (!steps.length && !problems.length) problem('', 'Choose at least one step.');
  return { options: problems.length ? '' : steps.join('/'), problems };
}

export function transformPath(id, options) {
  return '/api/image/' + encodeURIComponent(id) + '/t/' + options;
}

// What the panel says for an answer {status, body} that is not the image. command, when there is
// one, is shown as code after the message.
export function transformFailure(status, body) {
  if (status === 403) {
    return {
      title: 'Signed URLs only',
      message: 'This server requires signed transform URLs; ask the admin for',
      command: 'peek-admin sign-url',
      detail: 'HTTP 403'
    };
  }
  const detail = status ? 'HTTP ' + status : '';
  // A refused step's message starts with the step as written: left as it is, not made a sentence.
  if (status === 400 && body && typeof body.error === 'string' && body.error.trim()) {
    return { title: 'The server refused a step', message: body.error.trim(), command: '', detail };
  }
  const title = status === 404 ? 'No such image or route' : errorTitle(status, 'The transform failed');
  return { title, message: apiErrorMessage(status, body), command: '', detail };
}

// A whole number of pixels within the server's side limit; its text when it is not one.
function side(value, field, label, problem) {
  const text = String(value === undefined || value === null ? '' : value).trim();
  const number = /^\d+$/.test(text) ? Number(text) : NaN;
  if (number >= 1 && number <= TRANSFORM.maxSide) return number;
  problem(field, label + ' must be a whole number from 1 to ' + TRANSFORM.maxSide + '.');
  return text;
}

// The sigma with at most two decimals in its shortest spelling, 0 for none, null when out of range.
function blurSigma(value) {
  const text = String(value === undefined || value === null ? '' : value).trim();
  if (text === '') return 0;
  if (!/^(\d+\.?\d*|\.\d+)$/.test(text)) return null;
  const sigma = Math.round(Number(text) * 100) / 100;
  if (sigma === 0) return 0;
  return sigma >= TRANSFORM.minBlur && sigma <= TRANSFORM.maxBlur ? sigma : null;
}
