/**
 * A second process on a bot's database, for backup tests: `node --import tsx test/helpers/report-writer.ts DB`
 * saves conference reports through the real repository in a loop and prints each id once committed;
 * with `--hold` it only keeps the database open, idle, as a bot between updates does. Ends on SIGTERM.
 */
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { openDatabase } from '../../src/db/client.js';
import { createConferenceReport } from '../../src/db/repositories/conference-reports.js';
import { upsertUser } from '../../src/db/repositories/members.js';
import { getUnitByCode } from '../../src/db/repositories/units.js';

const [file, mode] = process.argv.slice(2);
if (!file) throw new Error('usage: report-writer.ts DB [--hold]');
const db = openDatabase(file);
let stopping = false;
process.once('SIGTERM', () => {
  stopping = true;
});

const unitId = getUnitByCode(db, 'XA_THANHMAI')?.id;
if (!unitId) throw new Error('seed the database first (seedWorld)');
upsertUser(db, { id: 42, firstName: 'Lan' });
process.stdout.write('ready\n');

if (mode === '--hold') {
  while (!stopping) await new Promise((r) => setTimeout(r, 20));
} else {
  const actor = { id: 42, label: 'lan' };
  for (let n = 0; !stopping; n++) {
    const id = createConferenceReport(
      db,
      {
        unitId,
        heldOn: '2026-11-20',
        documentIds: [1 + (n % 2)],
        form: 'truc_tiep',
        bridgePoints: 0,
        eligible: 126,
        present: n % 127,
        nonMemberAttendances: n,
        makeUp: n % 3 === 0,
        reporterPresent: true,
        note: `Hội nghị số ${n}`,
      },
      actor,
      new Date(),
    );
    process.stdout.write(`${id}\n`);
    if (n % 10 === 9) await yieldToEvents();
  }
}
db.$client.close();
