// Numbers, sizes, times and short texts as the page shows them. No DOM: Node's tests import it.

export function formatBytes(bytes) {
  if (bytes < 1024) return bytes + ' B';
  if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(bytes < 10240 ? 1 : 0) + ' KB';
  return (bytes / 1024 / 1024).toFixed(1) + ' MiB';
}

// A dash stands for a value the server did not send.
export function formatNumber(value, digits) {
  if (typeof value !== 'number' || !isFinite(value)) return '–';
  return value.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function formatDuration(ms) {
  if (typeof ms !== 'number' || !isFinite(ms)) return '–';
  return ms < 1000 ? Math.round(ms) + ' ms' : (ms / 1000).toFixed(ms < 10000 ? 1 : 0) + ' s';
}

// An empty text for a date the server did not send or that does not parse.
export function formatDate(value) {
  const date = value instanceof Date ? value : new Date(value);
  if (isNaN(date.getTime())) return '';
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function relativeTime(timestamp, now = Date.now()) {
  const seconds = Math.round((now - timestamp) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes + ' min ago';
  const hours = Math.round(minutes / 60);
  if (hours < 24) return hours + ' h ago';
  return new Date(timestamp).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

export function capitalise(text) {
  const trimmed = String(text || '').trim();
  return trimmed ? trimmed.charAt(0).toUpperCase() + trimmed.slice(1) : trimmed;
}

// The server's messages are lower-case fragments ("no image with id …"); the page shows sentences.
export function sentence(text) {
  const capitalised = capitalise(text);
  return capitalised && !/[.!?]$/.test(capitalised) ? capitalised + '.' : capitalised;
}

export function plural(count, one, many) {
  return count + ' ' + (count === 1 ? one : many);
}

export function clamp(value, low, high) {
  return Math.min(high, Math.max(low, value));
}

// Colours reach style properties, so only plain #rrggbb values are used.
export function isValidColor(hex) {
  return typeof hex === 'string' && /^#[0-9a-f]{6}$/i.test(hex);
}
