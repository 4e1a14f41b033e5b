// The list of flows in the reader's language; each link keeps ?lang=.

import { pickLanguage, setLanguage } from '../i18n.js';
import { w, setWordsLanguage } from './words.js';

const lang = pickLanguage();
setLanguage(lang);
setWordsLanguage(lang);
for (const el of document.querySelectorAll('[data-w]')) el.textContent = w(el.dataset.w);
for (const el of document.querySelectorAll('[data-ja]')) el.textContent = el.dataset[lang] || el.dataset.en;
for (const a of document.querySelectorAll('.flow-list a')) a.href = `${a.getAttribute('href')}?lang=${lang}`;
