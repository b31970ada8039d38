/* The one part of unzipper (exceljs's own zip reader) src/xlsx/stream.ts uses: a zip opened by its central directory. */
declare module 'unzipper' {
  interface CentralEntry {
    path: string;
    stream(): NodeJS.ReadableStream;
  }
  interface Directory {
    files: CentralEntry[];
  }
  const unzipper: {
    Open: { file(path: string): Promise<Directory>; buffer(data: Buffer): Promise<Directory> };
  };
  export default unzipper;
}
