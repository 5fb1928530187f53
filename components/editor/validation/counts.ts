/** "1 warning", "2 warnings", "0 errors". */
export function countOf(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}
