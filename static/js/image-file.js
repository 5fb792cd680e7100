// What the page accepts from a chosen, dropped or pasted file, and how it names that file.
// Checked before uploading, so a wrong file costs no upload; the server checks again.

import { ACCEPTED_NAME, ACCEPTED_TYPES, MAX_BYTES } from './config.js';
import { formatBytes } from './format.js';

// A pasted image has no name.
export function displayName(file) {
  return file.name || 'Pasted image';
}

export function uploadFilename(file) {
  return file.name || 'pasted-image.' + (ACCEPTED_TYPES[file.type] || 'png').toLowerCase();
}

// "1.2 MiB · JPEG": the size and the format the browser reports.
export function describeFile(file) {
  return formatBytes(file.size) + (file.type ? ' · ' + (ACCEPTED_TYPES[file.type] || file.type) : '');
}

// Why the file cannot be analysed, as a notice's title and message; null when it can be sent.
export function refusalOf(file) {
  const name = file.name || 'The pasted image';
  if (!isAccepted(file, name)) {
    const type = (file.type || '').toLowerCase();
    const what = type.indexOf('image/') === 0 ? 'a ' + type.slice(6).toUpperCase() + ' image' : 'not a supported image';
    return {
      title: 'That file type is not supported',
      message: '“' + name + '” is ' + what + '. Peek reads PNG, JPEG, GIF, BMP and WEBP images.'
    };
  }
  if (file.size === 0) {
    return { title: 'That file is empty', message: '“' + name + '” has no content (0 bytes). Choose another image.' };
  }
  if (file.size > MAX_BYTES) {
    return {
      title: 'That file is too large',
      message: '“' + name + '” is ' + formatBytes(file.size) + '; the limit is 16 MiB. Choose a smaller or more compressed image.'
    };
  }
  return null;
}

// Browsers report some images without a type or as application/octet-stream: the name decides then.
function isAccepted(file, name) {
  const type = (file.type || '').toLowerCase();
  if (!type) return ACCEPTED_NAME.test(name);
  return !!ACCEPTED_TYPES[type] || (type === 'application/octet-stream' && ACCEPTED_NAME.test(name));
}
