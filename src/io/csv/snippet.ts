/** The field text, truncated to 40 characters, as a JSON string for messages. */
export function quoteSnippet(bytes: Uint8Array, start: number, end: number): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.min(end - start, 160)).toString('utf8');
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
