/**
 * Runs gated scripts in document order, each once. A script inserted from JS
 * runs as soon as it is inserted (inline) or loaded (external, async by
 * default), so order needs care: externals get `async = false`, which makes
 * them execute in insertion order (HTML spec, "list of scripts that will
 * execute in order as soon as possible"), and an inline script is held back
 * until the externals before it have run. With nothing to wait for, scripts
 * are inserted at once, in the same task as the decision.
 */
export function createScriptRunner(nonce?: string) {
  const queue: { placeholder: HTMLScriptElement; script: HTMLScriptElement; external: boolean }[] = [];
  let loading = 0;

  const pump = () => {
    while (queue.length) {
      const { placeholder, script, external } = queue[0];
      if (!external && loading) return;
      queue.shift();
      if (external) {
        loading++;
        // Listeners, not `onload`: a site's own `onload` attribute on the tag must keep working.
        const done = () => --loading || pump();
        script.addEventListener('load', done);
        script.addEventListener('error', done);
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
