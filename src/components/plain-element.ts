/**
 * The base of the elements that show before Lit is loaded (issue #15): the banner, and the
 * placeholder, which must work when the panel's file never arrives (issue #19). Properties render
 * in one batch in a microtask, as Lit's do, and `updateComplete` waits for it; properties a page
 * set before the element was defined are taken over and applied once it is connected, after its
 * attributes, which they override (as with Lit).
 */

/**
 * The page's `HTMLElement`; where there is no DOM (a server importing the ES module, issue #10), a
 * stand-in, so that the classes are still declared (they are never defined there). Named like the
 * global it stands for, so the manifest names the real superclass.
 */
const HTMLElement = globalThis.HTMLElement ?? (class {} as typeof globalThis.HTMLElement);

/** One constructed stylesheet per element class, built on first use. */
const sheets = new Map<string, CSSStyleSheet>();

export abstract class PlainElement<State extends object> extends HTMLElement {
  /** Resolves once the latest property change is rendered. */
  updateComplete: Promise<boolean> = Promise.resolve(true);
  protected state: State;
  private pending = false;
  /** Properties the page set before this element was defined, applied when it is connected. */
  private taken?: Record<string, unknown>;

  /** `properties`: the accessors a page may set before the element is defined. */
  constructor(initial: State, properties: readonly string[]) {
    super();
    this.state = initial;
    // Properties set before definition would hide the accessors: take them over.
    const self = this as unknown as Record<string, unknown>;
    for (const name of properties) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        this.taken = { ...this.taken, [name]: self[name] };
        delete self[name];
      }
    }
  }

  /** Rendered at once, not in a later task: the element is visible in the first frame after the script ran. */
  connectedCallback(): void {
    if (this.taken) {
      Object.assign(this, this.taken);
      this.taken = undefined;
    }
    this.render();
  }

  protected change(values: Partial<State>): void {
    this.state = { ...this.state, ...values };
    this.requestUpdate();
  }

  protected requestUpdate(): void {
    if (this.pending || !this.isConnected) return;
    this.pending = true;
    this.updateComplete = Promise.resolve().then(() => {
      // A render since (on connection) has already shown these changes.
      if (this.pending) this.render();
      return true;
    });
  }

  /**
   * The open shadow root, made on first use with the element's styles in a constructed stylesheet,
   * not a <style> element: a strict CSP (`style-src 'self'`) allows it. `onCreate` runs once, then.
   */
  protected shadow(styles: string, onCreate: (root: ShadowRoot) => void): ShadowRoot {
    let root = this.shadowRoot;
    if (!root) {
      root = this.attachShadow({ mode: 'open' });
      let sheet = sheets.get(styles);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(styles);
        sheets.set(styles, sheet);
      }
      root.adoptedStyleSheets = [sheet];
      onCreate(root);
    }
    return root;
  }

  /** Draws the element; called once connected, then once per batch of changes. */
  protected render(): void {
    this.pending = false;
    this.draw();
  }

  protected abstract draw(): void;
}
