/* Setting up programmes (đề án) and their targets: one implementation for the CLI and the bot's /dean. */

import type { Db } from '../db/client.js';
import type { Actor } from '../db/repositories/audit.js';
import {
  getProgrammeByCode,
  listProgrammes,
  programmeTargetsOf,
  saveProgramme,
  setTarget,
} from '../db/repositories/programmes.js';
import { INDICATOR_NAMES } from '../domain/indicators.js';
import {
  describeProgramme,
  parseIndicatorRef,
  parseProgrammePeriod,
  parseTarget,
} from '../domain/programme.js';
import { percent } from '../domain/progress-format.js';
import { preview } from '../domain/vn.js';
import { type Outcome, usage } from './outcome.js';

export { PROGRAMME_USAGE } from '../help-texts.js';

const VERBS: Record<string, 'list' | 'add' | 'target'> = {
  list: 'list',
  ds: 'list',
  add: 'add',
  them: 'add',
  target: 'target',
  muctieu: 'target',
};

export function programmeCommand(db: Db, args: readonly string[], actor: Actor, now: Date): Outcome {
  const [word = 'list', code = '', ...rest] = args;
  const verb = VERBS[word.toLowerCase()];
  if (verb === 'list') {
    const all = listProgrammes(db).map((p) => describeProgramme(p, programmeTargetsOf(db, p.id)));
    return { ok: true, text: all.length > 0 ? all.join('\n\n') : 'Chưa có đề án nào.' };
  }
  if (verb === 'add' && code !== '' && rest.length >= 2) {
    const period = parseProgrammePeriod(rest[0] ?? '');
    if (!period.ok) return usage(period.error);
    const name = rest.slice(1).join(' ').trim();
    const p = saveProgramme(
      db,
      { code, name, periodFrom: period.value.from, periodTo: period.value.to },
      actor,
      now,
    );
    return { ok: true, text: `Đã lưu đề án ${p.code} (${rest[0]}): ${p.name}.` };
  }
  if (verb === 'target' && rest.length === 2) {
    const p = getProgrammeByCode(db, code);
    if (!p) return { ok: false, text: `Không có đề án mã ${preview(code)}.`, usage: false };
    const key = parseIndicatorRef(rest[0] ?? '');
    if (!key.ok) return usage(key.error);
    const target = parseTarget(rest[1] ?? '');
    if (!target.ok) return usage(target.error);
    setTarget(db, p.id, key.value, target.value, actor, now);
    return {
      ok: true,
      text: `Đề án ${p.code}: mục tiêu "${INDICATOR_NAMES[key.value]}" là ${percent(target.value)}.`,
    };
  }
  return usage('Thiếu hoặc thừa tham số.');
}
