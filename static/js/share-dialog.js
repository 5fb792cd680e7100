// The share dialog of an album: a new link with an optional password and expiry, shown once with
// its copy button (the server keeps only its hash); the album's links with their state, each with
// the button that revokes, restores or un-expires it, and one that deletes it.

import { copyText } from './clipboard.js';
import { el, make } from './dom.js';
import { apiErrorMessage } from './errors.js';
import { closeOnBackdrop, openModal } from './modal.js';
import { ownerApi } from './owner-api.js';
import { EXPIRY_CHOICES, newShareBody, passwordProblem, shareFacts, shareLink, stateAction, stateLabel } from './share-state.js';

let album = null;   // the album being shared
let turn = 0;       // a later list wins over one still coming

export function listenForShares() {
  EXPIRY_CHOICES.forEach(function ([value, label]) {
    const option = make('option', null, label);
    option.value = value;
    el.shareExpiry.appendChild(option);
  });
  el.shareForm.addEventListener('submit', function (event) {
    event.preventDefault();
    createShare();
  });
  el.shareCopy.addEventListener('click', function () {
    copyText(el.shareUrl.value).then(() => say('Link copied.'), () => say('Could not copy: select the link and copy it.'));
  });
  el.shareClose.addEventListener('click', () => el.shareDialog.close());
  // The link shown once goes with the dialog.
  el.shareDialog.addEventListener('close', function () {
    el.shareNew.hidden = true;
    el.shareUrl.value = '';
  });
  closeOnBackdrop(el.shareDialog);
}

export function openShareDialog(shared) {
  album = shared;
  el.shareTitle.textContent = 'Share “' + (album.title || 'Album') + '”';
  el.shareForm.reset();
  el.shareError.textContent = '';
  el.shareNew.hidden = true;
  el.shareList.textContent = '';
  openModal(el.shareDialog, { focus: el.shareForm.elements.namedItem('password') });
  loadShares('Loading the links…');
}

function say(text) {
  el.shareStatus.textContent = text;
}

function loadShares(status) {
  const mine = ++turn;
  const id = album.id;
  if (status) say(status);
  return ownerApi.listShares(id).then(function ({ status: code, body }) {
    if (mine !== turn) return;
    if (code !== 200 || !body || !Array.isArray(body.shares)) {
      say('Could not load the links. ' + apiErrorMessage(code, body));
      return;
    }
    renderShares(body.shares);
    if (status) say(body.shares.length ? '' : 'No links yet: anyone you give a link to sees the album.');
  }, () => { if (mine === turn) say(apiErrorMessage(0, null)); });
}

function renderShares(shares) {
  el.shareList.textContent = '';
  shares.forEach((share) => el.shareList.appendChild(shareItem(share)));
}

function shareItem(share) {
  const item = make('li', 'share-item');
  item.setAttribute('data-id', share.id);
  const label = stateLabel(share);
  item.setAttribute('data-state', label.text.toLowerCase());
  const text = make('div', 'share-text');
  text.appendChild(make('span', 'chip ' + label.level, label.text));
  text.appendChild(make('span', 'share-facts', shareFacts(share)));
  const buttons = make('div', 'share-buttons');
  const action = stateAction(share);
  buttons.appendChild(button(action.label, 'the link made ' + shareFacts(share), () => changeShare(share, action)));
  buttons.appendChild(button('Delete', 'the link made ' + shareFacts(share), () => deleteShare(share), 'danger'));
  item.appendChild(text);
  item.appendChild(buttons);
  return item;
}

// A button named for screen readers with the link it acts on ("Revoke the link made …").
function button(text, what, action, extra) {
  const node = make('button', 'button small ghost' + (extra ? ' ' + extra : ''), text);
  node.type = 'button';
  node.setAttribute('aria-label', text + ' ' + what);
  node.addEventListener('click', action);
  return node;
}

function createShare() {
  const fields = el.shareForm.elements;
  const password = fields.namedItem('password').value;
  const problem = passwordProblem(password);
  if (problem) {
    el.shareError.textContent = problem;
    fields.namedItem('password').focus();
    return;
  }
  el.shareError.textContent = '';
  el.shareCreate.disabled = true;
  ownerApi.createShare(album.id, newShareBody(password, fields.namedItem('expiry').value)).then(function ({ status, body }) {
    el.shareCreate.disabled = false;
    const link = status === 201 ? shareLink(location.origin, body) : null;
    if (!link) {
      el.shareError.textContent = 'Could not make the link. ' + apiErrorMessage(status, body);
      return;
    }
    fields.namedItem('password').value = '';
    el.shareNew.hidden = false;
    el.shareUrl.value = link;
    el.shareUrl.focus();
    el.shareUrl.select();
    say('Link made. Copy it now: it is shown only once.');
    loadShares();
  }, function () {
    el.shareCreate.disabled = false;
    el.shareError.textContent = apiErrorMessage(0, null);
  });
}

function changeShare(share, action) {
  ownerApi.updateShare(album.id, share.id, action.changes).then(function ({ status, body }) {
    if (status !== 200) { say('Could not change the link. ' + apiErrorMessage(status, body)); return; }
    say({ Revoke: 'Link revoked: it no longer opens the album.', Restore: 'Link restored.' }[action.label] || 'The link no longer expires.');
    refocusAfter(share.id, loadShares());
  }, () => say(apiErrorMessage(0, null)));
}

function deleteShare(share) {
  if (!window.confirm('Delete this link? Whoever has it can no longer open the album.')) return;
  ownerApi.deleteShare(album.id, share.id).then(function ({ status, body }) {
    if (status !== 204 && status !== 404) { say('Could not delete the link. ' + apiErrorMessage(status, body)); return; }
    say('Link deleted.');
    refocusAfter(null, loadShares());
  }, () => say(apiErrorMessage(0, null)));
}

// The list is drawn anew: the focus goes to the same link's first button, or to the form.
function refocusAfter(shareId, loaded) {
  loaded.then(function () {
    const item = shareId && el.shareList.querySelector('[data-id="' + CSS.escape(shareId) + '"] button');
    (item || el.shareCreate).focus();
  });
}
