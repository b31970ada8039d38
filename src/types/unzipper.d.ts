/* The one part of unzipper (exceljs's own zip reader) src/xlsx/stream.ts uses: a zip opened by its central directory. */
declare module 'unzipper' {
  interface CentralEntry {
    path: string;
    stream(): NodeJS.ReadableStream;
  }
  const unzipper: { Open: { file(path: string): Promise<{ files: CentralEntry[] }> } };
  export default unzipper;
}
