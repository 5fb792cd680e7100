// Telling the person something: the notice (an error or a warning with the action that makes
// sense for it), the short toast, and the announcer that screen readers read.

import { el } from './dom.js';

let retryAction = null;
let toastTimer = null;

// options: title, message, detail, info (a warning rather than an error), retry (the button's
// action), retryLabel, focus (false keeps the focus where it is).
export function showNotice(options) {
  el.noticeTitle.textContent = options.title;
  el.noticeMessage.textContent = options.message;
  el.noticeDetail.textContent = options.detail || '';
  el.notice.classList.toggle('is-info', !!options.info);
  retryAction = options.retry;
  el.noticeRetry.textContent = options.retryLabel || 'Try again';
  el.notice.hidden = false;
  if (options.focus !== false) el.noticeRetry.focus({ preventScroll: true });
  el.notice.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

export function hideNotice() {
  el.notice.hidden = true;
  el.notice.classList.remove('is-info');
  retryAction = null;
}

export function retryFromNotice() {
  const action = retryAction;
  hideNotice();
  action();
}

export function dismissNotice() {
  hideNotice();
  el.choose.focus();
}

export function toast(message) {
  el.toast.textContent = message;
  el.toast.classList.add('is-visible');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.toast.classList.remove('is-visible'), 2200);
}

// Emptied first, then set a moment later: screen readers announce a text that reappears unchanged.
export function announce(text) {
  el.announcer.textContent = '';
  setTimeout(() => { el.announcer.textContent = text; }, 50);
}
