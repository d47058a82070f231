import Cookies from 'js-cookie';

/** Where the decision is kept; the manager needs nothing more, so tests can pass a plain object. */
export interface ConsentStorage {
  read(): string | undefined;
  /** Returns `false` when the browser did not keep the value (cookies blocked, wrong domain). */
  write(value: string, maxAgeDays: number): boolean;
  remove(): void;
}

export interface CookieOptions {
  name: string;
  domain?: string;
  secure: boolean;
}

/**
 * The first-party cookie of CONTRACT §6, written through js-cookie. With a
 * cookie domain, a host-only cookie of the same name (written before the
 * domain was configured, or by a sub-domain's own widget) is a second cookie
 * that browsers list first (RFC 6265 §5.4): it would hide every new decision
 * from the next page, so it is removed on each write and on reset.
 */
export function cookieStorage({ name, domain, secure }: CookieOptions): ConsentStorage {
  const attributes = { path: '/', sameSite: 'Lax' as const, secure, ...(domain ? { domain } : {}) };
  const removeHostOnly = () => {
    if (domain) Cookies.remove(name, { path: '/' });
  };
  return {
    read: () => Cookies.get(name),
    write(value, maxAgeDays) {
      removeHostOnly();
      Cookies.set(name, value, { ...attributes, expires: maxAgeDays });
      return Cookies.get(name) === value;
    },
    remove() {
      removeHostOnly();
      Cookies.remove(name, attributes);
    },
  };
}

/** Keeps the decision for the page's life only: for tests, and pages where cookies are blocked. */
export function memoryStorage(initial?: string): ConsentStorage {
  let value = initial;
  return {
    read: () => value,
    write(next) {
      value = next;
      return true;
    },
    remove() {
      value = undefined;
    },
  };
}
