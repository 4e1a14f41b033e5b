// Import and export of a scenario file.

// MAX_READ bounds a file the page reads into memory at all; the engine's
// own limit (api.MaxImportBytes) is lower, and its refusal says so.
const MAX_READ = 64 << 20;

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

// pickFile opens the file chooser and resolves to { name, text } (or null
// if the user cancels).
export function pickFile(input) {
  return new Promise((resolve, reject) => {
    input.value = '';
    input.onchange = async () => {
      const f = input.files[0];
      if (!f) return resolve(null);
      if (f.size > MAX_READ) return reject(new Error(`larger than ${MAX_READ >> 20} MiB`));
      resolve({ name: f.name, text: await f.text() });
    };
    input.click();
  });
}
