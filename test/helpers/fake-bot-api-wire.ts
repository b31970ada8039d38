/** Request decoding for the fake Bot API: JSON, urlencoded/query and multipart/form-data bodies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiFailure } from './fake-bot-api-format.js';

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** What a file part looks like inside a recorded payload (the bytes are in `ApiCall.files`). */
export interface FileRef {
  filename: string;
  size: number;
  contentType: string;
}

/** One recorded request to the fake. */
export interface ApiCall {
  seq: number;
  method: string;
  /** The parameters, JSON or multipart (file parts become `FileRef`s; their bytes are in `files`). */
  payload: Record<string, unknown>;
  files: UploadedFile[];
  at: number;
  status: 'pending' | 'ok' | 'error' | 'dropped';
  result?: unknown;
  error?: { error_code: number; description: string; retry_after?: number };
}

export interface DecodedBody {
  payload: Record<string, unknown>;
  files: UploadedFile[];
}

// Fields telegraf (and Telegram) send as JSON strings inside multipart bodies.
const JSON_FIELDS = new Set([
  'reply_markup',
  'reply_parameters',
  'caption_entities',
  'entities',
  'link_preview_options',
  'media',
  'results',
  'commands',
  'scope',
  'allowed_updates',
]);
const NUMERIC_FIELDS = new Set(['chat_id', 'message_id', 'reply_to_message_id', 'message_thread_id']);

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Multipart and query values are strings; turn them back into what a JSON caller would have sent. */
function coerce(name: string, value: string): unknown {
  if (NUMERIC_FIELDS.has(name) && /^-?\d+$/.test(value)) return Number(value);
  if (JSON_FIELDS.has(name)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

export function decodeBody(
  contentType: string | undefined,
  body: Buffer,
  query: URLSearchParams,
): DecodedBody {
  const payload: Record<string, unknown> = {};
  for (const [k, v] of query) payload[k] = coerce(k, v);
  const type = (contentType ?? '').toLowerCase();
  if (body.length === 0) return { payload, files: [] };
  if (type.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed !== null && typeof parsed === 'object') Object.assign(payload, parsed);
    return { payload, files: [] };
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) payload[k] = coerce(k, v);
    return { payload, files: [] };
  }
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  if (type.startsWith('multipart/form-data') && boundary) {
    return parseMultipart(body, boundary[1] ?? boundary[2] ?? '', payload);
  }
  throw new Error(`unsupported content-type ${contentType ?? '(none)'}`);
}

function parseMultipart(body: Buffer, boundary: string, payload: Record<string, unknown>): DecodedBody {
  const files: UploadedFile[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break; // closing delimiter
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    // A part is: CRLF headers CRLF CRLF content CRLF, up to the next delimiter.
    const part = body.subarray(partStart + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const content = part.subarray(headerEnd + 4);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
    const contentType =
      /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
    if (name !== undefined && name !== 'method') {
      if (filename === undefined) {
        payload[name] = coerce(name, content.toString('utf8'));
      } else {
        const ref: FileRef = { filename, size: content.length, contentType };
        payload[name] = ref;
        files.push({ field: name, filename, contentType, data: Buffer.from(content) });
      }
    }
    start = next;
  }
  return { payload, files };
}

/** Writes `{ ok: true, result }`, or for an ApiFailure Telegram's error shape with the same HTTP status. */
export function writeAnswer(res: ServerResponse, result: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const body =
    result instanceof ApiFailure
      ? {
          ok: false,
          error_code: result.error_code,
          description: result.description,
          ...(result.retry_after === undefined ? {} : { parameters: { retry_after: result.retry_after } }),
        }
      : { ok: true, result };
  const status = result instanceof ApiFailure ? result.error_code : 200;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Records the outcome of a call on its record. */
export function settle(call: ApiCall, result: unknown): void {
  if (result instanceof ApiFailure) {
    call.status = 'error';
    call.error = { error_code: result.error_code, description: result.description };
    if (result.retry_after !== undefined) call.error.retry_after = result.retry_after;
  } else {
    call.status = 'ok';
    call.result = result;
  }
}
