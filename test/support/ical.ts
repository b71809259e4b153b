/**
 * RFC 5545 checks that ical.js does not make (it parses LF endings and missing UIDs happily):
 * CRLF line endings, line length in octets, folding, and the required calendar and event
 * properties. Returns the problems found, so a failing test says what is wrong.
 */
export function icalProblems(text: string): string[] {
  const problems: string[] = [];
  if (!text.endsWith('\r\n')) problems.push('the last line does not end with CRLF');
  if (/[^\r]\n/.test(text) || text.startsWith('\n')) problems.push('a line ends with LF only');
  if (/\r(?!\n)/.test(text)) problems.push('a bare CR');
  const physical = text.replace(/\r\n$/, '').split('\r\n');
  physical.forEach((line, i) => {
    const octets = Buffer.byteLength(line, 'utf8');
    if (octets > 75) problems.push(`line ${i + 1} has ${octets} octets (max 75): ${line}`);
  });
  const lines = unfold(text);
  if (lines[0] !== 'BEGIN:VCALENDAR') problems.push('does not start with BEGIN:VCALENDAR');
  if (lines[lines.length - 1] !== 'END:VCALENDAR') problems.push('does not end with END:VCALENDAR');
  const top = topLevel(lines);
  if (!top.includes('VERSION:2.0')) problems.push('no VERSION:2.0');
  if (!top.some((l) => /^PRODID:.+/.test(l))) problems.push('no PRODID');
  for (const [i, event] of components(lines, 'VEVENT').entries()) {
    const uid = event.filter((l) => /^UID:.+/.test(l));
    if (uid.length !== 1) problems.push(`event ${i + 1} has ${uid.length} UID lines`);
    const stamp = event.find((l) => l.startsWith('DTSTAMP'));
    if (!stamp || !/^DTSTAMP:\d{8}T\d{6}Z$/.test(stamp)) {
      problems.push(`event ${i + 1}: DTSTAMP must be a UTC date-time, got ${stamp ?? 'none'}`);
    }
    if (!event.some((l) => l.startsWith('DTSTART'))) problems.push(`event ${i + 1}: no DTSTART`);
  }
  return problems;
}

/** Joins folded lines (a CRLF followed by one space or tab continues the previous line). */
export function unfold(text: string): string[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l.length > 0);
}

/** Whether some content line was folded (a physical line starting with a space or tab). */
export function hasFoldedLines(text: string): boolean {
  return /\r\n[ \t]/.test(text);
}

function topLevel(lines: string[]): string[] {
  let depth = 0;
  const out: string[] = [];
  for (const l of lines) {
    if (l.startsWith('BEGIN:')) depth += 1;
    if (depth === 1 && !l.startsWith('BEGIN:')) out.push(l);
    if (l.startsWith('END:')) depth -= 1;
  }
  return out;
}

function components(lines: string[], name: string): string[][] {
  const out: string[][] = [];
  let current: string[] | null = null;
  let depth = 0;
  for (const l of lines) {
    if (l === `BEGIN:${name}`) {
      current = [];
      depth = 0;
      continue;
    }
    if (current) {
      if (l === `END:${name}` && depth === 0) {
        out.push(current);
        current = null;
        continue;
      }
      if (l.startsWith('BEGIN:')) depth += 1;
      if (l.startsWith('END:')) depth -= 1;
      if (depth === 0 && !l.startsWith('END:')) current.push(l);
    }
  }
  return out;
}
