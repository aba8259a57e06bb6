/**
 * Strip characters of a set from the end of a string, from the end inwards. A pattern such as
 * /[\s|]+$/ is tried from every position of a long run that does not reach the end, which makes
 * it quadratic on a line of padding; this is linear.
 */
export function trimEndOf(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && (chars.includes(s[end - 1]) || (chars.includes(' ') && /\s/.test(s[end - 1])))) end--;
  return end === s.length ? s : s.slice(0, end);
}
