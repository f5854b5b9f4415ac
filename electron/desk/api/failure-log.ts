/**
 * The line a desk writes to its log when a call fails unexpectedly. Only what kind of failure it was and where in
 * our code: never the error's message, which is not ours to vouch for. A file error names the path (a scan is often
 * named after the citizen: "Nguyễn Văn A CCCD 0012….pdf"), and V8's JSON errors quote the text that failed to parse.
 */
export function failureLogLine(method: string, e: unknown): string {
  if (!(e instanceof Error)) return `desk: ${method} failed: unknown error`;
  const { code, syscall } = e as NodeJS.ErrnoException;
  const kind = [e.name, typeof code === 'string' ? code : null, typeof syscall === 'string' ? `(${syscall})` : null].filter(Boolean).join(' ');
  return `desk: ${method} failed: ${kind}${whereInOurCode(e.stack)}`;
}

/** " at file.ts:12:5", the first frame outside node_modules and Node's own modules, if any. */
function whereInOurCode(stack: string | undefined): string {
  for (const line of stack?.split('\n').slice(1) ?? []) {
    const frame = /\(?((?:file:\/\/)?\/[^()\s]+?):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!frame || frame[1]!.includes('/node_modules/')) continue;
    return ` at ${frame[1]!.split('/').slice(-2).join('/')}:${frame[2]}`;
  }
  return '';
}
