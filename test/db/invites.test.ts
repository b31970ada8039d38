import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditTrail, CLI_ACTOR } from '../../src/db/repositories/audit.js';
import {
  createInvite,
  findOpenInvite,
  openInvitesOf,
  redeemInvite,
  revokeInvite,
} from '../../src/db/repositories/invites.js';
import { getSetting, setSetting } from '../../src/db/repositories/settings.js';
import { getUnitByCode, upsertUnits } from '../../src/db/repositories/units.js';
import { members, users } from '../../src/db/schema.js';
import { testDb } from '../helpers/test-db.js';

const NOW = new Date('2025-07-10T02:00:00Z');
const LATER = new Date('2025-07-12T02:00:00Z');
const ALICE = { id: 1001, firstName: 'Lan', lastName: 'Nguyễn', username: 'lan' };
const BOB = { id: 1002, firstName: 'Minh' };

function setup() {
  const db = testDb();
  const base = { kind: 'xa' as const, parentCode: null, successorCode: null, validFrom: '2020-01-01' };
  upsertUnits(
    db,
    [
      { ...base, code: 'XA_NEW', name: 'Đảng ủy xã Tân Kỳ', validTo: null },
      { ...base, code: 'XA_OLD', name: 'Đảng ủy xã Tân Sơn', validTo: '2025-06-30' },
    ],
    CLI_ACTOR,
    NOW,
  );
  const unitId = getUnitByCode(db, 'XA_NEW')?.id ?? 0;
  return { db, unitId };
}

describe('invites', () => {
  it('creates a 10-character code valid 14 days, audited', () => {
    const { db, unitId } = setup();
    const invite = createInvite(db, { unitId, role: 'bi_thu', createdBy: null, now: NOW });
    expect(invite.code).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);
    expect(invite.expiresAt.getTime() - NOW.getTime()).toBe(14 * 86_400_000);
    expect(auditTrail(db, 'invite', invite.code)).toHaveLength(1);
    expect(findOpenInvite(db, unitId, 'bi_thu', NOW)?.code).toBe(invite.code);
    expect(findOpenInvite(db, unitId, 'lanh_dao', NOW)).toBeNull();
  });

  it('lists the open invites of a unit (not used, expired or cancelled), soonest to expire first', () => {
    const { db, unitId } = setup();
    const open = (now: Date) => openInvitesOf(db, unitId, now).map((i) => i.role);
    const make = (role: 'bi_thu' | 'lanh_dao' | 'quan_tri', ttlDays: number) =>
      createInvite(db, { unitId, role, createdBy: null, now: NOW, ttlDays }).code;
    make('lanh_dao', 14);
    make('quan_tri', 1);
    const used = make('bi_thu', 7);
    const cancelled = make('bi_thu', 7);
    expect(open(NOW)).toEqual(['quan_tri', 'bi_thu', 'bi_thu', 'lanh_dao']);
    expect(redeemInvite(db, used, ALICE, NOW).ok).toBe(true);
    expect(revokeInvite(db, cancelled, CLI_ACTOR, NOW).ok).toBe(true);
    expect(open(NOW)).toEqual(['quan_tri', 'lanh_dao']);
    expect(open(LATER)).toEqual(['lanh_dao']);
  });

  it('makes the user a member once; a used code fails even for the same user', () => {
    const { db, unitId } = setup();
    const { code } = createInvite(db, { unitId, role: 'bi_thu', createdBy: null, now: NOW });
    const first = redeemInvite(db, code.toLowerCase(), ALICE, LATER);
    expect(first).toMatchObject({ ok: true, role: 'bi_thu', unit: { code: 'XA_NEW' } });
    expect(db.select().from(users).where(eq(users.id, ALICE.id)).get()?.lastName).toBe('Nguyễn');
    const rows = db.select().from(members).all();
    expect(rows.map((m) => [m.userId, m.unitId, m.role, m.revokedAt])).toEqual([
      [ALICE.id, unitId, 'bi_thu', null],
    ]);
    expect(auditTrail(db, 'member', rows[0]?.id ?? 0).map((a) => [a.action, a.actorId])).toEqual([
      ['create', ALICE.id],
    ]);

    expect(redeemInvite(db, code, ALICE, LATER)).toEqual({ ok: false, reason: 'used' });
    expect(redeemInvite(db, code, BOB, LATER)).toEqual({ ok: false, reason: 'used' });
    expect(db.select().from(members).all()).toHaveLength(1);
    expect(findOpenInvite(db, unitId, 'bi_thu', LATER)).toBeNull();
  });

  it('refuses a wrong code, an expired invite and a unit closed by a merger, changing nothing', () => {
    const { db, unitId } = setup();
    expect(redeemInvite(db, 'NOPE234567', ALICE, LATER)).toEqual({ ok: false, reason: 'not_found' });
    const { code } = createInvite(db, { unitId, role: 'lanh_dao', createdBy: null, now: NOW, ttlDays: 1 });
    expect(redeemInvite(db, code, ALICE, LATER)).toEqual({ ok: false, reason: 'expired' });
    const oldUnit = getUnitByCode(db, 'XA_OLD')?.id ?? 0;
    const closed = createInvite(db, { unitId: oldUnit, role: 'bi_thu', createdBy: null, now: NOW });
    expect(redeemInvite(db, closed.code, ALICE, LATER)).toEqual({ ok: false, reason: 'unit_closed' });
    expect(db.select().from(members).all()).toEqual([]);
    expect(db.select().from(users).all()).toEqual([]);
  });

  it('restores a revoked membership instead of adding a second one', () => {
    const { db, unitId } = setup();
    const first = createInvite(db, { unitId, role: 'bi_thu', createdBy: null, now: NOW });
    redeemInvite(db, first.code, ALICE, NOW);
    db.update(members).set({ revokedAt: NOW }).run();
    const second = createInvite(db, { unitId, role: 'bi_thu', createdBy: 42, now: NOW });
    expect(redeemInvite(db, second.code, { ...ALICE, firstName: 'Lan Anh' }, LATER).ok).toBe(true);
    const rows = db.select().from(members).all();
    expect(rows.map((m) => m.revokedAt)).toEqual([null]);
    expect(auditTrail(db, 'member', rows[0]?.id ?? 0).map((a) => a.action)).toEqual(['update', 'create']);
    expect(db.select().from(users).get()?.firstName).toBe('Lan Anh');
  });
});

describe('settings', () => {
  it('stores and replaces a value, and gives null for an unknown key', () => {
    const db = testDb();
    expect(getSetting(db, 'bot_username')).toBeNull();
    setSetting(db, 'bot_username', 'old_bot');
    setSetting(db, 'bot_username', 'hoctap_bot');
    expect(getSetting(db, 'bot_username')).toBe('hoctap_bot');
  });
});
