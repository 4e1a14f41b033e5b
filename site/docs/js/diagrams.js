// Mermaid diagrams, drawn in the browser from the <pre class="mermaid">
// the build leaves (mermaid needs a DOM to lay out text, so there is no
// build-time route in Go). The source stays as the fallback when drawing
// fails; a theme change redraws in the other palette.

import mermaid from 'mermaid';

const drawn = [];
let n = 0;

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
  });
}
init();

export async function draw(pre) {
  const source = pre.textContent;
  const fig = document.createElement('figure');
  fig.className = 'diagram';
  fig.setAttribute('role', 'img');
  try {
    const { svg } = await mermaid.render(`mermaid-${++n}`, source);
    fig.innerHTML = svg;
  } catch (e) {
    console.warn('mermaid:', e);
    return; // keep the <pre>
  }
  pre.replaceWith(fig);
  drawn.push({ fig, source });
}

async function redraw() {
  init();
  for (const d of drawn) {
    try {
      const { svg } = await mermaid.render(`mermaid-${++n}`, d.source);
      d.fig.innerHTML = svg;
    } catch {}
  }
}
document.addEventListener('iamlab:theme', redraw);
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', redraw);
