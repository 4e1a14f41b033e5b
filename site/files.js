// Import and export of a scenario file.

import { MAX_SCENARIO_BYTES } from './scenario.js';

export function exportScenario(text, name = 'scenario.json') {
  const url = URL.createObjectURL(new Blob([text + '\n'], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// pickScenarioFile opens the file chooser and resolves to the file's text
// (or null if the user cancels); it rejects a file too large to be one.
export function pickScenarioFile(input) {
  return new Promise((resolve, reject) => {
    input.value = '';
    input.onchange = async () => {
      const f = input.files[0];
      if (!f) return resolve(null);
      if (f.size > MAX_SCENARIO_BYTES) return reject(new Error(`larger than ${MAX_SCENARIO_BYTES >> 10} KiB`));
      resolve(await f.text());
    };
    input.click();
  });
}
