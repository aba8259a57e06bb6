/** A Word list counter written in a level's w:numFmt (ECMA-376 §17.18.59), the formats reports use. */

const CN_DIGITS = '零一二三四五六七八九';
const LEGAL_SIMPLIFIED = '零壹贰叁肆伍陆柒捌玖';
const LEGAL_TRADITIONAL = '零壹貳參肆伍陸柒捌玖';
const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';
const EARTHLY_BRANCHES = '子丑寅卯辰巳午未申酉戌亥';

/** 1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五 (digits and unit characters given). */
function chinese(n: number, digits: string, units: string[]): string {
  if (n <= 0 || n >= 10000) return String(n);
  const parts: string[] = [];
  const s = String(n);
  let zero = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const unit = units[s.length - 1 - i];
    if (d === 0) {
      zero = parts.length > 0;
      continue;
    }
    if (zero) parts.push(digits[0]);
    zero = false;
    // 十一 not 一十一 when the number starts at the tens
    parts.push(d === 1 && unit === units[1] && i === 0 ? unit : digits[d] + unit);
  }
  return parts.join('');
}

function letters(n: number, base: string): string {
  // Word repeats the letter: 27 → aa, 28 → bb
  const letter = base[(n - 1) % 26];
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [v, r] of table) while (n >= v) (out += r), (n -= v);
  return out;
}

const enclosed = (n: number, first: number, max: number) => (n >= 1 && n <= max ? String.fromCodePoint(first + n - 1) : String(n));

export function formatNumber(n: number, numFmt: string): string {
  switch (numFmt) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'koreanCounting':
      return chinese(n, CN_DIGITS, ['', '十', '百', '千']);
    case 'chineseLegalSimplified':
      return chinese(n, LEGAL_SIMPLIFIED, ['', '拾', '佰', '仟']);
    case 'ideographLegalTraditional':
      return chinese(n, LEGAL_TRADITIONAL, ['', '拾', '佰', '仟']);
    case 'ideographTraditional':
      return HEAVENLY_STEMS[(n - 1) % 10] ?? String(n);
    case 'ideographZodiac':
      return EARTHLY_BRANCHES[(n - 1) % 12] ?? String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
    case 'ideographEnclosedCircle':
      return enclosed(n, 0x2460, 20); // ①
    case 'decimalEnclosedParen':
      return enclosed(n, 0x2474, 20); // ⑴
    case 'decimalEnclosedFullstop':
      return enclosed(n, 0x2488, 20); // ⒈
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'lowerLetter':
      return letters(n, 'abcdefghijklmnopqrstuvwxyz');
    case 'upperLetter':
      return letters(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'none':
    case 'bullet':
      return '';
    default:
      return String(n); // decimal, and formats no report uses
  }
}
