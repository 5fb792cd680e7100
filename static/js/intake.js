// Where images come from: the file chooser (its button or a click on the drop zone), a file
// dragged anywhere onto the page, or an image pasted from the clipboard. Dropped and pasted files
// go to the page on screen: the home page analyses the first, an album takes them all, a page
// without an upload takes none.

import { el } from './dom.js';
import { toast } from './feedback.js';

const ANALYSE = 'Drop the image to analyse it';

// Nested elements fire dragenter and dragleave in pairs; the overlay goes when the count is 0.
let dragDepth = 0;

// null: the analysis upload; a page's {take(files), zone, label}; false: no upload on this page.
let target = null;

export function setDropTarget(next) {
  target = next;
  dragDepth = 0;
  showDropTarget(false);
}

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
    if (!hasFiles(event) || target === false) return;
    event.preventDefault();
    dragDepth += 1;
    showDropTarget(true);
  });
  window.addEventListener('dragover', function (event) {
    if (!hasFiles(event)) return;
    event.preventDefault();   // also where nothing is taken, else the browser opens the file
    event.dataTransfer.dropEffect = target === false ? 'none' : 'copy';
  });
  window.addEventListener('dragleave', function (event) {
    if (!hasFiles(event) || target === false) return;
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) showDropTarget(false);
  });
  window.addEventListener('drop', function (event) {
    if (!event.dataTransfer) return;
    event.preventDefault();   // else the browser opens the dropped file itself
    dragDepth = 0;
    showDropTarget(false);
    const files = event.dataTransfer.files;
    if (!files || !files.length || target === false) return;
    if (target) { target.take(Array.from(files)); return; }
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
  el.dropOverlayText.textContent = target ? target.label : ANALYSE;
  el.dropzone.classList.toggle('is-over', shown && !target);
  if (target) target.zone.classList.toggle('is-over', shown);
}

// Pasted text is left to the page's fields; only a pasted file is taken.
function pasted(event, take) {
  const data = event.clipboardData;
  if (!data || target === false) return;
  let file = null;
  if (data.files && data.files.length) file = data.files[0];
  if (!file && data.items) {
    for (let i = 0; i < data.items.length; i++) {
      if (data.items[i].kind === 'file') { file = data.items[i].getAsFile(); if (file) break; }
    }
  }
  if (!file) return;
  event.preventDefault();
  if (target) target.take([file]); else take(file);
}
