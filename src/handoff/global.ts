/** Where the sibling file `cid-consent-handoff.js` leaves its module for the first layer to take. */
export const HANDOFF_MODULE = Symbol.for('cid-consent.handoff');
