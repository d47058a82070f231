#!/usr/bin/env node
// `npm run receiver:keygen`: a new Ed25519 key pair for sister-site hand-offs (CONTRACT §13). The
// private half goes in the receiver's environment only; the public half in every site's config.
import { makeKeyPair } from './handoff.js';

const { handoffKeyEnv, handoffKey } = makeKeyPair();
console.log(`# The receiver's environment (secret: keep it with RECEIVER_TOKEN, never in a page):
HANDOFF_KEY=${handoffKeyEnv}

# Each sister site's configuration (public):
#   window.cidConsentConfig = { …, sites: [ … ], handoffKey: '${handoffKey}' }
#   or data-handoff-key="${handoffKey}" on the script tag`);
