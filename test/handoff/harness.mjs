/**
 * The two demo sites on two origins (scripts/serve-demo.mjs, as `npm start` serves them) with a real
 * receiver behind each site's /consent/, its embedded store in a temporary folder and a hand-off key
 * pair made for the run; every request either site gets is kept, to look for what must not be there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../autoconsent/harness.mjs';
import { serveDemo, startReceiver } from '../../scripts/serve-demo.mjs';

const handoff = await import(pathToFileURL(join(ROOT, 'receiver/dist/src/handoff.js')).href);
const { createPrivateKey } = await import('node:crypto');

export async function startSites() {
  const keys = handoff.makeKeyPair();
  const dataDir = mkdtempSync(join(tmpdir(), 'cid-handoff-'));
  const requests = [];
  let last;
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    const receiverPort = port + 2;
    let receiver;
    try {
      const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port + 1}`];
      process.env.HANDOFF_KEY = keys.handoffKeyEnv;
      receiver = await startReceiver(origins, receiverPort, dataDir);
      // Never left behind, whatever ends this process (a failed bench, a cancelled test run).
      process.once('exit', receiver.stop);
      const demo = await serveDemo(port, receiverPort, {
        handoffKey: keys.handoffKey,
        onRequest: (request) => requests.push({ url: request.url, headers: { ...request.headers } }),
      });
      return {
        ...demo,
        receiver,
        requests,
        origins: { fr: origins[0], boutique: origins[1] },
        /** Signs claims with the receiver's own key, or with another (`key`), as the receiver would. */
        sign: (claims, key = keys.handoffKeyEnv) =>
          handoff.signToken(createPrivateKey({ key: Buffer.from(key, 'base64url'), format: 'der', type: 'pkcs8' }), claims),
        otherKey: () => handoff.makeKeyPair().handoffKeyEnv,
        close() {
          demo.close();
          receiver.stop();
          // Linux lets a folder go while the stopping receiver still holds its files.
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      receiver?.stop();
      last = error;
    } finally {
      delete process.env.HANDOFF_KEY;
    }
  }
  throw last;
}
