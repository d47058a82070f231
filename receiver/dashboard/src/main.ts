// The dashboard page's bundle (GET /dashboard/app.js): one file, served by the receiver,
// loaded by the page under `script-src 'self'`.
import './app.js';
