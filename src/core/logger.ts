/** Where the widget reports problems; `console` in a page, a spy in tests. */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
}

/** Every message starts with this tag so a site developer can filter the console for it. */
export const TAG = '[cid-consent]';
