/**
 * JavaScript types a script element runs (HTML spec, "JavaScript MIME type
 * essence match", plus `module`); any other type is a data block, which
 * never loads nor fires `load` or `error`.
 */
const RUNNABLE_TYPE = /^(?:|module|(?:text|application)\/(?:x-)?(?:java|ecma)script|text\/javascript1\.[0-5]|text\/(?:jscript|livescript))$/i;

/**
 * Whether a script we insert will ever fire `load` or `error`: a classic
 * script with `nomodule` is skipped by every browser that runs modules, and a
 * data block is never fetched (HTML spec, "prepare the script element").
 */
const willSettle = (script: HTMLScriptElement) => {
  const type = script.getAttribute('type')?.trim() ?? '';
  if (!RUNNABLE_TYPE.test(type)) return false;
  return type.toLowerCase() === 'module' || !script.noModule;
};

/**
 * Runs gated scripts in document order, each once. A script inserted from JS
 * runs as soon as it is inserted (inline) or loaded (external, async by
 * default), so order needs care: externals get `async = false`, which makes
 * them execute in insertion order (HTML spec, "list of scripts that will
 * execute in order as soon as possible"), and an inline script is held back
 * until the externals before it have run. With nothing to wait for, scripts
 * are inserted at once, in the same task as the decision. A script whose
 * placeholder left the page before its turn (a single-page app changed route)
 * is dropped, and one that will never fire `load` or `error` is not waited for.
 */
export function createScriptRunner(nonce?: string) {
  const queue: { placeholder: HTMLScriptElement; script: HTMLScriptElement; external: boolean }[] = [];
  let loading = 0;

  const settled = () => {
    loading--;
    if (!loading) pump();
  };

  const pump = () => {
    while (queue.length) {
      const { placeholder, script, external } = queue[0];
      if (!external && loading) return;
      queue.shift();
      if (!placeholder.isConnected) continue;
      if (external && willSettle(script)) {
        loading++;
        // Listeners, not `onload`: a site's own `onload` attribute on the tag must keep working.
        script.addEventListener('load', settled, { once: true });
        script.addEventListener('error', settled, { once: true });
      }
      placeholder.replaceWith(script);
    }
  };

  return (placeholder: HTMLScriptElement) => {
    // A text/plain script was never "started" (HTML spec, prepare the script element), so a clone
    // with a script type runs when inserted; the clone keeps every attribute and the inline text.
    const script = placeholder.cloneNode(true) as HTMLScriptElement;
    // `data-type="module"` lets a gated script be a module once it runs.
    const type = placeholder.getAttribute('data-type');
    if (type) script.type = type;
    else script.removeAttribute('type');
    if (nonce) script.nonce = nonce;
    const external = placeholder.hasAttribute('src');
    if (external) script.async = false;
    queue.push({ placeholder, script, external });
    if (queue.length === 1) pump();
  };
}
