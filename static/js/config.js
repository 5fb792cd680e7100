// The page's fixed settings: what it accepts, how it polls, what it keeps in this browser.

// The server refuses larger uploads (nginx's client_max_body_size); checked here first so a
// person does not wait for an upload that cannot succeed.
export const MAX_BYTES = 16 * 1024 * 1024;

// Media types a browser may report for the formats Peek reads, with the name shown for each.
export const ACCEPTED_TYPES = {
  'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/pjpeg': 'JPEG', 'image/gif': 'GIF',
  'image/bmp': 'BMP', 'image/x-bmp': 'BMP', 'image/x-ms-bmp': 'BMP', 'image/webp': 'WEBP'
};

// For files a browser reports without a type, or as application/octet-stream.
export const ACCEPTED_NAME = /\.(png|jpe?g|jfif|gif|bmp|webp)$/i;

// Polling for a result: fast at first, backing off to a steady pace, giving up after a while.
export const POLL = {
  firstMs: 250,
  factor: 1.5,
  maxMs: 3000,
  afterFailureMs: 1000,   // the least pause after the server was busy or unreachable
  timeoutMs: 2 * 60 * 1000
};

// The recent list in localStorage; the key's version changes if the entries' shape does.
export const RECENT = {
  key: 'peek.recent.v1',
  max: 24
};

// Side of the square thumbnails, in pixels, stored with each recent entry.
export const THUMB_SIZE = 112;

// What the transform panel checks before asking the server: SPEC §9's default limits. The server's
// own (configurable) limits have the last word; the panel shows its refusal.
export const TRANSFORM = {
  maxSide: 4096,
  minBlur: 0.1,
  maxBlur: 20
};
