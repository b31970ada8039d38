import { foldVietnamese, type Parsed, preview } from './vn.js';

/*
 * The parts of a Party document (Hướng dẫn 36-HD/VPTW) that depend on who issues it: on the left the Party
 * organisation above the issuer, the issuer in capitals, "*", the number line; on the right "ĐẢNG CỘNG SẢN
 * VIỆT NAM" and "<place>, ngày dd tháng m năm yyyy"; at the end the signing block and the issuer's own copy
 * in "Nơi nhận". Derived from unit names, so a new unit needs no code.
 */

export interface Letterhead {
  /** `ĐẢNG BỘ TỈNH THÁI NGUYÊN`, or null at the top of a tree named otherwise. */
  above: string | null;
  /** `TỈNH ỦY`, `ĐẢNG ỦY XÃ THANH MAI`. */
  issuer: string;
  /** `Số      -BC/TU`. */
  number: string;
  /** `T/M BAN THƯỜNG VỤ`. */
  signedFor: string;
  /** Who keeps the issuer's copy, the last line of "Nơi nhận" (`Lưu Văn phòng Huyện ủy`). */
  keptBy: string;
}

const COMMITTEE = /^(tỉnh|thành|huyện|quận|thị) ủy\s+(.+)$/iu;
const GRASSROOTS = /^(?:đảng ủy|đảng bộ)\s+(xã|phường|thị trấn|đặc khu)\s+(.+)$/iu;

const LEVEL_WORDS: Record<string, string> = {
  tỉnh: 'tỉnh',
  thành: 'thành phố',
  huyện: 'huyện',
  quận: 'quận',
  thị: 'thị xã',
};

const upper = (s: string) => s.toLocaleUpperCase('vi');

/** `Tỉnh ủy Thái Nguyên` → `Đảng bộ tỉnh Thái Nguyên`; `Đảng ủy xã Thanh Mai` → `Đảng bộ xã Thanh Mai`. */
export function partyBodyOf(committeeName: string): string | null {
  const c = COMMITTEE.exec(committeeName.trim());
  if (c) return `Đảng bộ ${LEVEL_WORDS[(c[1] ?? '').toLowerCase()] ?? ''} ${c[2]}`;
  const g = GRASSROOTS.exec(committeeName.trim());
  return g ? `Đảng bộ ${(g[1] ?? '').toLowerCase()} ${g[2]}` : null;
}

/** The place on the date line: the unit's name without "Tỉnh ủy", "Đảng ủy xã", "Chi bộ"… */
export function placeOf(unitName: string): string {
  const name = unitName.trim();
  const c = COMMITTEE.exec(name) ?? GRASSROOTS.exec(name);
  if (c?.[2]) return c[2];
  return name.replace(/^(?:đảng ủy|đảng bộ|chi bộ)\s+/iu, '');
}

/**
 * The whole organisation a committee's figures cover (the committee and every unit below it), as a report
 * words it: `Huyện ủy Chợ Mới` → `toàn huyện`, `Đảng ủy xã Thanh Mai` → `toàn Đảng bộ xã Thanh Mai`; a chi bộ
 * (nothing below it) by its name.
 */
export function wholeOf(unitName: string): string {
  const name = unitName.trim();
  const c = COMMITTEE.exec(name);
  if (c) return `toàn ${LEVEL_WORDS[(c[1] ?? '').toLowerCase()] ?? ''}`;
  const party = /^(?:đảng ủy|đảng bộ)\s+(.+)$/iu.exec(name);
  return party ? `toàn Đảng bộ ${party[1]}` : name;
}

const OFFICES: Record<string, string> = {
  tinh: 'Văn phòng Tỉnh ủy',
  huyen: 'Văn phòng Huyện ủy',
  chi_bo: 'Chi bộ',
};

/** `Văn phòng Thành ủy`: the committee's office by its level (its name's, else its kind's); a chi bộ keeps its own copy. */
function keptBy(unit: { name: string; kind: string }): string {
  const level = COMMITTEE.exec(unit.name.trim())?.[1];
  if (level) return `Văn phòng ${level.charAt(0).toLocaleUpperCase('vi')}${level.slice(1).toLowerCase()} ủy`;
  return OFFICES[unit.kind] ?? 'Văn phòng Đảng ủy';
}

const SIGNER_POSITIONS = new Map([
  ['bi thu', 'BÍ THƯ'],
  ['pho bi thu', 'PHÓ BÍ THƯ'],
]);

/** Who signs for the standing committee: `Bí thư`, `phó bí thư`, `pho bi thu` → `BÍ THƯ`, `PHÓ BÍ THƯ`. */
export function parseSignerPosition(s: string): Parsed<string> {
  const position = SIGNER_POSITIONS.get(foldVietnamese(s));
  return position
    ? { ok: true, value: position }
    : {
        ok: false,
        error: `"${preview(s.trim())}" không phải chức vụ người ký: ghi "Bí thư" hoặc "Phó Bí thư".`,
      };
}

const SUFFIX: Record<string, string> = { tinh: 'TU', huyen: 'HU', xa: 'ĐU', co_so: 'ĐU', chi_bo: 'CB' };

export function letterhead(unit: { name: string; kind: string }, parentName: string | null): Letterhead {
  const own = COMMITTEE.exec(unit.name.trim());
  // Below a committee: its Party organisation above, the issuer's full name ("HUYỆN ỦY CHỢ MỚI").
  // At the top: the committee's own organisation above, the issuer by its level alone ("TỈNH ỦY").
  const top = parentName === null && own !== null;
  const above = top ? partyBodyOf(unit.name) : parentName ? partyBodyOf(parentName) : null;
  const issuer = top ? `${own[1]} ủy` : unit.name;
  const signedFor =
    unit.kind === 'tinh' || unit.kind === 'huyen'
      ? 'T/M BAN THƯỜNG VỤ'
      : unit.kind === 'chi_bo'
        ? 'T/M CHI ỦY'
        : 'T/M ĐẢNG ỦY';
  return {
    above: above ? upper(above) : null,
    issuer: upper(issuer),
    number: `Số        -BC/${SUFFIX[unit.kind] ?? 'ĐU'}`,
    signedFor,
    keptBy: keptBy(unit),
  };
}

/**
 * `Thái Nguyên, ngày 05 tháng 1 năm 2026` from ISO `2026-01-05`: the day in two digits, the month without a
 * leading zero, as 36-HD/VPTW itself is dated ("Hà Nội, ngày 03 tháng 4 năm 2018"; docs/domain.md, "The Word report").
 */
export function dateLine(place: string, isoDay: string): string {
  const [y, m, d] = isoDay.split('-');
  return `${place}, ngày ${d} tháng ${Number(m)} năm ${y}`;
}
