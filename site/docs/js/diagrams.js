// Mermaid diagrams, drawn in the browser from the <pre class="mermaid">
// the build leaves (mermaid needs a DOM to lay out text, so there is no
// build-time route in Go). The source stays as the fallback when drawing
// fails; a theme change redraws in the other palette.
//
// A diagram is never shrunk below its natural size: its text would become
// unreadable on a phone. A diagram wider than the text column takes the
// whole width of the main column (the margins around the text), scrolls
// sideways if it is wider still, and the enlarge button opens it alone, as
// wide as the window allows.

import mermaid from 'mermaid';

const drawn = [];
let n = 0;

const WORDS = {
  en: { enlarge: 'Enlarge the diagram', close: 'Close' },
  ja: { enlarge: '図を拡大する', close: '閉じる' },
};

function dark() {
  const t = document.documentElement.dataset.theme;
  return t ? t === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
}

function init() {
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: dark() ? 'dark' : 'default',
    fontFamily: getComputedStyle(document.body).fontFamily,
    themeVariables: { fontSize: '16px' },
    // Mermaid's notes and actors default to 14px; at natural size every
    // text of a diagram is 15px or more.
    sequence: { actorFontSize: 16, noteFontSize: 15, messageFontSize: 16, useMaxWidth: false, wrap: true, actorMargin: 40 },
    flowchart: { useMaxWidth: false },
    state: { useMaxWidth: false },
  });
}
init();

async function render(source) {
  const { svg } = await mermaid.render(`mermaid-${++n}`, source);
  return svg;
}

// naturalSize shows the svg at the size of its viewBox.
function naturalSize(svg, zoom = 1) {
  const vb = svg?.viewBox?.baseVal;
  if (!vb || !vb.width) return;
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  svg.style.maxWidth = 'none';
  svg.style.width = `${vb.width * zoom}px`;
  svg.style.height = `${vb.height * zoom}px`;
}

export async function draw(pre) {
  const source = pre.textContent;
  const words = WORDS[document.documentElement.lang] || WORDS.en;
  const fig = document.createElement('figure');
  fig.className = 'diagram';
  const canvas = document.createElement('div');
  canvas.className = 'diagram-canvas';
  canvas.setAttribute('role', 'img');
  canvas.tabIndex = 0; // scrollable by keyboard
  try {
    canvas.innerHTML = await render(source);
  } catch (e) {
    console.warn('mermaid:', e);
    return; // keep the <pre>
  }
  naturalSize(canvas.querySelector('svg'));
  const zoom = document.createElement('button');
  zoom.type = 'button';
  zoom.className = 'diagram-zoom';
  zoom.textContent = '⤢';
  zoom.title = words.enlarge;
  zoom.setAttribute('aria-label', words.enlarge);
  zoom.addEventListener('click', () => enlarge(source, words));
  fig.append(zoom, canvas);
  pre.replaceWith(fig);
  widen(fig);
  drawn.push({ fig, canvas, source });
}

// widen lets a diagram wider than the text column use the main column's
// margins, centred on the text.
function widen(fig) {
  const text = fig.closest('.prose');
  const main = fig.closest('.main');
  const svg = fig.querySelector('svg');
  if (!text || !main || !svg) return;
  const cs = getComputedStyle(main);
  const room = main.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  const canvas = getComputedStyle(fig.querySelector('.diagram-canvas'));
  const need = parseFloat(svg.style.width) + parseFloat(canvas.paddingLeft) + parseFloat(canvas.paddingRight) + 2;
  const width = Math.min(need, room);
  const wide = width > text.clientWidth;
  fig.style.width = wide ? `${width}px` : '';
  fig.style.marginLeft = wide ? `${(text.clientWidth - width) / 2}px` : '';
}

let resizing = 0;
window.addEventListener('resize', () => {
  clearTimeout(resizing);
  resizing = setTimeout(() => drawn.forEach((d) => widen(d.fig)), 150);
});

// enlarge shows one diagram in a dialog, scaled to the window's width
// (at least its natural size, at most twice it).
async function enlarge(source, words) {
  const dialog = document.createElement('dialog');
  dialog.className = 'diagram-dialog';
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'diagram-close';
  close.textContent = `× ${words.close}`;
  close.addEventListener('click', () => dialog.close());
  const body = document.createElement('div');
  body.className = 'diagram-dialog-body';
  body.innerHTML = await render(source);
  const svg = body.querySelector('svg');
  const width = svg?.viewBox?.baseVal?.width || 1;
  naturalSize(svg, Math.min(2, Math.max(1, (window.innerWidth - 64) / width)));
  dialog.append(close, body);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

async function redraw() {
  init();
  for (const d of drawn) {
    try {
      d.canvas.innerHTML = await render(d.source);
      naturalSize(d.canvas.querySelector('svg'));
      widen(d.fig);
    } catch {}
  }
}
document.addEventListener('iamlab:theme', redraw);
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', redraw);
