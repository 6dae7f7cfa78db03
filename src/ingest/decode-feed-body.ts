import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { InvalidError } from '../shared/errors.js';
import { IngestErrorCode } from './errors.js';

const MAX_GUNZIPPED_BYTES = 10 * 1024 * 1024;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** How the text was decoded, for logs and tests. */
export interface DecodedBody {
  text: string;
  encoding: string;
  /** True when the declared or guessed encoding was wrong and a fallback was used. */
  usedFallback: boolean;
}

/**
 * Turns feed bytes into text. Order of evidence: gzip magic bytes (a body saved or served
 * compressed without saying so), BOM, then the HTTP charset, then the XML declaration, then
 * UTF-8. A declared single-byte encoding loses to UTF-8 when the bytes are valid UTF-8 with
 * multi-byte sequences (that combination is almost never an accident), and bytes that are not
 * valid UTF-8 when UTF-8 was assumed are read as windows-1252.
 */
export function decodeFeedBody(bytes: Uint8Array, contentType?: string): DecodedBody {
  let buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0x1f && buffer[1] === 0x8b) {
    try {
      buffer = gunzipSync(buffer, { maxOutputLength: MAX_GUNZIPPED_BYTES });
    } catch (cause) {
      throw new InvalidError(IngestErrorCode.feedUnreadable, 'the feed is gzip-compressed but does not decompress', { cause });
    }
  }
  const bom = sniffBom(buffer);
  if (bom) return { text: iconv.decode(buffer.subarray(bom.length), bom.encoding), encoding: bom.encoding, usedFallback: false };

  const declared = charsetFromContentType(contentType) ?? charsetFromXmlDeclaration(buffer);
  const normalized = declared ? normalizeLabel(declared) : undefined;
  if (normalized && normalized !== 'utf-8' && iconv.encodingExists(normalized)) {
    if (isSingleByte(normalized) && looksLikeUtf8(buffer)) return utf8(buffer, false);
    return { text: iconv.decode(buffer, normalized), encoding: normalized, usedFallback: false };
  }
  try {
    return { text: UTF8.decode(buffer), encoding: 'utf-8', usedFallback: false };
  } catch {
    return { text: iconv.decode(buffer, 'windows-1252'), encoding: 'windows-1252', usedFallback: true };
  }
}

function utf8(buffer: Buffer, usedFallback: boolean): DecodedBody {
  return { text: UTF8.decode(buffer), encoding: 'utf-8', usedFallback };
}

function sniffBom(buffer: Buffer): { encoding: string; length: number } | undefined {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

function charsetFromContentType(contentType: string | undefined): string | undefined {
  return contentType?.match(/charset\s*=\s*"?([\w.:-]+)/i)?.[1];
}

function charsetFromXmlDeclaration(buffer: Buffer): string | undefined {
  const head = buffer.subarray(0, 512).toString('latin1');
  return head.match(/^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']/i)?.[1];
}

function normalizeLabel(label: string): string {
  const lower = label.trim().toLowerCase();
  if (lower === 'utf8' || lower === 'utf-8') return 'utf-8';
  // Browsers read "ISO-8859-1" and "ASCII" as windows-1252, and so do real feeds' authors.
  if (lower === 'iso-8859-1' || lower === 'latin1' || lower === 'us-ascii' || lower === 'ascii') return 'windows-1252';
  return lower;
}

function isSingleByte(encoding: string): boolean {
  return /^(windows-125\d|iso-8859-\d+|koi8-[ru]|cp125\d)$/.test(encoding);
}

function looksLikeUtf8(buffer: Buffer): boolean {
  if (!buffer.some((byte) => byte >= 0x80)) return false;
  try {
    UTF8.decode(buffer);
    return true;
  } catch {
    return false;
  }
}
