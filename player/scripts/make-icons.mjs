// Draws the app icons (PNG for the manifest and home screens, SVG for the tab)
// without any image library or network: a calm navy tile with a countdown ring.
// Run: node scripts/make-icons.mjs  (outputs to public/; the files are committed)
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const out = (name) => fileURLToPath(new URL(`../public/${name}`, import.meta.url));

const TILE = [22, 52, 79];
const TRACK = [52, 86, 114];
const ARC = [125, 200, 214];
const DOT = [241, 245, 248];

/** Colour at (x, y) in unit coordinates, or undefined for transparent. */
function shade(x, y, { rounded, scale }) {
  const cx = 0.5;
  const cy = 0.5;
  // Rounded tile (full bleed when maskable).
  if (rounded) {
    const r = 0.2;
    const qx = Math.max(Math.abs(x - cx) - (0.5 - r), 0);
    const qy = Math.max(Math.abs(y - cy) - (0.5 - r), 0);
    if (Math.hypot(qx, qy) > r) return undefined;
  }
  const dx = (x - cx) / scale;
  const dy = (y - cy) / scale;
  const d = Math.hypot(dx, dy);
  if (d < 0.075) return DOT;
  if (Math.abs(d - 0.29) < 0.05) {
    // Angle clockwise from 12 o'clock, 0..1.
    const a = (Math.atan2(dx, -dy) / (2 * Math.PI) + 1) % 1;
    return a < 0.72 ? ARC : TRACK;
  }
  return TILE;
}

function crc32(buf) {
  let c;
  let crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, options) {
  const ss = 4; // supersampling per axis
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size, options);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = a ? Math.round(r / a) : 0;
      raw[o + 1] = a ? Math.round(g / a) : 0;
      raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round((a / (ss * ss)) * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync(out('icon-192.png'), png(192, { rounded: true, scale: 1 }));
writeFileSync(out('icon-512.png'), png(512, { rounded: true, scale: 1 }));
// Maskable: full-bleed tile, artwork inside the 80% safe zone.
writeFileSync(out('icon-maskable-512.png'), png(512, { rounded: false, scale: 0.8 }));
writeFileSync(out('apple-touch-icon.png'), png(180, { rounded: false, scale: 0.9 }));

const rgb = (c) => `rgb(${c.join(' ')})`;
const circumference = 2 * Math.PI * 29;
writeFileSync(
  out('icon.svg'),
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
  <rect width="100" height="100" rx="20" fill="${rgb(TILE)}"/>
  <circle cx="50" cy="50" r="29" fill="none" stroke="${rgb(TRACK)}" stroke-width="10"/>
  <circle cx="50" cy="50" r="29" fill="none" stroke="${rgb(ARC)}" stroke-width="10"
    stroke-dasharray="${(circumference * 0.72).toFixed(2)} ${circumference.toFixed(2)}" transform="rotate(-90 50 50)"/>
  <circle cx="50" cy="50" r="7.5" fill="${rgb(DOT)}"/>
</svg>
`,
);
console.log('icons written to public/');
