import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's root, where drizzle/, holidays/ and data-samples/ are read from: found from this module, one
 * level below it both in src/ (tsx, the tests) and in the bundled dist/ (docs/architecture.md, "Build and
 * start"), never from the working directory, so the bot starts from any folder.
 */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
