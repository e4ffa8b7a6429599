/** `npm start`: serves the project so the demo can load the freshly built dist/. */
import { startStaticServer } from './static-server.mjs';

const port = Number(process.env.PORT ?? 8000);
const server = await startStaticServer({ root: new URL('../', import.meta.url).pathname, port, host: 'localhost' });
console.log(`ib-cookie-consent demo: http://localhost:${server.port}/demo/`);
console.log('The demo loads a local stand-in for gtag.js; nothing is sent to Google. Ctrl+C stops.');
