// Diagnostics of the policy editors come from several sources: the
// engine's errors now, the linter's findings later (a worker op "lint"
// whose answer becomes diagnostics.set('lint', bySlot)). Each source gives
// a Map of slot key → [{ line, col, message, severity }]; they are merged
// per slot and shown together.

export function createDiagnostics(show) {
  const sources = new Map();
  return {
    set(source, bySlot) {
      sources.set(source, bySlot);
      const merged = new Map();
      for (const bySource of sources.values()) {
        for (const [key, list] of bySource) merged.set(key, [...(merged.get(key) || []), ...list]);
      }
      show(merged);
    },
  };
}
