/* Imported first by the entry points that start services (main, sandbox): `.env` is read before any module. */
import { loadEnvFile } from './env-file.js';

loadEnvFile();
