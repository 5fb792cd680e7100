// Copying text: the Clipboard API where the page is a secure context, else the older
// execCommand('copy') on a hidden text area (plain http on a LAN address, older browsers).

export function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text).catch(() => copyWithTextArea(text));
  }
  return copyWithTextArea(text);
}

function copyWithTextArea(text) {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.appendChild(area);
  area.select();
  let copied = false;
  try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
  document.body.removeChild(area);
  return copied ? Promise.resolve() : Promise.reject(new Error('copy failed'));
}
