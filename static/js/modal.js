// The page's dialogs: a <dialog> opened with showModal, so the rest of the page is inert, Escape
// closes it and the focus stays inside. A click on the backdrop closes it too; on closing, the
// focus goes where restore() says (the tile of the photo last shown, say), else back to what
// opened it.

export function openModal(dialog, { focus, restore } = {}) {
  if (!dialog.open) {
    const opener = document.activeElement;
    dialog.showModal();
    dialog.addEventListener('close', function () {
      const back = (restore && restore()) || (opener && opener.isConnected ? opener : null);
      if (back) back.focus();
    }, { once: true });
  }
  if (focus) focus.focus();
}

// Clicks on the backdrop reach the dialog itself, outside its box.
export function closeOnBackdrop(dialog) {
  dialog.addEventListener('click', function (event) {
    if (event.target !== dialog) return;
    const box = dialog.getBoundingClientRect();
    const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
    if (!inside) dialog.close();
  });
}
