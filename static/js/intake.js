// Where images come from: the file chooser (its button or a click on the drop zone), a file
// dragged anywhere onto the page, or an image pasted from the clipboard.

import { el } from './dom.js';
import { toast } from './feedback.js';

// Nested elements fire dragenter and dragleave in pairs; the overlay goes when the count is 0.
let dragDepth = 0;

export function chooseFile() {
  el.fileInput.value = '';   // choosing the same file again still fires "change"
  el.fileInput.click();
}

// take(file) receives each file the person gives the page.
export function listenForFiles(take) {
  el.choose.addEventListener('click', function (event) {
    event.stopPropagation();
    chooseFile();
  });
  el.dropzone.addEventListener('click', function (event) {
    if (event.target.closest('button, a, input')) return;
    chooseFile();
  });
  el.fileInput.addEventListener('change', function () {
    const file = el.fileInput.files && el.fileInput.files[0];
    if (file) take(file);
  });
  listenForDrops(take);
  document.addEventListener('paste', (event) => pasted(event, take));
}

function listenForDrops(take) {
  window.addEventListener('dragenter', function (event) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    dragDepth += 1;
    showDropTarget(true);
  });
  window.addEventListener('dragover', function (event) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('dragleave', function (event) {
    if (!hasFiles(event)) return;
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) showDropTarget(false);
  });
  window.addEventListener('drop', function (event) {
    if (!event.dataTransfer) return;
    event.preventDefault();   // else the browser opens the dropped file itself
    dragDepth = 0;
    showDropTarget(false);
    const files = event.dataTransfer.files;
    if (!files || !files.length) return;
    if (files.length > 1) toast('Only the first of ' + files.length + ' files is analysed');
    take(files[0]);
  });
}

// Dragged text or links are left to the browser.
function hasFiles(event) {
  const types = event.dataTransfer && event.dataTransfer.types;
  return !!types && Array.prototype.indexOf.call(types, 'Files') !== -1;
}

function showDropTarget(shown) {
  el.dropOverlay.hidden = !shown;
  el.dropzone.classList.toggle('is-over', shown);
}

// Pasted text is left to the page's fields; only a pasted file is taken.
function pasted(event, take) {
  const data = event.clipboardData;
  if (!data) return;
  let file = null;
  if (data.files && data.files.length) file = data.files[0];
  if (!file && data.items) {
    for (let i = 0; i < data.items.length; i++) {
      if (data.items[i].kind === 'file') { file = data.items[i].getAsFile(); if (file) break; }
    }
  }
  if (!file) return;
  event.preventDefault();
  take(file);
}
