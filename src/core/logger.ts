/** Where the widget reports problems; `console` in a page, a spy in tests. */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
}

/** Every message starts with this tag so a site developer can filter the console for it. */
export const TAG = '[cid-consent]';

/**
 * A value as text for a message, whatever it is: a page may pass (or throw) an object whose
 * `toString` is not a function, or throws, and reporting it must not throw into the page.
 */
export function describe(value: unknown): string {
  try {
    return String(value);
  } catch {
    return typeof value === 'object' ? 'an object that cannot be printed' : typeof value;
  }
}
