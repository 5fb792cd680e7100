// The server indicator in the header, from GET /api/health.

import { getHealth } from './api.js';
import { el } from './dom.js';

// Resolves to whether the server answered with a success status.
export function checkHealth() {
  return getHealth().then(function ({ status, ok, body }) {
    const health = body || {};
    if (ok && health.status === 'ok') setServerState('ok', 'Server online');
    else setServerState('degraded', 'Server degraded', health.reason || health.error || 'HTTP ' + status);
    return ok;
  }, function () {
    setServerState('down', 'Server unreachable');
    return false;
  });
}

function setServerState(state, text, title) {
  el.serverStatus.setAttribute('data-state', state);
  el.serverStatusText.textContent = text;
  if (title) el.serverStatus.title = title;
  else el.serverStatus.removeAttribute('title');
}
