// A grid of photos, the owner's album's or a shared album's: each tile a button with the
// thumbnail (the original until the thumbnail is made), the name and what the analysis found, and
// that opens the photo viewer. Redrawn on each poll; a tile that has not changed is kept, so its
// picture does not flicker and the focus stays on it.

import { make } from './dom.js';
import { isProcessing, photoCaption, photoLinks, photoName } from './photos.js';

// options: coverId (the album's cover, marked), onOpen(index) when a tile is pressed.
export function renderPhotoGrid(list, photos, { coverId = null, onOpen }) {
  const kept = {};
  Array.prototype.forEach.call(list.children, (tile) => { kept[tile.getAttribute('data-key')] = tile; });
  const tiles = photos.map(function (photo, index) {
    const key = tileKey(photo, coverId);
    const tile = kept[key] || newTile(photo, photo.image_id === coverId);
    delete kept[key];
    tile.setAttribute('data-key', key);
    tile.firstChild.onclick = () => onOpen(index);
    return tile;
  });
  // Kept tiles move into place; the focus stays on a tile that only moved.
  tiles.forEach(function (tile, index) {
    if (list.children[index] !== tile) list.insertBefore(tile, list.children[index] || null);
  });
  Object.keys(kept).forEach((key) => kept[key].remove());
}

// The tile of a photo, by image id, to bring the focus back to.
export function tileOf(list, imageId) {
  const tile = list.querySelector('[data-id="' + CSS.escape(imageId) + '"] button');
  return tile || null;
}

function tileKey(photo, coverId) {
  return [photo.image_id, photo.status, photoLinks(photo).tile, photoCaption(photo), photo.image_id === coverId].join('|');
}

function newTile(photo, isCover) {
  const links = photoLinks(photo);
  const item = make('li', 'photo-tile');
  item.setAttribute('data-id', photo.image_id);
  item.classList.toggle('is-processing', isProcessing(photo));
  item.classList.toggle('is-failed', photo.status === 'failed');
  const button = make('button', 'photo-open');
  button.type = 'button';
  const frame = make('span', 'photo-frame');
  if (links.tile) frame.appendChild(picture(links));
  if (isCover) frame.appendChild(make('span', 'photo-badge', 'Cover'));
  const text = make('span', 'photo-text');
  text.appendChild(make('span', 'photo-name', photoName(photo)));
  text.appendChild(make('span', 'photo-meta', photoCaption(photo)));
  button.appendChild(frame);
  button.appendChild(text);
  item.appendChild(button);
  return item;
}

// A picture that cannot be loaded gives way to the original, then to the empty frame.
function picture(links) {
  const image = make('img', 'photo-thumb');
  image.alt = '';
  image.decoding = 'async';
  image.loading = 'lazy';
  image.addEventListener('error', function () {
    if (links.original && image.getAttribute('src') !== links.original) image.src = links.original;
    else image.remove();
  });
  image.src = links.tile;
  return image;
}
