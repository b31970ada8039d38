import JSZip from 'jszip';

/*
 * What a person reads in a .docx: a .docx is a zip whose word/document.xml holds paragraphs (<w:p>) of
 * runs (<w:t>) and tables of rows (<w:tr>) of cells (<w:tc>).
 */

export interface DocxText {
  xml: string;
  /** Every paragraph's text, tables included, in order. */
  paragraphs: string[];
  /** Each table: rows of cell texts. */
  tables: string[][][];
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const textOf = (xml: string) =>
  decodeXml([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1] ?? '').join(''));

const all = (xml: string, tag: string) =>
  [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1] ?? '');

export async function readDocx(data: Buffer | Uint8Array): Promise<DocxText> {
  const zip = await JSZip.loadAsync(data);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  return {
    xml,
    paragraphs: all(xml, 'w:p').map(textOf),
    // Tables here are not nested, so a lazy match finds each whole.
    tables: all(xml, 'w:tbl').map((t) => all(t, 'w:tr').map((r) => all(r, 'w:tc').map(textOf))),
  };
}
