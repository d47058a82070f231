// How many connections a receiver holds (issue #20, item 5). Timeouts bound how long a slow client
// holds one (REQUEST_TIMEOUT_MS); this bounds how many are held at once, so that many slow clients
// cannot take the memory nor the place of visitors (2,000 were held at once before).
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Connections held at most: 16 times the benchmark's 32 concurrent clients. */
export const MAX_CONNECTIONS = 512;

interface Held {
  /** Since when the receiver has been waiting on this client: connected, or its last answer sent. */
  since: number;
  /** The request being answered, if any. */
  request?: IncomingMessage;
}

/**
 * At the limit, a new connection closes the one that has waited on its client the longest
 * (for its headers, the rest of its body, or its next request), and is refused only when every
 * connection held has a whole request being answered. A visitor's receipt arrives in one go, so
 * slow clients are the ones pushed out, never a receipt being stored.
 */
export function boundConnections(server: Server, max: number): void {
  const held = new Map<Socket, Held>();
  const waiting = (entry: Held) => !entry.request || !entry.request.complete;

  server.on('connection', (socket: Socket) => {
    if (held.size >= max) {
      let oldest: [Socket, Held] | undefined;
      for (const pair of held) {
        if (waiting(pair[1]) && (!oldest || pair[1].since < oldest[1].since)) oldest = pair;
      }
      if (!oldest) {
        socket.destroy();
        return;
      }
      held.delete(oldest[0]);
      oldest[0].destroy();
    }
    held.set(socket, { since: Date.now() });
    socket.once('close', () => held.delete(socket));
  });

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const entry = held.get(request.socket);
    if (!entry) return;
    entry.request = request;
    response.once('finish', () => {
      entry.request = undefined;
      entry.since = Date.now();
    });
  });
}
