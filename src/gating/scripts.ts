/** `<script type="text/plain" data-cid-consent="analytics marketing">`: CONTRACT §8. */
export const GATED_SCRIPTS = 'script[type="text/plain"][data-cid-consent]';

/** Space-separated purposes of a gated element; all of them must be granted. */
export const purposesOf = (element: Element) => (element.getAttribute('data-cid-consent') ?? '').split(/\s+/).filter(Boolean);

/**
 * Runs gated scripts once their purposes are granted, each once, in document
 * order. A script inserted from JS runs as soon as it is inserted (inline) or
 * loaded (external, async by default), so order needs care:
 * externals get `async = false`, which makes them execute in insertion order
 * (HTML spec, "list of scripts that will execute in order as soon as possible"),
 * and an inline script waits until the externals before it have run.
 */
export function createScriptGate(has: (purpose: string) => boolean, nonce?: string) {
  const started = new WeakSet<Element>();
  let tail: Promise<unknown> = Promise.resolve();
  let externals: Promise<unknown>[] = [];

  const activate = (placeholder: HTMLScriptElement) => {
    const script = document.createElement('script');
    for (const { name, value } of placeholder.attributes) {
      if (name !== 'type' && name !== 'data-type') script.setAttribute(name, value);
    }
    // `data-type="module"` lets a gated script be a module once it runs.
    const type = placeholder.getAttribute('data-type');
    if (type) script.type = type;
    if (nonce) script.nonce = nonce;
    script.setAttribute('data-cid-consent-state', 'activated');
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

  /** Activates every gated script under `root` whose purposes are all granted now. */
  return (root: ParentNode = document) => {
    for (const placeholder of root.querySelectorAll<HTMLScriptElement>(GATED_SCRIPTS)) {
      if (started.has(placeholder)) continue;
      const purposes = purposesOf(placeholder);
      if (purposes.length && purposes.every(has)) {
        started.add(placeholder);
        activate(placeholder);
      }
    }
  };
}
