// What the result cards say about an analysis: levels, words and boxes derived from the insights
// the API sends. No DOM, so Node's tests import it. Every field may be missing or of another type:
// the page shows what it can rather than failing.

import { capitalise, clamp, formatDate, formatDuration, isValidColor, plural } from './format.js';

// Quality scores (0–100) in three bands, each with a colour class in style.css.
export function qualityLevel(score) {
  return score >= 70 ? 'good' : score >= 40 ? 'fair' : 'poor';
}

export const QUALITY_VERDICTS = { good: 'Good quality', fair: 'Fair quality', poor: 'Poor quality' };

export function scoreBars(insights) {
  const scores = [['Sharpness', insights.sharpness_score], ['Contrast', insights.contrast_score], ['Quality', insights.quality_score]];
  return scores.map(function ([label, score]) {
    const value = clamp(Number(score) || 0, 0, 100);
    return { label, value, level: qualityLevel(value) };
  });
}

// The blur chip: its colour class, its text and its tooltip.
export function blurChip(blurLevel) {
  const blur = String(blurLevel || '').toLowerCase();
  const known = { low: ['good', 'Low blur'], medium: ['fair', 'Some blur'], high: ['poor', 'Very blurry'] }[blur];
  if (!known) return { level: '', text: 'Blur: unknown', title: '' };
  return { level: known[0], text: 'Blur: ' + blur, title: known[1] };
}

// Mean brightness on 0–255: its word and the colour class of that word.
export function brightnessOf(insights) {
  const value = clamp(Number(insights.brightness) || 0, 0, 255);
  const [word, level] = brightnessWord(value);
  return { value, word, level };
}

function brightnessWord(value) {
  if (value < 60) return ['Dark', 'poor'];
  if (value < 110) return ['Dim', 'fair'];
  if (value < 190) return ['Balanced', 'good'];
  return ['Bright', 'fair'];
}

export function facesOf(insights) {
  const count = typeof insights.faces_detected === 'number' ? insights.faces_detected : 0;
  return { count, text: count === 0 ? 'No faces detected' : plural(count, 'face', 'faces') + ' detected' };
}

export function sceneOf(insights) {
  const confidence = Number(insights.scene_confidence);
  return {
    name: capitalise(String(insights.scene_type || 'unknown')),
    confidence: isFinite(confidence) ? Math.round(confidence * 100) + '% confidence' : ''
  };
}

export function faceLocations(insights) {
  return Array.isArray(insights.face_locations) ? insights.face_locations : [];
}

// Face boxes in percentages of the upright image, kept inside it: right at any displayed size.
export function faceBoxes(insights) {
  const width = insights.width, height = insights.height;
  const faces = faceLocations(insights);
  if (!(width > 0 && height > 0)) return [];
  return faces.map(function (face, index) {
    const left = clamp(face.x / width, 0, 1), top = clamp(face.y / height, 0, 1);
    return {
      left: left * 100,
      top: top * 100,
      width: clamp(face.width / width, 0, 1 - left) * 100,
      height: clamp(face.height / height, 0, 1 - top) * 100,
      label: faces.length > 1 ? 'Face ' + (index + 1) : 'Face'
    };
  });
}

// The image's alternative text and caption name the faces the server counted.
export function imageTexts(insights) {
  const count = typeof insights.faces_detected === 'number' ? insights.faces_detected : faceLocations(insights).length;
  const width = insights.width, height = insights.height;
  return {
    alt: 'The analysed image' + (count ? ', with ' + plural(count, 'face', 'faces') + ' marked' : ''),
    caption: width && height
      ? width + ' × ' + height + ' px' + (insights.format ? ' · ' + insights.format : '') +
        (count ? ' · ' + plural(count, 'face box', 'face boxes') + ' drawn' : '')
      : ''
  };
}

// Swatches in the server's order, with their share of the image when it is known.
export function colorSwatches(insights) {
  const shares = Array.isArray(insights.color_shares) ? insights.color_shares : [];
  return (insights.dominant_colors || []).filter(isValidColor).map(function (hex, index) {
    const share = typeof shares[index] === 'number' ? shares[index] : null;
    return {
      hex,
      grow: share !== null ? Math.max(share, 0.005) : 1,   // a tiny share still shows as a sliver
      shareText: share !== null ? Math.round(share * 100) + '%' : ''
    };
  });
}

// Older results carry no text_found; the word count decides for them.
export function textOf(insights) {
  const text = String(insights.extracted_text || '').trim();
  const words = typeof insights.word_count === 'number' ? insights.word_count : (text ? text.split(/\s+/).length : 0);
  const found = insights.text_found === undefined ? words > 0 : !!insights.text_found && text.length > 0;
  return { found, text: found ? text : '', wordCount: found ? plural(words, 'word', 'words') : 'No text found' };
}

// The result carries processing_ms; older ones had it inside the insights.
export function processingMs(result, insights) {
  return typeof result.processing_ms === 'number' ? result.processing_ms : insights.processing_ms;
}

export function resultMeta(result, insights) {
  const parts = [];
  const analysedAt = result.completed_at || result.created_at;
  if (analysedAt) parts.push('Analysed ' + formatDate(analysedAt));
  const ms = processingMs(result, insights);
  if (typeof ms === 'number') parts.push('in ' + formatDuration(ms));
  return parts.join(' ');
}

// The Details card: label, value and an optional class for the value.
export function detailRows(result, insights) {
  return [
    ['Dimensions', insights.width && insights.height ? insights.width + ' × ' + insights.height + ' px' : '–'],
    ['Format', insights.format || '–'],
    ['Processing time', formatDuration(processingMs(result, insights))],
    ['Uploaded', formatDate(result.created_at) || '–'],
    ['Analysis id', result.id, 'mono']
  ];
}

// Said to screen readers once a result is on screen.
export function announcement(insights) {
  return 'Analysis complete: ' + plural(insights.faces_detected || 0, 'face', 'faces') + ', ' +
    (insights.text_found ? plural(insights.word_count || 0, 'word', 'words') + ' of text' : 'no text') +
    ', ' + (insights.scene_type || 'unknown') + ' scene, ' +
    'quality ' + Math.round(Number(insights.quality_score) || 0) + ' out of 100.';
}
