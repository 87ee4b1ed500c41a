/** The first line of a prompt, cut at a word boundary to about `max` characters. */
export function excerpt(prompt: string, max = 180): string {
  const line = prompt.split('\n')[0]!;
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  // Chinese has no spaces between words: cut there as is; elsewhere back off to the last whole word.
  return (/\p{Script=Han}/u.test(cut.slice(-20)) ? cut : cut.replace(/\s+\S*$/, '')) + '…';
}
