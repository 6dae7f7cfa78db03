import { isoInZone } from '../../../views/format.js';

const wallTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** A `datetime-local` value: `date` as a clock on the wall in `timeZone` reads it. */
export function toWallTime(date: Date, timeZone: string): string {
  return isoInZone(date, timeZone).slice(0, 16);
}

function offsetAt(instant: number, timeZone: string): number {
  return Date.parse(`${isoInZone(new Date(instant), timeZone).slice(0, 19)}Z`) - instant;
}

/**
 * The instant a `datetime-local` value ("2026-11-24T17:40") names in `timeZone`, or null if it
 * is no real date and time. A wall time skipped or repeated by a daylight-saving change gets
 * one of the offsets either side of it.
 */
export function fromWallTime(value: string, timeZone: string): Date | null {
  const match = wallTimePattern.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (year < 1970 || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  // The offset at the wall time read as UTC is right except near a change of offset; a
  // second look from the first guess settles it.
  const guess = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(guess, timeZone));
}
