import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/domain/indicators.js';
import { dateLine, letterhead } from '../../src/domain/letterhead.js';
import { summaryText } from '../../src/domain/summary-text.js';
import { renderSummaryDocx, type SummaryDocument } from '../../src/render/summary-docx.js';
import { readDocx } from '../helpers/docx-text.js';
import { DE_AN_07_TARGETS, sampleRaw } from '../helpers/indicator-fixtures.js';

const results = evaluate(
  sampleRaw({
    online_reach: { num: 13, den: 14 },
    reporters_trained: { num: 10, den: 10 },
    inspection: { num: 27, den: 28 },
  }),
  DE_AN_07_TARGETS,
);

const doc: SummaryDocument = {
  letterhead: letterhead({ name: 'Huyện ủy Chợ Mới', kind: 'huyen' }, 'Tỉnh ủy Bắc Kạn'),
  dateLine: dateLine('Chợ Mới', '2022-09-22'),
  text: summaryText({
    programmeCode: '07-ĐA/TU',
    programmeStart: 2017,
    subject: 'toàn huyện',
    span: { from: 2018, to: 2022 },
    results,
    counters: {
      conferences: 486,
      membersPresent: 31_000,
      nonMemberAttendances: 8_000,
      communes: 14,
      communesWithLoudspeaker: 14,
      bridgePoints: { huyen: 2, xa: 14 },
      collectives: 4,
      individuals: 7,
    },
  }),
  results,
  recipients: ['Tỉnh ủy Bắc Kạn (để báo cáo)', 'Các tổ chức đảng trực thuộc', 'Lưu Văn phòng Huyện ủy'],
  signer: { position: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn An' },
};

describe('the summary as a Word document', () => {
  it('has the Party letterhead, the date line, the title and the three sections', async () => {
    const { paragraphs } = await readDocx(await renderSummaryDocx(doc));
    const at = (text: string) => paragraphs.indexOf(text);
    expect(at('ĐẢNG BỘ TỈNH BẮC KẠN')).toBeGreaterThanOrEqual(0);
    expect(at('HUYỆN ỦY CHỢ MỚI')).toBe(at('ĐẢNG BỘ TỈNH BẮC KẠN') + 1);
    expect(paragraphs).toContain('*');
    expect(paragraphs).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(paragraphs).toContain('Chợ Mới, ngày 22 tháng 9 năm 2022');
    expect(at('Tổng kết thực hiện Đề án 07-ĐA/TU giai đoạn 2018–2022')).toBe(at('BÁO CÁO') + 1);
    const sections = ['I. KẾT QUẢ THỰC HIỆN', 'II. KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU', 'III. KHEN THƯỞNG'].map(
      at,
    );
    expect(sections.every((i, n) => i > at('BÁO CÁO') && (n === 0 || i > (sections[n - 1] ?? 0)))).toBe(true);
    expect(paragraphs).toContain(doc.text.activities);
    expect(
      paragraphs.some((p) => p.includes('cho 39.000 lượt người tham dự (trong đó 31.000 lượt đảng viên')),
    ).toBe(true);
    expect(paragraphs).toContain('Nơi nhận:');
    expect(paragraphs).toContain('- Lưu Văn phòng Huyện ủy.');
  });

  it('puts the date line on the row of the number, and ends the body with "./."', async () => {
    const { xml, paragraphs } = await readDocx(await renderSummaryDocx(doc));
    const letterheadTable = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? '';
    const rows = [...letterheadTable.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) =>
      [...(c[1] ?? '').matchAll(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)].map((p) =>
        [...p[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
      ),
    );
    const [left = [], right = []] = rows;
    expect(right.indexOf('Chợ Mới, ngày 22 tháng 9 năm 2022')).toBe(
      left.findIndex((l) => l.startsWith('Số')),
    );
    expect(paragraphs).toContain(`${doc.text.commendations}/.`);
  });

  it('signs for the standing committee: T/M BAN THƯỜNG VỤ, the position, room to sign, the name', async () => {
    const { paragraphs } = await readDocx(await renderSummaryDocx(doc));
    const from = paragraphs.indexOf('T/M BAN THƯỜNG VỤ');
    expect(from).toBeGreaterThan(paragraphs.indexOf('Nơi nhận:'));
    expect(paragraphs[from + 1]).toBe('PHÓ BÍ THƯ');
    const name = paragraphs.indexOf('Nguyễn Văn An');
    expect(name).toBeGreaterThan(from + 2);
    expect(paragraphs.slice(from + 2, name).every((p) => p.trim() === '')).toBe(true);
    // Without a name, the lines to sign on stay; nothing is made up.
    const unnamed = await readDocx(
      await renderSummaryDocx({ ...doc, signer: { position: 'BÍ THƯ', name: '' } }),
    );
    const at = unnamed.paragraphs.indexOf('T/M BAN THƯỜNG VỤ');
    expect(unnamed.paragraphs[at + 1]).toBe('BÍ THƯ');
  });

  it('numbers the pages from the second, at the top, as 36-HD/VPTW does', async () => {
    const data = await renderSummaryDocx(doc);
    const { xml } = await readDocx(data);
    expect(xml).toMatch(/<w:titlePg\/>/);
    const zip = await JSZip.loadAsync(data);
    const part = async (type: string) => {
      const id = new RegExp(`<w:headerReference w:type="${type}" r:id="(rId\\d+)"`).exec(xml)?.[1];
      const rels = (await zip.file('word/_rels/document.xml.rels')?.async('string')) ?? '';
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
      return (await zip.file(`word/${target}`)?.async('string')) ?? '';
    };
    expect(await part('default')).toMatch(/PAGE/);
    expect(await part('first')).not.toMatch(/PAGE/);
  });

  it('tabulates the seven indicators: result, rate, target, verdict', async () => {
    const { tables } = await readDocx(await renderSummaryDocx(doc));
    const table = tables.find((t) => t[0]?.[0] === 'TT');
    expect(table?.[0]).toEqual(['TT', 'Chỉ tiêu', 'Kết quả', 'Tỷ lệ', 'Mục tiêu', 'Đánh giá']);
    expect(table?.slice(1)).toEqual([
      ['1', 'Học tập trực tuyến đến xã', '13/14', '92,86%', '100%', 'Chưa đạt'],
      ['2', 'Đảng viên học tập', '3.902/4.000', '97,55%', '90%', 'Đạt'],
      ['3', 'Nhân dân biết nghị quyết', '—', '—', '80%', 'Chưa có dữ liệu'],
      ['4', 'Báo cáo viên được tập huấn', '10/10', '100%', '100%', 'Đạt'],
      ['5', 'TCCSĐ có kế hoạch kịp thời', '14/14', '100%', '100%', 'Đạt'],
      ['6', 'Bí thư, người đứng đầu có KH cá nhân', '90/100', '90%', '90%', 'Đạt'],
      ['7', 'Cấp ủy, UBKT có chương trình KT, GS', '27/28', '96,43%', '100%', 'Chưa đạt'],
    ]);
  });

  it('is laid out on A4 with the margins of 36-HD/VPTW in Times New Roman 14 pt', async () => {
    const data = await renderSummaryDocx(doc);
    const { xml } = await readDocx(data);
    // 210 × 297 mm; top and bottom 20 mm, left 30 mm, right 15 mm (in twentieths of a point).
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    const styles = (await (await JSZip.loadAsync(data)).file('word/styles.xml')?.async('string')) ?? '';
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:ascii="Times New Roman"[\s\S]*<w:sz w:val="28"\/>/);
  });
});
