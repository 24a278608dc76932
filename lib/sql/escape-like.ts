/** Escapes LIKE wildcards so a search for "50%" or "a_b" means exactly that text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
