// Serves the built builder (dist/) on one port until the proxy (issue #6) takes this over.
import { serve } from '../tests/e2e/static-server.mjs';

const port = Number(process.env.PORT ?? 8080);
const root = new URL('../dist/', import.meta.url).pathname;
const server = await serve(root, port);
console.log(`ossbatch builder: ${server.url}/`);
