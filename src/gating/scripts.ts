/**
 * Runs gated scripts in document order. A script inserted from JS runs as
 * soon as it is inserted (inline) or loaded (external, async by default), so
 * order needs care: externals get `async = false`, which makes them execute
 * in insertion order (HTML spec, "list of scripts that will execute in order
 * as soon as possible"), and an inline script waits until the externals
 * before it have run.
 */
export function createScriptRunner(nonce?: string) {
  let tail: Promise<unknown> = Promise.resolve();
  let externals: Promise<unknown>[] = [];

  return (placeholder: HTMLScriptElement) => {
    const script = document.createElement('script');
    for (const { name, value } of placeholder.attributes) {
      if (name !== 'type' && name !== 'data-type') script.setAttribute(name, value);
    }
    // `data-type="module"` lets a gated script be a module once it runs.
    const type = placeholder.getAttribute('data-type');
    if (type) script.type = type;
    if (nonce) script.nonce = nonce;
    if (placeholder.src) {
      script.async = false;
      tail = tail.then(() => {
        // Listeners, not `onload`: a site's own `onload` attribute on the tag must keep working.
        externals.push(new Promise((done) => ['load', 'error'].forEach((type) => script.addEventListener(type, done))));
        placeholder.replaceWith(script);
      });
    } else {
      script.text = placeholder.text;
      tail = tail
        .then(() => Promise.all(externals))
        .then(() => {
          externals = [];
          placeholder.replaceWith(script);
        });
    }
  };
}
