/** `npm start`: serves the project so the demo can load the freshly built dist/. */
import { createReceiptReceiver } from '../server/receipt-receiver.mjs';
import { startStaticServer } from './static-server.mjs';

const port = Number(process.env.PORT ?? 8000);
const server = await startStaticServer({ root: new URL('../', import.meta.url).pathname, port, host: 'localhost' });
console.log(`ib-cookie-consent demo: http://localhost:${server.port}/demo/`);
// The demo's data-receipt-url: receipts arrive here, one console line each.
const receipts = new URL('../consent-receipts.jsonl', import.meta.url).pathname;
server.setHandler('/api/consent-receipts', createReceiptReceiver({ file: receipts }));
console.log('The demo loads a local stand-in for gtag.js; nothing is sent to Google. Ctrl+C stops.');
console.log(`Consent receipts: POST /api/consent-receipts, appended to ${receipts}`);
