// What an API error means to a person: a title by HTTP status, the server's own message as a
// sentence, and whether trying again may help. Status 0 stands for "no answer at all".

import { sentence } from './format.js';

const TITLES = {
  0: 'Cannot reach the Peek server',
  400: 'The server could not use that request',
  404: 'Analysis not found',
  405: 'The server refused that request',
  408: 'The upload took too long',
  413: 'That file is too large',
  415: 'That file type is not supported',
  422: 'That image could not be read',
  429: 'Too many uploads right now',
  500: 'Something went wrong on the server',
  502: 'Peek is temporarily unavailable',
  503: 'Peek is temporarily unavailable',
  504: 'The server took too long to answer'
};

export function errorTitle(status, fallback) {
  return TITLES[status] || fallback;
}

export function isTransient(status) {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

// Every Peek error body is {"error": "…"}; anything else (an HTML page from a proxy) is not shown.
export function apiErrorMessage(status, body) {
  if (body && typeof body.error === 'string' && body.error.trim()) return sentence(body.error);
  if (status === 0) return 'The server did not answer. It may be down, or your connection may have dropped.';
  return 'The server answered with HTTP status ' + status + '.';
}
