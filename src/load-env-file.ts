/* Imported first by the entry points that start services (main, sandbox): `.env` is read before
   the entry point's own code, and before src/config.ts, the only reader of process.env, is called. */
import { loadEnvFile } from './env-file.js';

loadEnvFile();
