/** Colour measures for tests, in the browser: any CSS colour notation Chromium computes. */

const canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;

/** Any CSS colour (`rgb()`, `color(srgb-linear …)`, `color(xyz-d65 …)`, `oklch()`…) as sRGB 0–255, drawn by the browser itself. */
function srgb(color: string): [number, number, number] {
  canvas.clearRect(0, 0, 1, 1);
  canvas.fillStyle = '#01020304';
  canvas.fillStyle = color;
  if (canvas.fillStyle === '#01020304') throw new Error(`not a colour: ${color}`);
  canvas.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
  if (a !== 255) throw new Error(`not opaque: ${color}`);
  return [r, g, b];
}

/** WCAG 2.2 relative luminance. */
const luminance = (color: string) => {
  const [r, g, b] = srgb(color).map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

/** WCAG 2.2 contrast ratio of two opaque colours. */
export const contrast = (a: string, b: string): number => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
};
