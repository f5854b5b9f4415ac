/**
 * The lines of an import file, and an independent count of them to check the import's accounting against.
 *
 * Not `readline`: its interface starts reading when it is made and emits lines as events, and its async iterator
 * only holds the lines emitted after the iterator is taken. With a PostgreSQL server the importer awaits network
 * round trips before its first read, so the lines read meanwhile were dropped (2,153 of 8,999, reported as
 * success), and a short file was read to its end, 'close' included, before anyone listened (the command waited
 * for ever). Here nothing is opened until the importer asks for the first line, and the file is read only as fast
 * as the importer takes lines (a pull, so the import's pace holds the reading back).
 */
import { createReadStream } from 'node:fs';

/**
 * The file's lines without their end (`\n` or `\r\n`); a last line without an end counts. Nothing is read before
 * the first `next()`; closing the iterator early closes the file.
 */
export async function* readFileLines(file: string): AsyncGenerator<string, void, undefined> {
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8' }) as AsyncIterable<string>) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    for (const part of parts) yield part.endsWith('\r') ? part.slice(0, -1) : part;
  }
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

/** The number of lines `readFileLines` gives for the file, counted from its bytes alone. */
export async function countFileLines(file: string): Promise<number> {
  let newlines = 0;
  let last = -1;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(0x0a); at >= 0; at = chunk.indexOf(0x0a, at + 1)) newlines += 1;
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  return last === -1 || last === 0x0a ? newlines : newlines + 1;
}
