import { loadConfig } from './config.js';
import { startServer } from './server.js';
import { loadPdfModule, pdfBrowserInstalled } from './services/minutes-pdf.service.js';

const config = loadConfig();
// Before serving: loading the PDF renderer's modules holds the main thread (minutes-pdf.service.ts).
if (pdfBrowserInstalled()) await loadPdfModule();
const running = await startServer(config);
// A PostgreSQL URL may carry a password: never print it.
const database = config.databasePath.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^@]*@/i, '$1:***@');
console.log(`议事 Yishi is serving ${running.url} (database: ${database})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`Received ${signal}; closing.`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
